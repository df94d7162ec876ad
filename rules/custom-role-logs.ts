import type { Rule } from '../src/engine/types.js';
import { actionMatches } from '../src/iam/wildcard.js';
import type { Plain } from '../src/load/node.js';
import type { ServiceModel } from '../src/synthesize/model.js';
import { functionConfigs } from './lib/config.js';
import { policyArnText } from './lib/intrinsics.js';
import { isMap as isObj, listOf, type PlainMap as Obj } from './lib/plain.js';
import { nameList } from './lib/text.js';

const NEEDED = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** AWS managed policies that grant both actions. */
const LOGGING_POLICIES = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaExecute',
  'CloudWatchLogsFullAccess',
  'CloudWatchFullAccess',
  'CloudWatchFullAccessV2',
  'AdministratorAccess',
  'PowerUserAccess',
]);

/** AWS managed policies known not to grant them (besides every `…ReadOnly…` policy). */
const NON_LOGGING_POLICIES = new Set([
  'AWSLambdaRole',
  'AWSLambdaENIManagementAccess',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
  'AmazonS3FullAccess',
  'AmazonSQSFullAccess',
  'AmazonSNSFullAccess',
  'AmazonKinesisFullAccess',
]);

type Verdict = 'yes' | 'no' | 'unknown';

function managedPolicyVerdict(arn: Plain, service: ServiceModel): Verdict {
  // A customer managed policy declared in this stack: read its document.
  if (isObj(arn) && typeof arn.Ref === 'string') {
    const res = resourcesOf(service)[arn.Ref];
    if (isObj(res) && res.Type === 'AWS::IAM::ManagedPolicy' && isObj(res.Properties)) return documentVerdict(res.Properties.PolicyDocument);
    return 'unknown';
  }
  const text = policyArnText(arn);
  if (text === undefined) return 'unknown';
  const m = /:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(text);
  if (!m) return 'unknown';
  const name = m[1]!;
  if (LOGGING_POLICIES.has(name)) return 'yes';
  if (NON_LOGGING_POLICIES.has(name) || /ReadOnly/i.test(name)) return 'no';
  return 'unknown';
}

/** Which of the needed actions an Allow statement grants; undefined when it cannot be told. */
function grantedBy(doc: Plain): Set<string> | undefined {
  if (!isObj(doc) || doc.Effect !== 'Allow') return new Set();
  const out = new Set<string>();
  if (doc.NotAction !== undefined) {
    const not = listOf(doc.NotAction);
    if (not.some((a) => typeof a !== 'string')) return undefined;
    for (const need of NEEDED) if (!not.some((a) => actionMatches(a as string, need))) out.add(need);
    return out;
  }
  const actions = listOf(doc.Action);
  if (actions.some((a) => typeof a !== 'string')) return undefined;
  for (const need of NEEDED) if (actions.some((a) => actionMatches(a as string, need))) out.add(need);
  return out;
}

function documentVerdict(policyDocument: Plain | undefined): Verdict {
  if (!isObj(policyDocument)) return 'unknown';
  const statements = policyDocument.Statement;
  if (!Array.isArray(statements) && !isObj(statements)) return 'unknown';
  const got = new Set<string>();
  for (const s of listOf(statements)) {
    const g = grantedBy(s);
    if (!g) return 'unknown';
    for (const a of g) got.add(a);
  }
  return NEEDED.every((a) => got.has(a)) ? 'yes' : 'no';
}

function resourcesOf(service: ServiceModel): Obj {
  const resources = service.config.resources;
  return isObj(resources) && isObj(resources.Resources) ? resources.Resources : Object.create(null);
}

interface Attached {
  got: Set<string>;
  unknown: boolean;
}

/**
 * What `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` resources attach to roles through `Roles`,
 * by role logical id (read once per service). `unknownAll` when some such resource names roles
 * iamlint cannot read: it may attach to any role.
 */
function attachedPolicies(service: ServiceModel): { byRole: Map<string, Attached>; byName: Map<string, Attached>; unknownAll: boolean } {
  const byRole = new Map<string, Attached>();
  const byName = new Map<string, Attached>();
  let unknownAll = false;
  const entry = (map: Map<string, Attached>, key: string): Attached => {
    let e = map.get(key);
    if (!e) map.set(key, (e = { got: new Set(), unknown: false }));
    return e;
  };
  for (const res of Object.values(resourcesOf(service))) {
    if (!isObj(res) || (res.Type !== 'AWS::IAM::Policy' && res.Type !== 'AWS::IAM::ManagedPolicy') || !isObj(res.Properties)) continue;
    const roles = res.Properties.Roles;
    if (roles === undefined) continue;
    const targets: Attached[] = [];
    for (const r of listOf(roles)) {
      if (isObj(r) && typeof r.Ref === 'string') targets.push(entry(byRole, r.Ref));
      else if (typeof r === 'string') targets.push(entry(byName, r));
      else unknownAll = true;
    }
    if (targets.length === 0) continue;
    const verdict = documentVerdict(res.Properties.PolicyDocument);
    for (const t of targets) {
      if (verdict === 'unknown') t.unknown = true;
      else if (verdict === 'yes') NEEDED.forEach((a) => t.got.add(a));
      else for (const s of listOf((res.Properties.PolicyDocument as Obj).Statement)) for (const a of grantedBy(s) ?? []) t.got.add(a);
    }
  }
  return { byRole, byName, unknownAll };
}

const rule: Rule = {
  meta: {
    id: 'custom-role-logs',
    type: 'problem',
    description:
      'Report a role declared in `resources` that functions run with but that cannot write their CloudWatch logs (`logs:CreateLogStream` and `logs:PutLogEvents`).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/custom-role-logs.md',
    messages: {
      cannotLog:
        'Role {{role}} cannot write CloudWatch logs (it lacks {{missing}}), so no log line of {{functions}} reaches CloudWatch Logs. Attach the managed policy arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole to it, or add a statement allowing logs:CreateLogStream and logs:PutLogEvents on the functions\' log groups.',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 2.0,
      precision: 'high',
      tags: ['security', 'iam', 'logging', 'custom-role', 'observability', 'CWE-778'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const configOf = functionConfigs(service);
        let attached: ReturnType<typeof attachedPolicies> | undefined;
        for (const role of service.roles) {
          if (role.kind !== 'resource') continue;
          const logging = role.functions.filter((key) => configOf(key)?.disableLogs !== true);
          if (logging.length === 0) continue;

          const got = new Set<string>();
          let unknown = false;
          for (const s of role.statements) {
            const g = grantedBy(s.document);
            if (!g) unknown = true;
            else for (const a of g) got.add(a);
          }
          for (const p of role.managedPolicies) {
            const v = managedPolicyVerdict(p.arn, service);
            if (v === 'unknown') unknown = true;
            else if (v === 'yes') NEEDED.forEach((a) => got.add(a));
          }
          attached ??= attachedPolicies(service);
          if (attached.unknownAll) unknown = true;
          const roleName = role.properties.RoleName;
          for (const a of [attached.byRole.get(role.logicalId), typeof roleName === 'string' ? attached.byName.get(roleName) : undefined]) {
            if (!a) continue;
            if (a.unknown) unknown = true;
            for (const x of a.got) got.add(x);
          }

          const missing = NEEDED.filter((a) => !got.has(a));
          if (missing.length === 0 || unknown) continue;
          context.report({
            messageId: 'cannotLog',
            data: { role: role.logicalId, missing: missing.join(' and '), functions: nameList(logging) },
            at: role,
            functions: logging,
            role,
          });
        }
      },
    };
  },
};

export default rule;
