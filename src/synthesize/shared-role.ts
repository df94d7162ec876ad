/**
 * `mergeIamTemplates` (semantics §3.1–§3.4): whether the shared role `IamRoleLambdaExecution`
 * exists, its skeleton and names, the log statements (canonical wildcard, custom groups,
 * Infrequent Access, the disableLogs Deny, the 4.40 fallback), provider statements and
 * managed policies (with the legacy fields) and the VPC managed policy.
 */
import type { Path, Plain } from '../load/node.js';
import type { GrantCause, Provenance } from './model.js';
import { fail } from './failure.js';
import { reportUnknownStatements } from './unknowns.js';
import { isDedicated, type Sim } from './context.js';
import { logGroupArn, logGroupName, policyName, providerRoleName, SHARED_ROLE_ID, vpcPolicyArn } from './naming.js';
import { concatName, entriesOf, get, isObj, isUnknown, textOf, obj, type Obj, type Val } from './plain.js';
import {
  newGenRole,
  props,
  pushManagedPolicy,
  pushStatement,
  roleSkeleton,
  setProp,
  statements,
  TEMPLATE,
  type GenRole,
} from './role-build.js';
import type { FunctionInfo } from './normalize.js';

/** `provider.getLogGroupClass(fn)`: function `logs.logGroupClass`, else provider `logs.lambda.logGroupClass`, upper-cased. */
export function logGroupClass(sim: Sim, fn: Obj): string | undefined {
  const v = get(fn, 'logs', 'logGroupClass') || get(sim.n.provider, 'logs', 'lambda', 'logGroupClass');
  return typeof v === 'string' ? v.toUpperCase() : undefined;
}

export const isInfrequentAccess = (sim: Sim, fn: Obj): boolean => logGroupClass(sim, fn) === 'INFREQUENT_ACCESS';

/** The function-level custom log group, when set. */
export function customLogGroup(fn: Obj): Val {
  return get(fn, 'logs', 'logGroup') || undefined;
}

/** Log group class with a function-level custom log group (FUNCTION_LOG_GROUP_CLASS_CUSTOM_LOG_GROUP_CONFLICT). */
function checkLogGroupClass(sim: Sim, info: FunctionInfo): void {
  const fn = info.fn;
  if (fn.disableLogs) return;
  if (!customLogGroup(fn)) return;
  if (logGroupClass(sim, fn) === undefined) return;
  const at: Path = get(fn, 'logs', 'logGroupClass') ? [...info.path, 'logs', 'logGroupClass'] : ['provider', 'logs', 'lambda', 'logGroupClass'];
  fail(
    `logGroupClass cannot be used with a custom log group name (logs.logGroup) for function "${info.key}". Set LogGroupClass directly on your externally-managed log group instead.`,
    { code: 'FUNCTION_LOG_GROUP_CLASS_CUSTOM_LOG_GROUP_CONFLICT', at, function: info.key },
  );
}

const providerPath = (...rest: Array<string | number>): Path => ['provider', ...rest];

export function mergeIamTemplates(sim: Sim): void {
  const { n } = sim;
  if (!n.functions.length) return;
  for (const info of n.functions) checkLogGroupClass(sim, info);

  if (sim.existingProviderRole) return;
  if (sim.providerRoleKey) {
    if (sim.perFunction) {
      fail(
        "Explicit service-wide IAM role (provider.role) cannot be combined with per-function IAM mode (provider.iam.role.mode: 'perFunction')",
        { code: 'INVALID_CONFIG', at: providerPath('role') },
      );
    }
    return;
  }
  if (n.functions.every((f) => 'role' in f.fn)) return;
  if (sim.perFunction) return;

  const iamRole = isObj(sim.iamRole) ? sim.iamRole : obj({});
  const rolePath: Path = isObj(get(n.provider, 'iam', 'role')) ? providerPath('iam', 'role') : ['provider'];
  const role = newGenRole(SHARED_ROLE_ID, 'shared', roleSkeleton(), rolePath);
  sim.shared = role;
  sim.roles.set(role.logicalId, role);

  const p = props(role);
  setProp(role, 'Path', (iamRole.path as Plain) || '/', iamRole.path ? { kind: 'provider', path: providerPath('iam', 'role', 'path') } : TEMPLATE);
  setProp(
    role,
    'RoleName',
    providerRoleName(iamRole.name, n.service, n.stage),
    iamRole.name ? { kind: 'provider', path: providerPath('iam', 'role', 'name') } : TEMPLATE,
  );
  if (iamRole.tags) {
    const tags = iamRole.tags;
    const list = entriesOf(tags).map(([k, v]) => obj({ Key: k, Value: v }));
    setProp(role, 'Tags', list, { kind: 'provider', path: providerPath('iam', 'role', 'tags') });
  }
  if (iamRole.permissionsBoundary) {
    setProp(role, 'PermissionsBoundary', iamRole.permissionsBoundary, { kind: 'provider', path: providerPath('iam', 'role', 'permissionsBoundary') });
  } else if (iamRole.permissionBoundary) {
    setProp(role, 'PermissionsBoundary', iamRole.permissionBoundary, { kind: 'provider', path: providerPath('iam', 'role', 'permissionBoundary') });
  } else if (n.provider.rolePermissionsBoundary) {
    setProp(role, 'PermissionsBoundary', n.provider.rolePermissionsBoundary, { kind: 'provider', path: providerPath('rolePermissionsBoundary') });
  }
  ((p.Policies as Plain[])[0] as Obj).PolicyName = policyName(n.service, n.stage);

  addLogStatements(sim, role);
  addProviderStatements(sim, role);

  // Managed policies: provider.iam.role.managedPolicies if truthy, else legacy provider.iamManagedPolicies.
  const mpKey = iamRole.managedPolicies ? 'iam.role' : n.provider.iamManagedPolicies ? 'legacy' : undefined;
  if (mpKey) {
    const list = mpKey === 'iam.role' ? iamRole.managedPolicies : n.provider.iamManagedPolicies;
    const base = mpKey === 'iam.role' ? providerPath('iam', 'role', 'managedPolicies') : providerPath('iamManagedPolicies');
    if (Array.isArray(list)) list.forEach((arn, i) => pushManagedPolicy(role, arn, { kind: 'provider', path: [...base, i] }));
    else if (isUnknown(list)) {
      sim.diagnostics.push({
        code: 'unknown-managed-policies',
        severity: 'warning',
        message: `Managed policies cannot be known offline (${list.text}); they are left out of the shared role.`,
        path: base,
      });
    }
  }

  // VPC: any function with the key `vpc` (whatever its value), or a truthy provider.vpc.
  const causes: GrantCause[] = [];
  for (const info of n.functions) if ('vpc' in info.fn) causes.push({ function: info.key, setting: [...info.path, 'vpc'] });
  if (n.provider.vpc) causes.push({ setting: providerPath('vpc') });
  if (causes.length) pushManagedPolicy(role, vpcPolicyArn(), { kind: 'auto', grant: 'vpc', causes });
}

