/**
 * `createRolesPerFunction` (semantics §4, §5, §7): the built-in dedicated roles.
 *
 * Shared mode: functions that opt in (§4.1) get a deep clone of the finalized shared role with
 * statements and managed policies reset (§4.3). `mode: perFunction`: every function without
 * `role` gets a role built from the provider config (§5). Then auto-grants (§6), inherited
 * provider statements (§4.4), the function's own statements, boundary, name (§7), path, managed
 * policies and tags; the function is rewired to the new role (§4.5).
 */
import type { Path, Plain } from '../load/node.js';
import { applyPerFunctionPermissions, StatementList, type ThrowError } from './auto-grants.js';
import { hasPerFunctionIamConfig, perFunctionIamConfigPath, type Sim } from './context.js';
import { fail, perFunctionErrorText } from './failure.js';
import { reportUnknownStatements } from './unknowns.js';
import type { Provenance } from './model.js';
import { dedicatedRoleId, generatedRoleName, policyName, providerRoleName, SHARED_ROLE_ID } from './naming.js';
import type { FunctionInfo } from './normalize.js';
import { entriesOf, get, isEmptyLodash, isObj, isUnknown, newObj, obj, setKey, textOf, type Obj, type Val } from './plain.js';
import {
  cloneRole,
  newGenRole,
  props,
  pushManagedPolicy,
  roleSkeleton,
  setProp,
  setStatements,
  TEMPLATE,
  type GenRole,
} from './role-build.js';

const PLUGIN_KEY = 'serverless-iam-roles-per-function';

/** `_validateStatements`: each statement needs Effect, Action/NotAction, Resource/NotResource. */
export function validateStatements(statements: Val, throwError: (msg: string) => never): void {
  if (isEmptyLodash(statements) || isUnknown(statements)) return;
  let violations: string | undefined;
  if (!Array.isArray(statements)) violations = 'it is not an array';
  else {
    const flawed: string[] = [];
    statements.forEach((st, i) => {
      if (st === null || st === undefined) {
        fail(`Cannot read properties of ${st === null ? 'null' : 'undefined'} (reading 'Effect')`);
      }
      if (isUnknown(st)) return; // cannot be checked offline
      const has = (prop: string) => isObj(st) && !!st[prop];
      const missing = [['Effect'], ['Action', 'NotAction'], ['Resource', 'NotResource']].filter((props) => props.every((p) => !has(p)));
      if (missing.length) flawed.push(`statement ${i} is missing the following properties: ${missing.map((m) => m.join(' / ')).join(', ')}`);
    });
    if (flawed.length) violations = flawed.join('; ');
  }
  if (violations) {
    throwError(
      'iamRoleStatements should be an array of objects, where each object has Effect, Action / NotAction, Resource / NotResource fields.' +
        ` Specifically, ${violations}`,
    );
  }
}

/** `_buildBaseIamRoleFromProviderConfig` (perFunction mode). */
function buildBaseFromProvider(sim: Sim): GenRole {
  const { n } = sim;
  const iamRole = isObj(sim.iamRole) ? sim.iamRole : newObj();
  const base = newGenRole('', 'dedicated', roleSkeleton(), ['provider', 'iam', 'role']);
  const p = props(base);
  const inherited = (...rest: string[]): Provenance => ({ kind: 'provider', path: ['provider', ...rest] });
  setProp(base, 'Path', (iamRole.path as Plain) || '/', iamRole.path ? inherited('iam', 'role', 'path') : TEMPLATE);
  setProp(base, 'RoleName', providerRoleName(iamRole.name, n.service, n.stage), iamRole.name ? inherited('iam', 'role', 'name') : TEMPLATE);
  ((p.Policies as Plain[])[0] as Obj).PolicyName = policyName(n.service, n.stage);
  const tags = iamRole.tags;
  if (tags && typeof tags === 'object') {
    setProp(base, 'Tags', entriesOf(tags).map(([k, v]) => obj({ Key: k, Value: v })), inherited('iam', 'role', 'tags'));
  }
  if (iamRole.permissionsBoundary) setProp(base, 'PermissionsBoundary', iamRole.permissionsBoundary, inherited('iam', 'role', 'permissionsBoundary'));
  else if (iamRole.permissionBoundary) setProp(base, 'PermissionsBoundary', iamRole.permissionBoundary, inherited('iam', 'role', 'permissionBoundary'));
  else if (n.provider.rolePermissionsBoundary) setProp(base, 'PermissionsBoundary', n.provider.rolePermissionsBoundary, inherited('rolePermissionsBoundary'));
  p.ManagedPolicyArns = [];
  if (Array.isArray(iamRole.managedPolicies)) {
    iamRole.managedPolicies.forEach((arn, i) =>
      pushManagedPolicy(base, arn, { kind: 'provider', path: ['provider', 'iam', 'role', 'managedPolicies', i] }),
    );
  }
  return base;
}

