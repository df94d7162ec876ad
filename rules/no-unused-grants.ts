import type { Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type {
  AutoGrantKind,
  FunctionModel,
  GrantCause,
  RoleModel,
  ServiceModel,
  StatementModel,
  TrustPrincipalModel,
} from '../src/synthesize/model.js';

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

/** Grants whose content does not depend on which function causes them (see no-leaked-grants). */
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
  grant: string;
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
  for (const s of role.statements as StatementModel[]) {
    if (s.provenance.kind !== 'auto' || s.document.Effect !== 'Allow') continue;
    const { Sid: _sid, ...rest } = s.document;
    items.push({ what: 'statement', provenance: s.provenance, grant: actionsText(s.document), docKey: stable(rest) });
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

interface Stray {
  role: RoleModel;
  cause: GrantCause & { function: string };
  grants: string[];
}

const rule: Rule = {
  meta: {
    id: 'no-unused-grants',
    type: 'problem',
    description:
      'Report grants that reach no function needing them: grants caused by a function that runs with another role, a generated shared role no function uses, and trust a dedicated role copies for events its function does not have.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-unused-grants.md',
    messages: {
      customRoleGrant:
        'Function {{source}} runs with its own role ({{sourceRole}}), yet `{{setting}}` makes the Framework add {{grant}} to the role {{role}} instead — where no function needs it (it reaches {{functions}}) — while {{source}}\'s own role gets nothing. Grant it in {{source}}\'s role; to keep it off {{role}}, set `provider.iam.role.mode: perFunction`.',
      strayGrant:
        'Function {{source}} runs with its own role, yet `{{setting}}` also adds {{grant}} to the role {{role}}, where no function needs it (it reaches {{functions}}). Set `provider.iam.role.mode: perFunction` so the Framework only grants it to {{source}}.',
      pluginGrant:
        'Function {{source}} runs with the role serverless-iam-roles-per-function made for it, yet `{{setting}}` also adds {{grant}} to the role {{role}}, where no function needs it (it reaches {{functions}}): the plugin does not keep dedicated functions\' grants off the shared role. Remove the plugin — per-function roles are built into Framework v4 (≥ 4.40 keeps these grants off the shared role).',
      unusedRole:
        'The Framework generates the shared role IamRoleLambdaExecution ({{count}} statements, {{policies}} managed policies), but no function runs with it: every function has a role of its own. Set `provider.iam.role.mode: perFunction` so it is not deployed.',
      inheritedTrust:
        'The dedicated roles of {{functions}} trust {{principal}} only because function {{source}} has `{{setting}}`: in shared mode a dedicated role copies the shared role\'s trust. {{principal}} can assume these roles though their functions have no such event. Set `provider.iam.role.mode: perFunction` (trust is then per function).',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 5.0,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'unused-permissions', 'auto-grants', 'trust-policy'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const fnByKey = new Map<string, FunctionModel>(service.functions.map((f) => [f.key, f]));
        const strays = new Map<string, Stray>();
        const trusts = new Map<string, { principal: string; cause: GrantCause & { function: string }; functions: Set<string>; at: TrustPrincipalModel }>();

        for (const role of service.roles) {
          if (role.kind === 'shared' && role.functions.length === 0) {
            context.report({
              messageId: 'unusedRole',
              data: { count: role.statements.length, policies: role.managedPolicies.length },
              at: role,
              functions: [],
              role,
            });
            continue;
          }
          if (role.functions.length === 0) continue;
          const onRole = new Set(role.functions);

          // 1. Grants caused by functions that do not run with this role and needed by none that do.
          const items = autoItems(role);
          const index = new NeedIndex(service.config, items);
          // Does a set of needing functions include one that runs with this role? Once per set.
          const met = new Map<Set<string>, boolean>();
          const meets = (set: Set<string>): boolean => {
            let r = met.get(set);
            if (r === undefined) {
              r = false;
              for (const f of set) {
                if (onRole.has(f)) {
                  r = true;
                  break;
                }
              }
              met.set(set, r);
            }
            return r;
          };
          for (const item of items) {
            const p = item.provenance;
            // Trust a dedicated role copied from the shared role is case 3 below.
            if (item.what === 'trust' && role.kind === 'dedicated') continue;
            if (p.grant === 'logs' || p.grant === 'logs-deny' || p.grant === 'lambda-trust') continue;
            if (p.causes.length === 0 || !p.causes.every(isFunctionCause)) continue;
            for (const c of p.causes) {
              if (!isFunctionCause(c) || onRole.has(c.function)) continue;
              if (p.grant === 'vpc' && !realVpc(valueAt(service.config, c.setting))) continue;
              if (index.sets(item, c).some(meets)) continue;
              const key = `${role.logicalId}\u0000${formatPath(causeRoot(c))}`;
              const stray = strays.get(key) ?? { role, cause: c, grants: [] };
              if (!stray.grants.includes(item.grant)) stray.grants.push(item.grant);
              strays.set(key, stray);
            }
          }

          // 3. Trust a dedicated role copied from the shared role for other functions' events.
          if (role.kind === 'dedicated' && role.dedicatedTo !== undefined) {
            for (const t of role.trust) {
              const p = t.provenance;
              if (p.kind !== 'auto' || p.grant === 'lambda-trust') continue;
              if (p.causes.some((c) => c.function === role.dedicatedTo || !isFunctionCause(c))) continue;
              const cause = p.causes.find(isFunctionCause);
              if (!cause) continue;
              const principal = String(t.principal);
              const key = `${principal}\u0000${formatPath(causeRoot(cause))}`;
              const entry = trusts.get(key) ?? { principal, cause, functions: new Set<string>(), at: t };
              entry.functions.add(role.dedicatedTo);
              trusts.set(key, entry);
            }
          }
        }

        for (const stray of strays.values()) {
          const source = fnByKey.get(stray.cause.function);
          const messageId =
            source?.choice === 'dedicated-plugin'
              ? 'pluginGrant'
              : source !== undefined && source.choice !== 'dedicated-opt-in' && source.choice !== 'dedicated-per-function' && source.choice !== 'shared'
                ? 'customRoleGrant'
                : 'strayGrant';
          const at = causeRoot(stray.cause);
          const sourceRole = source ? (source.roleLogicalId ?? (typeof source.role === 'string' ? source.role : stable(source.role))) : '?';
          context.report({
            messageId,
            data: {
              source: stray.cause.function,
              sourceRole,
              setting: formatPath(at),
              grant: stray.grants.join('; '),
              role: stray.role.logicalId,
              functions: nameList(stray.role.functions),
            },
            at: { path: at },
            functions: [...stray.role.functions],
            role: stray.role,
          });
        }
        for (const t of trusts.values()) {
          const functions = [...t.functions].sort();
          context.report({
            messageId: 'inheritedTrust',
            data: { functions: nameList(functions), principal: t.principal, source: t.cause.function, setting: formatPath(causeRoot(t.cause)) },
            at: { path: causeRoot(t.cause) },
            functions,
          });
        }
      },
    };
  },
};

export default rule;
