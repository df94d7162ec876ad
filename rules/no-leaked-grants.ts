import type { Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type {
  AutoGrantKind,
  GrantCause,
  ManagedPolicyModel,
  RoleModel,
  ServiceModel,
  StatementModel,
  TrustPrincipalModel,
} from '../src/synthesize/model.js';

interface Options {
  /** Auto-grant kinds never reported. */
  ignoreGrants: string[];
}

type Obj = { [key: string]: Plain };
type AutoProvenance = { kind: 'auto'; grant: AutoGrantKind; causes: GrantCause[] };

function isObj(v: Plain | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

function stable(v: Plain | undefined): string {
  if (v === undefined) return 'undefined';
  if (v instanceof Unknown) return `<unknown ${v.text}>`;
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function valueAt(root: Plain | undefined, path: Path): Plain | undefined {
  let cur: Plain | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObj(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function nameList(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/**
 * Grants whose content is the same whoever causes them (X-Ray, ManageConnections, the ENI
 * statement, trust principals, managed policies): every function that causes one needs all of it.
 * Every other kind carries the causing function's own resources (its queue, stream, key, topic …).
 */
const UNIFORM: ReadonlySet<AutoGrantKind> = new Set<AutoGrantKind>([
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

interface AutoItem {
  what: 'statement' | 'policy' | 'trust';
  provenance: AutoProvenance;
  /** Human text of what is granted. */
  grant: string;
  statement?: StatementModel;
  /** Deep-equality key of a statement's content (Sid aside). */
  docKey?: string;
}

function actionsText(doc: Obj): string {
  const a = doc.Action;
  const list = Array.isArray(a) ? a : a === undefined ? [] : [a];
  const shown = list.slice(0, 4).map((x) => (typeof x === 'string' || x instanceof Unknown ? String(x) : stable(x)));
  return list.length > 4 ? `${shown.join(', ')}, …` : shown.join(', ');
}

function policyText(arn: Plain): string {
  let text = '';
  if (typeof arn === 'string') text = arn;
  else if (isObj(arn) && Array.isArray(arn['Fn::Join']) && Array.isArray(arn['Fn::Join'][1])) {
    text = (arn['Fn::Join'][1] as Plain[]).map((p) => (typeof p === 'string' ? p : '')).join('');
  } else if (isObj(arn) && typeof arn['Fn::Sub'] === 'string') text = arn['Fn::Sub'];
  const i = text.lastIndexOf('/');
  return `managed policy ${i >= 0 ? text.slice(i + 1) : text || stable(arn)}`;
}

function autoItems(role: RoleModel): AutoItem[] {
  const items: AutoItem[] = [];
  for (const s of role.statements) {
    if (s.provenance.kind !== 'auto' || s.document.Effect !== 'Allow') continue;
    const { Sid: _sid, ...rest } = s.document;
    items.push({ what: 'statement', provenance: s.provenance, grant: actionsText(s.document), statement: s, docKey: stable(rest) });
  }
  for (const p of role.managedPolicies as ManagedPolicyModel[]) {
    if (p.provenance.kind === 'auto') items.push({ what: 'policy', provenance: p.provenance, grant: policyText(p.arn) });
  }
  for (const t of role.trust as TrustPrincipalModel[]) {
    if (t.provenance.kind === 'auto' && t.provenance.grant !== 'lambda-trust') {
      items.push({ what: 'trust', provenance: t.provenance, grant: `trust of ${String(t.principal)}` });
    }
  }
  return items;
}

/** A `vpc` value that configures a VPC; `null`, `false` and `{}` only trigger the policy (no-ignored-settings reports those). */
function realVpc(v: Plain | undefined): boolean {
  return v instanceof Unknown || (isObj(v) && Object.keys(v).length > 0);
}

/** Length of the function's own path at the start of a cause's setting (`functions.x…` or `functions[i].x…`); 0 when the setting is not written on the function. */
function functionPrefix(c: GrantCause): number {
  if (c.function === undefined || c.setting[0] !== 'functions') return 0;
  if (c.setting[1] === c.function) return 2;
  if (typeof c.setting[1] === 'number' && c.setting[2] === c.function) return 3;
  return 0;
}

/** A cause written on a function (not a provider-wide setting such as `provider.tracing`). */
function isFunctionCause(c: GrantCause): c is GrantCause & { function: string } {
  return functionPrefix(c) > 0;
}

/**
 * The setting a finding is about: one event (`functions.x.events[2].activemq`, whatever part of it
 * the grant came from), one destination, or the function-level key (`onError`, `kmsKeyArn` …).
 */
function causeRoot(c: GrantCause): Path {
  const n = functionPrefix(c);
  const setting = c.setting;
  if (setting[n] === 'events') return setting.slice(0, n + 3);
  if (setting[n] === 'destinations') return setting.slice(0, n + 2);
  return setting.slice(0, n + 1);
}

/** The resource a cause contributes, for comparing causes: `{arn: X, …}` and `X` are the same. */
function causeValue(config: Obj, setting: Path): string {
  let v = valueAt(config, setting);
  if (isObj(v) && 'arn' in v) v = v.arn;
  return stable(v);
}

/**
 * Who needs each grant of one role, indexed once per role (linear in the number of causes).
 * A function needs what an item grants because of cause `c` when it is the causing function,
 * when it is among the item's causes and the grant is the same whoever causes it (UNIFORM, trust,
 * managed policies), when its own setting contributes the same resource (`{arn: X}` = `X`), or
 * when it causes another auto statement of the role with identical content (e.g. the ENI
 * statement every broker consumer adds).
 */
class NeedIndex {
  private readonly causeFns = new Map<AutoItem, Set<string>>();
  private readonly valueGroups = new Map<AutoItem, Map<string, Set<string>>>();
  private readonly causeValues = new Map<GrantCause, string>();
  private readonly docFns = new Map<string, Set<string>>();

  constructor(config: Obj, items: readonly AutoItem[]) {
    const byDoc = new Map<string, AutoItem[]>();
    for (const item of items) {
      const fns = new Set<string>();
      for (const c of item.provenance.causes) if (c.function !== undefined) fns.add(c.function);
      this.causeFns.set(item, fns);
      if (this.perResource(item)) {
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
      for (const item of list) for (const f of this.causeFns.get(item)!) fns.add(f);
      this.docFns.set(key, fns);
    }
  }

  private perResource(item: AutoItem): boolean {
    return item.what === 'statement' && !UNIFORM.has(item.provenance.grant);
  }

  /** Sets whose members need the grant (besides the causing function itself). */
  sets(item: AutoItem, c: GrantCause): Set<string>[] {
    const out: Set<string>[] = [];
    if (!this.perResource(item)) out.push(this.causeFns.get(item)!);
    else if (item.provenance.grant !== 'scheduler') {
      const g = this.valueGroups.get(item)?.get(this.causeValues.get(c) ?? '');
      if (g) out.push(g);
    }
    const twins = item.docKey !== undefined ? this.docFns.get(item.docKey) : undefined;
    if (twins) out.push(twins);
    return out;
  }
}

interface Leak {
  role: RoleModel;
  cause: GrantCause & { function: string };
  grants: string[];
  leaked: Set<string>;
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-leaked-grants',
    type: 'problem',
    description:
      'Report a permission the Framework adds because of one function (event source, onError, destination, KMS key, file system, trust …) that lands on a role other functions also run with.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-leaked-grants.md',
    messages: {
      leaked:
        '`{{setting}}` of function {{source}} makes the Framework add {{grant}} to the role {{role}}, so it also reaches {{functions}} (same role), where it is not needed. Give {{source}} its own role (`iam.role.statements`), or set `provider.iam.role.mode: perFunction`.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreGrants: {
          type: 'array',
          items: {
            enum: [
              'logs',
              'vpc',
              'durable',
              'stream',
              'stream-consumer',
              'stream-on-failure',
              'sqs',
              'on-error',
              'kms',
              'xray',
              'file-system',
              'destination',
              'websocket',
              'mq',
              'kafka',
              'msk',
              'ec2-network',
              'cloudfront',
              'scheduler',
            ],
          },
          default: ['logs'],
          description: 'Kinds of Framework grants not to report (by default the per-function log-group grants).',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 6.5,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'shared-role', 'auto-grants', 'CWE-269'],
    },
  },
  create(context) {
    const ignored = new Set<string>(context.options.ignoreGrants ?? ['logs']);
    return {
      'service:exit'(service: ServiceModel) {
        const leaks = new Map<string, Leak>();
        for (const role of service.roles) {
          if (role.functions.length < 2) continue;
          const onRole = new Set(role.functions);
          const items = autoItems(role);
          const index = new NeedIndex(service.config, items);
          for (const item of items) {
            const p = item.provenance;
            if (ignored.has(p.grant) || p.grant === 'logs-deny' || p.grant === 'lambda-trust') continue;
            // A provider-wide cause (provider.tracing, provider.kmsKeyArn, provider.vpc …) means every function needs it.
            if (p.causes.length === 0 || !p.causes.every(isFunctionCause)) continue;
            for (const c of p.causes) {
              if (!isFunctionCause(c) || !onRole.has(c.function)) continue;
              if (p.grant === 'vpc' && !realVpc(valueAt(service.config, c.setting))) continue;
              const sets = index.sets(item, c);
              const leaked = role.functions.filter((f) => f !== c.function && !sets.some((set) => set.has(f)));
              if (leaked.length === 0) continue;
              const key = `${role.logicalId}\u0000${formatPath(causeRoot(c))}`;
              const leak = leaks.get(key) ?? { role, cause: c, grants: [], leaked: new Set<string>() };
              if (!leak.grants.includes(item.grant)) leak.grants.push(item.grant);
              for (const f of leaked) leak.leaked.add(f);
              leaks.set(key, leak);
            }
          }
        }
        for (const leak of leaks.values()) {
          const functions = [...leak.leaked].sort();
          const at = causeRoot(leak.cause);
          context.report({
            messageId: 'leaked',
            data: {
              setting: formatPath(at),
              source: leak.cause.function,
              grant: leak.grants.join('; '),
              role: leak.role.logicalId,
              functions: nameList(functions),
            },
            at: { path: at },
            functions,
            role: leak.role,
          });
        }
      },
    };
  },
};

export default rule;