/** The inherit flag (§4.4): `iam.inheritStatements`, else `iamRoleStatementsInherit`, else the default. */
function inheritFlag(sim: Sim, fn: Obj, perFunctionMode: boolean): boolean {
  const legacy = get(sim.n.cfg.custom, PLUGIN_KEY, 'defaultInherit');
  const legacyDefault = legacy === undefined ? undefined : Boolean(legacy);
  const defaultInherit = legacyDefault === undefined ? perFunctionMode : legacyDefault;
  const newShape = get(fn, 'iam', 'inheritStatements');
  if (newShape !== undefined) return !!newShape;
  if (fn.iamRoleStatementsInherit !== undefined) return !!fn.iamRoleStatementsInherit;
  return defaultInherit;
}

/** Provider statements for inheritance: `provider.iam.role.statements` if `provider.iam` exists, else legacy `provider.iamRoleStatements`. */
export function inheritableProviderStatements(sim: Sim): { list: Val; base: Path } {
  const provider = sim.n.provider;
  if (provider.iam) return { list: get(provider, 'iam', 'role', 'statements'), base: ['provider', 'iam', 'role', 'statements'] };
  return { list: provider.iamRoleStatements, base: ['provider', 'iamRoleStatements'] };
}

function createRoleForFunction(sim: Sim, info: FunctionInfo, base: GenRole | undefined, perFunctionMode: boolean): void {
  const { fn, key } = info;
  const at = (...rest: Array<string | number>): Path => [...info.path, ...rest];
  const throwError: ThrowError = (msg, path, arg) => fail(perFunctionErrorText('ERROR: ', msg, arg), { at: path, function: key });

  const optIn = hasPerFunctionIamConfig(fn);
  if (!optIn && !perFunctionMode) return;
  if (fn.role) {
    if (optIn) {
      throwError(
        "Defining function 'role' cannot be combined with per-function IAM settings ('iamRoleStatements', 'iam.role.statements', or 'iam.role.managedPolicies'). Function name: " +
          key,
        at('role'),
      );
    }
    return;
  }
  const newShape = get(fn, 'iam', 'role', 'statements');
  const ownStatements = newShape !== undefined ? newShape : fn.iamRoleStatements;
  const ownBase: Path = newShape !== undefined ? at('iam', 'role', 'statements') : at('iamRoleStatements');
  validateStatements(ownStatements, (msg) => throwError(msg, ownBase));
  reportUnknownStatements(sim, ownStatements, ownBase);

  if (!base) throwError('Global IAM Role resource is missing. Ensure IAM role compilation completed before assigning per-function roles.', info.path);
  const roleId = dedicatedRoleId(key);
  const declaredAt = perFunctionMode ? (['provider', 'iam', 'role', 'mode'] as Path) : perFunctionIamConfigPath(info);
  const role = cloneRole(base, roleId, 'dedicated', declaredAt);
  role.dedicatedTo = key;
  // In shared mode the clone's settings came from the provider through the shared role.
  const asInherited = (p: Provenance): Provenance =>
    p.kind === 'provider' ? { kind: 'inherited', function: key, path: p.path } : p;
  for (const [name, prov] of role.propProv) role.propProv.set(name, asInherited(prov));
  const list = new StatementList();
  setStatements(role, list.docs, list.provs);
  const p = props(role);
  if (perFunctionMode) {
    p.ManagedPolicyArns = Array.isArray(p.ManagedPolicyArns) ? [...p.ManagedPolicyArns] : [];
    role.mpProv = role.mpProv.map(asInherited);
  } else {
    p.ManagedPolicyArns = [];
    role.mpProv = [];
  }

  applyPerFunctionPermissions(sim, info, role, list, throwError);

  if (inheritFlag(sim, fn, perFunctionMode)) {
    const inherited = inheritableProviderStatements(sim);
    reportUnknownStatements(sim, inherited.list, inherited.base);
    if (!isEmptyLodash(inherited.list) && !isUnknown(inherited.list)) {
      if (!Array.isArray(inherited.list)) fail(`${textOf(inherited.list)} is not iterable`, { at: inherited.base, function: key });
      (inherited.list as Plain[]).forEach((st, i) => list.push(st, { kind: 'inherited', function: key, path: [...inherited.base, i] }));
    }
  }
  if (Array.isArray(ownStatements)) {
    ownStatements.forEach((st, i) => list.push(st, { kind: 'function', function: key, path: [...ownBase, i] }));
  }

  // Permissions boundary: function (new, then legacy), else the plugin-era global boundary.
  const fnBoundary = get(fn, 'iam', 'role', 'permissionsBoundary') || fn.iamPermissionsBoundary;
  const globalBoundary = get(sim.n.cfg.custom, PLUGIN_KEY, 'iamGlobalPermissionsBoundary');
  if (fnBoundary || globalBoundary) {
    const prov: Provenance = fnBoundary
      ? { kind: 'function', function: key, path: get(fn, 'iam', 'role', 'permissionsBoundary') ? at('iam', 'role', 'permissionsBoundary') : at('iamPermissionsBoundary') }
      : { kind: 'provider', path: ['custom', PLUGIN_KEY, 'iamGlobalPermissionsBoundary'] };
    setProp(role, 'PermissionsBoundary', (fnBoundary || globalBoundary) as Plain, prov);
  }
  if (globalBoundary) {
    setProp(base, 'PermissionsBoundary', globalBoundary, { kind: 'provider', path: ['custom', PLUGIN_KEY, 'iamGlobalPermissionsBoundary'] });
  }

  // Role name: explicit, else generated (§7).
  const explicitName = get(fn, 'iam', 'role', 'name') || fn.iamRoleStatementsName;
  if (explicitName) {
    setProp(role, 'RoleName', explicitName as Plain, {
      kind: 'function',
      function: key,
      path: get(fn, 'iam', 'role', 'name') ? at('iam', 'role', 'name') : at('iamRoleStatementsName'),
    });
  } else {
    const providerName = providerRoleName(get(sim.iamRole, 'name'), sim.n.service, sim.n.stage);
    const generated = generatedRoleName(providerName, key, sim.n.region);
    if (!generated.ok && generated.reason === 'global-name') {
      throwError(`Global Role Name is not in expected format. Got name: ${JSON.stringify(generated.got)}`, ['provider', 'iam', 'role', 'name']);
    }
    if (!generated.ok) {
      throwError(
        `auto generated role name for function: ${key} is too long (over 64 chars).\n        Try setting a custom role name using the property: iam.role.name`,
        info.path,
      );
    }
    // An unknown stage or region has its own warning (`unknown-stage` / `unknown-region`): not repeated per function.
    const joined = generated.name['Fn::Join'];
    const parts = Array.isArray(joined) && Array.isArray(joined[1]) ? joined[1] : [];
    if (generated.uncertain && parts.some((part) => isUnknown(part) && part !== sim.n.stage)) {
      sim.diagnostics.push({
        code: 'role-name-length-unknown',
        severity: 'info',
        message: `The generated role name of function "${key}" has parts iamlint cannot resolve offline: it may exceed 64 characters once they are resolved.`,
        path: info.path,
      });
    }
    setProp(role, 'RoleName', generated.name, TEMPLATE);
  }

  const fnPath = get(fn, 'iam', 'role', 'path');
  if (fnPath) setProp(role, 'Path', fnPath, { kind: 'function', function: key, path: at('iam', 'role', 'path') });

  const fnManaged = get(fn, 'iam', 'role', 'managedPolicies');
  if (Array.isArray(fnManaged) && fnManaged.length) {
    fnManaged.forEach((arn, i) => pushManagedPolicy(role, arn, { kind: 'function', function: key, path: at('iam', 'role', 'managedPolicies', i) }));
  }

  const fnTags = get(fn, 'iam', 'role', 'tags');
  if (fnTags && typeof fnTags === 'object') {
    const existing = Array.isArray(p.Tags) ? p.Tags : [];
    const merged = newObj();
    for (const t of existing) if (isObj(t) && t.Key !== null && t.Key !== undefined) setKey(merged, textOf(t.Key), t.Value ?? null);
    for (const [k, v] of entriesOf(fnTags)) setKey(merged, k, v);
    setProp(role, 'Tags', Object.keys(merged).map((k) => obj({ Key: k, Value: merged[k] })), {
      kind: 'function',
      function: key,
      path: at('iam', 'role', 'tags'),
    });
  }

  sim.roles.set(roleId, role);
  rewire(sim, info, roleId, throwError);
}

