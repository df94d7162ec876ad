import type { Rule } from '../src/engine/types.js';
import { wildcardCovers } from '../src/iam/wildcard.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type { GrantCause, RoleModel, ServiceModel, StatementModel } from '../src/synthesize/model.js';
import { isMap as isObj, listOf, stableKey as stable, type PlainMap as Obj } from './lib/plain.js';
import { isWritten } from './lib/statements.js';
import { nameList } from './lib/text.js';

/**
 * A resource as comparable text. Pseudo parameters become the service's partition and region
 * (both known); the account id stays a token on both sides. Anything iamlint cannot see
 * (another `${…}`, `Ref`, `Fn::GetAtt`, an Unknown) makes the value `opaque`: it then only
 * equals a value written the same way, and is never covered by a wildcard.
 */
interface Res {
  text: string;
  opaque: boolean;
}

const ACCOUNT = '<AWS::AccountId>';

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `region` undefined: the service's region cannot be resolved offline (its pseudo parameters stay opaque). */
function normResource(r: Plain, region: string | undefined): Res {
  const partition = region === undefined ? undefined : partitionOf(region);
  const pseudo = (name: string): string | undefined =>
    name === 'AWS::Partition' ? partition : name === 'AWS::Region' ? region : name === 'AWS::AccountId' ? ACCOUNT : undefined;
  if (typeof r === 'string') return { text: r, opaque: false };
  if (isObj(r) && typeof r['Fn::Sub'] === 'string') {
    let opaque = false;
    const text = r['Fn::Sub'].replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      const v = pseudo(name);
      if (v === undefined) opaque = true;
      return v ?? whole;
    });
    return opaque ? { text: stable(r), opaque: true } : { text, opaque: false };
  }
  if (isObj(r) && Array.isArray(r['Fn::Join'])) {
    const [sep, parts] = r['Fn::Join'];
    if (typeof sep === 'string' && Array.isArray(parts)) {
      const out: string[] = [];
      for (const p of parts) {
        if (typeof p === 'string') out.push(p);
        else if (isObj(p) && typeof p.Ref === 'string' && pseudo(p.Ref) !== undefined) out.push(pseudo(p.Ref)!);
        else return { text: stable(r), opaque: true };
      }
      return { text: out.join(sep), opaque: false };
    }
  }
  return { text: stable(r), opaque: true };
}

/** `general` grants everything `specific` names. */
function resourceCovers(general: Res, specific: Res): boolean {
  if (general.text === specific.text) return true;
  if (general.opaque || specific.opaque) return false;
  return wildcardCovers(general.text, specific.text);
}

interface Grant {
  action: string;
  resource: Res;
  statement?: StatementModel;
  cause?: GrantCause;
  what: string;
}

/** What AWSLambdaVPCAccessExecutionRole grants, on `*`. */
const VPC_POLICY_ACTIONS = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
];

/** The Framework's own grants on a role, by lower-case action. */
function autoGrants(role: RoleModel, region: string | undefined): Map<string, Grant[]> {
  const out = new Map<string, Grant[]>();
  const add = (g: Grant) => {
    const key = g.action.toLowerCase();
    const list = out.get(key);
    if (list) list.push(g);
    else out.set(key, [g]);
  };
  for (const s of role.statements) {
    const p = s.provenance;
    if (p.kind !== 'auto' || s.document.Effect !== 'Allow' || s.document.Condition !== undefined) continue;
    if (s.document.NotAction !== undefined || s.document.NotResource !== undefined) continue;
    for (const a of listOf(s.document.Action)) {
      if (typeof a !== 'string') continue;
      for (const r of listOf(s.document.Resource)) {
        add({ action: a, resource: normResource(r, region), statement: s, cause: p.causes[0], what: `the ${p.grant} grant` });
      }
    }
  }
  for (const m of role.managedPolicies) {
    const p = m.provenance;
    if (p.kind !== 'auto' || p.grant !== 'vpc') continue;
    for (const a of VPC_POLICY_ACTIONS) add({ action: a, resource: { text: '*', opaque: false }, cause: p.causes[0], what: 'AWSLambdaVPCAccessExecutionRole' });
  }
  return out;
}

