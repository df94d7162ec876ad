/**
 * Who needs what the Framework grants by itself: the auto-grants of a role (statements, managed
 * policies, trust principals), the settings that caused them, and an index of which functions
 * need each of them. Shared by no-leaked-grants (a grant reaching functions that do not need it)
 * and no-unused-grants (a grant reaching no function that needs it).
 *
 * Not a rule: this module has no default export.
 */
import { Unknown, type Path, type Plain } from '../../src/load/node.js';
import type { AutoGrantKind, GrantCause, RoleModel, StatementModel } from '../../src/synthesize/model.js';
import { valueAt } from './config.js';
import { managedPolicyName } from './intrinsics.js';
import { isMap, stableKey, type PlainMap } from './plain.js';
import { actionsText } from './text.js';

export type AutoProvenance = { kind: 'auto'; grant: AutoGrantKind; causes: GrantCause[] };

/**
 * Grants whose content is the same whoever causes them (X-Ray, ManageConnections, the ENI
 * statement, trust principals, managed policies): every function that causes one needs all of it.
 * Every other kind carries the causing function's own resources (its queue, stream, key, topic …).
 */
export const UNIFORM: ReadonlySet<AutoGrantKind> = new Set<AutoGrantKind>([
  'xray',
  'websocket',
  'cloudfront',
  'durable',
  'vpc',
  'ec2-network',
  'logs',
  'logs-deny',
  'lambda-trust',
]);

/**
 * Grants the Framework adds to the shared role even for a function that gets a dedicated role
 * (semantics §11: X-Ray, durable, websockets, CloudFront and the VPC trigger are not guarded).
 * Giving the causing function its own role does not take these off the shared role.
 */
export const UNGUARDED: ReadonlySet<AutoGrantKind> = new Set<AutoGrantKind>(['xray', 'durable', 'websocket', 'cloudfront', 'vpc']);

/** One auto-grant of a role. */
export interface AutoItem {
  what: 'statement' | 'policy' | 'trust';
  provenance: AutoProvenance;
  /** Human text of what is granted. */
  grant: string;
  statement?: StatementModel;
  /** Deep-equality key of a statement's content (Sid aside). */
  docKey?: string;
}

/** `managed policy AWSLambdaVPCAccessExecutionRole`. */
function policyText(arn: Plain): string {
  const name = managedPolicyName(arn);
  const i = name.lastIndexOf('/');
  return `managed policy ${i >= 0 ? name.slice(i + 1) : name}`;
}

/** The Framework's own Allow statements, managed policies and trust principals of a role (not the lambda trust). */
export function autoItems(role: RoleModel): AutoItem[] {
  const items: AutoItem[] = [];
  for (const s of role.statements) {
    if (s.provenance.kind !== 'auto' || s.document.Effect !== 'Allow') continue;
    const { Sid: _sid, ...rest } = s.document;
    items.push({ what: 'statement', provenance: s.provenance, grant: actionsText(s.document.Action), statement: s, docKey: stableKey(rest) });
  }
  for (const p of role.managedPolicies) {
    if (p.provenance.kind === 'auto') items.push({ what: 'policy', provenance: p.provenance, grant: policyText(p.arn) });
  }
  for (const t of role.trust) {
    if (t.provenance.kind === 'auto' && t.provenance.grant !== 'lambda-trust') {
      items.push({ what: 'trust', provenance: t.provenance, grant: `trust of ${String(t.principal)}` });
    }
  }
  return items;
}

/** The auto-grants of a role and who needs each of them. */
export interface RoleGrants {
  items: readonly AutoItem[];
  needs: NeedIndex;
}

/** Per role (no-leaked-grants and no-unused-grants both index every role); never mutated. */
const roleGrantsCache = new WeakMap<RoleModel, RoleGrants>();

/** `autoItems` of the role and their `NeedIndex`, built once per role; `config` is the config of the role's service. */
export function roleGrantsOf(config: PlainMap, role: RoleModel): RoleGrants {
  let grants = roleGrantsCache.get(role);
  if (!grants) {
    const items = autoItems(role);
    roleGrantsCache.set(role, (grants = { items, needs: new NeedIndex(config, items) }));
  }
  return grants;
}

/** Does the item carry the causing function's own resource (its queue, key …) rather than the same grant for everyone? */
export function isPerResource(item: AutoItem): boolean {
  return item.what === 'statement' && !UNIFORM.has(item.provenance.grant);
}