function addLogStatements(sim: Sim, role: GenRole): void {
  const { n } = sim;
  // Plain: an Unknown when the service or stage is (then the log group ARNs are Unknowns too).
  const canonicalPrefix = concatName([n.service, '-', n.stage]);
  const prefixGroup = logGroupName(canonicalPrefix);
  const list = statements(role);
  const createStmt = list[0] as Obj;
  const putStmt = list[1] as Obj;
  const createRes = createStmt.Resource as Plain[];
  const putRes = putStmt.Resource as Plain[];
  const logCauses: GrantCause[] = [];
  const canonicalCauses: GrantCause[] = [];
  const denied: Array<{ info: FunctionInfo; name: Plain }> = [];
  const allowed = new Set<string>();
  let hasCanonical = false;
  let skipped = false;

  for (const info of n.functions) {
    const fn = info.fn;
    const name = fn.name as Plain;
    const custom = customLogGroup(fn);
    const canonical = (!name || textOf(name).startsWith(textOf(canonicalPrefix))) && !custom;
    if (canonical) {
      if (fn.disableLogs) denied.push({ info, name });
      else {
        hasCanonical = true;
        canonicalCauses.push({ function: info.key, setting: info.path });
      }
      continue;
    }
    if (fn.disableLogs) continue;
    const group = custom ? (custom as Plain) : logGroupName(name, isInfrequentAccess(sim, fn));
    if (allowed.has(textOf(group))) continue;
    if (isDedicated(sim, info.key)) {
      skipped = true;
      continue;
    }
    createRes.push(logGroupArn(group, ':*'));
    putRes.push(logGroupArn(group, ':*:*'));
    allowed.add(textOf(group));
    logCauses.push({ function: info.key, setting: custom ? [...info.path, 'logs', 'logGroup'] : [...info.path, 'name'] });
  }

  const addWildcard = hasCanonical || (skipped && createRes.length === 0 && putRes.length === 0);
  if (addWildcard) {
    createRes.push(logGroupArn(prefixGroup, '*:*'));
    putRes.push(logGroupArn(prefixGroup, '*:*:*'));
    logCauses.push(...canonicalCauses);
  }
  const logsProv: Provenance = { kind: 'auto', grant: 'logs', causes: logCauses };
  role.stmtProv.push(logsProv, logsProv);
  if (addWildcard && denied.length) {
    pushStatement(
      role,
      obj({
        Effect: 'Deny',
        Action: 'logs:PutLogEvents',
        Resource: denied.map((d) => logGroupArn(logGroupName(d.name), ':*')),
      }),
      {
        kind: 'auto',
        grant: 'logs-deny',
        causes: denied.map((d) => ({ function: d.info.key, setting: [...d.info.path, 'disableLogs'] })),
      },
    );
  }
}

/** Provider statements: `provider.iam.role.statements` if truthy (an empty list counts), else legacy `provider.iamRoleStatements`. */
function addProviderStatements(sim: Sim, role: GenRole): void {
  const iamRole = isObj(sim.iamRole) ? sim.iamRole : undefined;
  const fromIam = iamRole?.statements;
  const list = fromIam ? fromIam : sim.n.provider.iamRoleStatements;
  const base: Path = fromIam ? providerPath('iam', 'role', 'statements') : providerPath('iamRoleStatements');
  if (!list) return;
  if (!Array.isArray(list)) {
    if (isUnknown(list)) {
      reportUnknownStatements(sim, list, base);
      return;
    }
    // `push(...statements)` of a non-list: a string spreads into characters; an object crashes.
    if (typeof list === 'string') {
      for (const ch of list) pushStatement(role, ch, { kind: 'provider', path: base });
      return;
    }
    fail('Spread syntax requires ...iterable[Symbol.iterator] to be a function', { at: base });
  }
  reportUnknownStatements(sim, list, base);
  (list as Plain[]).forEach((st, i) => pushStatement(role, st, { kind: 'provider', path: [...base, i] }));
}