/** The auto-grants covering every action × resource of a hand-written statement, or undefined. */
function coveringGrants(doc: Obj, auto: Map<string, Grant[]>, region: string | undefined): Grant[] | undefined {
  if (doc.Effect !== 'Allow' || doc.NotAction !== undefined || doc.NotResource !== undefined) return undefined;
  const actions = listOf(doc.Action);
  const resources = listOf(doc.Resource);
  if (actions.length === 0 || resources.length === 0) return undefined;
  const used: Grant[] = [];
  for (const a of actions) {
    if (typeof a !== 'string' || a.includes('*') || a.includes('?')) return undefined;
    const candidates = auto.get(a.toLowerCase());
    if (!candidates) return undefined;
    for (const r of resources) {
      if (r instanceof Unknown) return undefined;
      const res = normResource(r, region);
      const g = candidates.find((c) => resourceCovers(c.resource, res));
      if (!g) return undefined;
      if (!used.includes(g)) used.push(g);
    }
  }
  return used;
}

/** Statements written in IAM settings (not in `resources`, whose roles the Framework does not add to). */
function writtenPath(s: StatementModel): Path | undefined {
  const p = s.provenance;
  return isWritten(p) && p.kind !== 'resources' ? p.path : undefined;
}

const rule: Rule = {
  meta: {
    id: 'no-redundant-grants',
    type: 'suggestion',
    description:
      'Report a hand-written statement that only repeats what the Framework already grants (logs, event-source consumer grants, X-Ray with tracing on, …).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-redundant-grants.md',
    messages: {
      redundant:
        'This statement only repeats what the Framework already grants {{functions}} because of `{{cause}}` ({{what}}). Remove it: it adds nothing and makes the policy longer.',
    },
    presets: { recommended: 'off', strict: 'warn' },
    security: {
      securitySeverity: 1.0,
      precision: 'high',
      tags: ['security', 'iam', 'maintainability', 'auto-grants', 'policy-size'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const region = typeof service.region === 'string' ? service.region : undefined;
        /** Per written statement: redundant in every role it reaches? */
        const verdicts = new Map<string, { statement: StatementModel; redundant: boolean; grants: Grant[]; functions: Set<string> }>();
        for (const role of service.roles) {
          if (role.kind === 'resource') continue;
          let auto: Map<string, Grant[]> | undefined;
          for (const s of role.statements) {
            const path = writtenPath(s);
            if (!path) continue;
            auto ??= autoGrants(role, region);
            const key = formatPath(path);
            const grants = coveringGrants(s.document, auto, region);
            const entry = verdicts.get(key) ?? { statement: s, redundant: true, grants: [], functions: new Set<string>() };
            if (!grants) entry.redundant = false;
            else if (entry.grants.length === 0) entry.grants = grants;
            for (const f of role.functions) entry.functions.add(f);
            verdicts.set(key, entry);
          }
        }
        for (const entry of verdicts.values()) {
          if (!entry.redundant || entry.grants.length === 0) continue;
          const first = entry.grants[0]!;
          const functions = [...entry.functions].sort();
          // One note per setting (a grant of several actions has one cause).
          const causes = new Map<string, Path>();
          for (const g of entry.grants) if (g.cause) causes.set(formatPath(g.cause.setting), g.cause.setting);
          context.report({
            messageId: 'redundant',
            data: {
              functions: functions.length ? nameList(functions) : 'the role',
              cause: first.cause ? formatPath(first.cause.setting) : 'the generated role',
              what: [...new Set(entry.grants.map((g) => g.what))].join(', '),
            },
            at: entry.statement,
            functions,
            related: [...causes].slice(0, 5).map(([text, path]) => ({ message: `already granted because of ${text}`, at: { path } })),
          });
        }
      },
    };
  },
};

export default rule;