/** `_updateFunctionResourceRole`: `Role` → `Fn::GetAtt [roleId, Arn]`, `DependsOn` → `[roleId, …others]`. */
function rewire(sim: Sim, info: FunctionInfo, roleId: string, throwError: ThrowError): void {
  const compiled = sim.compiled.get(info.key)!;
  const role = compiled.role;
  const getAtt = isObj(role) ? role['Fn::GetAtt'] : undefined;
  if (!Array.isArray(getAtt)) throwError(`Function Resource is not in expected format. For function name: ${info.key}`, info.path);
  compiled.role = obj({ 'Fn::GetAtt': [roleId, ...(getAtt as Plain[]).slice(1)] });
  compiled.dependsOn = [roleId, ...(compiled.dependsOn ?? []).filter((d) => d !== SHARED_ROLE_ID)];
}

export function createRolesPerFunction(sim: Sim): void {
  const { n } = sim;
  if (!n.functions.length) return;
  if (sim.existingProviderRole) return;
  if (sim.providerRoleKey && !sim.perFunction) return;
  if (sim.perFunction) {
    const base = buildBaseFromProvider(sim);
    for (const info of n.functions) {
      createRoleForFunction(sim, info, base, true);
      const compiled = sim.compiled.get(info.key)!;
      if (!info.fn.role) compiled.choice = 'dedicated-per-function';
      if (!info.fn.role) compiled.choiceAt = ['provider', 'iam', 'role', 'mode'];
    }
  } else {
    for (const info of n.functions) {
      const before = sim.roles.size;
      createRoleForFunction(sim, info, sim.shared, false);
      if (sim.roles.size > before) {
        const compiled = sim.compiled.get(info.key)!;
        compiled.choice = 'dedicated-opt-in';
        compiled.choiceAt = perFunctionIamConfigPath(info);
      }
    }
  }
}