/** A `vpc` value that configures a VPC; `null`, `false` and `{}` only trigger the policy (no-ignored-settings reports those). */
export function realVpc(value: Plain | undefined): boolean {
  return value instanceof Unknown || (isMap(value) && Object.keys(value).length > 0);
}

/** Length of the function's own path at the start of a cause's setting (`functions.x…` or `functions[i].x…`); 0 when the setting is not written on the function. */
function functionPrefix(c: GrantCause): number {
  if (c.function === undefined || c.setting[0] !== 'functions') return 0;
  if (c.setting[1] === c.function) return 2;
  if (typeof c.setting[1] === 'number' && c.setting[2] === c.function) return 3;
  return 0;
}

/** A cause written on a function (not a provider-wide setting such as `provider.tracing`). */
export function isFunctionCause(c: GrantCause): c is GrantCause & { function: string } {
  return functionPrefix(c) > 0;
}

/**
 * The setting a finding is about: one event (`functions.x.events[2].activemq`, whatever part of it
 * the grant came from), one destination, or the function-level key (`onError`, `kmsKeyArn` …).
 */
export function causeRoot(c: GrantCause): Path {
  const n = functionPrefix(c);
  const setting = c.setting;
  if (setting[n] === 'events') return setting.slice(0, n + 3);
  if (setting[n] === 'destinations') return setting.slice(0, n + 2);
  return setting.slice(0, n + 1);
}

/** The resource a cause contributes, for comparing causes: `{arn: X, …}` and `X` are the same. */
function causeValue(config: PlainMap, setting: Path): string {
  let v = valueAt(config, setting);
  if (isMap(v) && 'arn' in v) v = v.arn;
  return stableKey(v);
}

/**
 * Who needs each grant of one role, indexed once per role (linear in the number of causes).
 * A function needs what an item grants because of cause `c` when it is the causing function,
 * when it is among the item's causes and the grant is the same whoever causes it (UNIFORM, trust,
 * managed policies), when its own setting contributes the same resource (`{arn: X}` = `X`), or
 * when it causes another auto statement of the role with identical content (e.g. the ENI
 * statement every broker consumer adds).
 */
export class NeedIndex {
  private readonly causeFns = new Map<AutoItem, Set<string>>();
  private readonly valueGroups = new Map<AutoItem, Map<string, Set<string>>>();
  private readonly causeValues = new Map<GrantCause, string>();
  private readonly docFns = new Map<string, Set<string>>();

  constructor(config: PlainMap, items: readonly AutoItem[]) {
    const byDoc = new Map<string, AutoItem[]>();
    for (const item of items) {
      if (isPerResource(item)) {
        const groups = new Map<string, Set<string>>();
        for (const c of item.provenance.causes) {
          if (c.function === undefined) continue;
          const v = causeValue(config, c.setting);
          this.causeValues.set(c, v);
          const g = groups.get(v);
          if (g) g.add(c.function);
          else groups.set(v, new Set([c.function]));
        }
        this.valueGroups.set(item, groups);
      }
      if (item.docKey !== undefined) {
        const list = byDoc.get(item.docKey);
        if (list) list.push(item);
        else byDoc.set(item.docKey, [item]);
      }
    }
    for (const [key, list] of byDoc) {
      if (list.length < 2) continue;
      const fns = new Set<string>();
      for (const item of list) for (const f of this.causeFnsOf(item)) fns.add(f);
      this.docFns.set(key, fns);
    }
  }

  /**
   * The functions among the item's causes, built on first ask: a dedicated role copies the shared
   * role's trust with the causes of every function, and most of those are never asked about.
   */
  private causeFnsOf(item: AutoItem): Set<string> {
    let fns = this.causeFns.get(item);
    if (!fns) {
      fns = new Set<string>();
      for (const c of item.provenance.causes) if (c.function !== undefined) fns.add(c.function);
      this.causeFns.set(item, fns);
    }
    return fns;
  }

  /** Sets whose members need the grant (besides the causing function itself). */
  sets(item: AutoItem, c: GrantCause): Set<string>[] {
    const out: Set<string>[] = [];
    if (!isPerResource(item)) out.push(this.causeFnsOf(item));
    else if (item.provenance.grant !== 'scheduler') {
      const g = this.valueGroups.get(item)?.get(this.causeValues.get(c) ?? '');
      if (g) out.push(g);
    }
    const twins = item.docKey !== undefined ? this.docFns.get(item.docKey) : undefined;
    if (twins) out.push(twins);
    return out;
  }
}
