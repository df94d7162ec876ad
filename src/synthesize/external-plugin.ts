/**
 * `serverless-iam-roles-per-function` 3.2.0 listed in `plugins` (semantics §12): the built-in
 * dedicated roles step aside and the plugin's `createRolesPerFunction` runs instead. Opt-in is
 * `iamRoleStatements` only; the base is a clone of the shared role with statements and managed
 * policies reset; its auto-grants are logs, VPC, dynamodb/kinesis streams, SQS and onError.
 */
import type { Path, Plain } from '../load/node.js';
import { StatementList } from './auto-grants.js';
import type { Sim } from './context.js';
import { inheritableProviderStatements, validateStatements } from './dedicated-roles.js';
import { reportUnknownStatements } from './unknowns.js';
import { eventsOf, readStream, SQS_ACTIONS, STREAM_ACTIONS } from './event-grants.js';
import { fail, perFunctionErrorText } from './failure.js';
import type { GrantCause, Provenance } from './model.js';
import { dedicatedRoleId, generatedRoleName, logGroupArn, logGroupName, providerRoleName, SHARED_ROLE_ID, vpcPolicyArn } from './naming.js';
import type { FunctionInfo } from './normalize.js';
import { get, isEmptyLodash, isObj, isUnknown, obj, type Val } from './plain.js';
import { cloneRole, props, pushManagedPolicy, setProp, setStatements, TEMPLATE } from './role-build.js';

const PLUGIN = 'serverless-iam-roles-per-function';
const auto = (grant: Extract<Provenance, { kind: 'auto' }>['grant'], causes: GrantCause[]): Provenance => ({ kind: 'auto', grant, causes });

function createRoleForFunction(sim: Sim, info: FunctionInfo): void {
  const { fn, key } = info;
  if (fn.iamRoleStatements === undefined) return;
  const at = (...rest: Array<string | number>): Path => [...info.path, ...rest];
  const throwError: (msg: string, path: Path, arg?: Val) => never = (msg, path, arg) =>
    fail(perFunctionErrorText(`${PLUGIN}: ERROR: `, msg, arg), { at: path, function: key });
  if (fn.role) {
    throwError(`Define function with both 'role' and 'iamRoleStatements' is not supported. Function name: ${key}`, at('role'));
  }
  validateStatements(fn.iamRoleStatements, (msg) => throwError(msg, at('iamRoleStatements')));
  reportUnknownStatements(sim, fn.iamRoleStatements, at('iamRoleStatements'));
  const shared = sim.shared;
  if (!shared) fail("Cannot read properties of undefined (reading 'Properties')", { at: at('iamRoleStatements'), function: key });

  const roleId = dedicatedRoleId(key);
  const role = cloneRole(shared, roleId, 'dedicated', at('iamRoleStatements'));
  role.dedicatedTo = key;
  for (const [name, prov] of role.propProv) {
    if (prov.kind === 'provider') role.propProv.set(name, { kind: 'inherited', function: key, path: prov.path });
  }
  const list = new StatementList();
  setStatements(role, list.docs, list.provs);
  list.push(
    obj({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
      Resource: [logGroupArn(logGroupName(fn.name), ':*:*')],
    }),
    auto('logs', [{ function: key, setting: info.path }]),
  );
  const p = props(role);
  p.ManagedPolicyArns = [];
  role.mpProv = [];
  const fnVpc = !isEmptyLodash(fn.vpc);
  const providerVpc = !isEmptyLodash(sim.n.provider.vpc);
  if (fnVpc || providerVpc) {
    const causes: GrantCause[] = [];
    if (fnVpc) causes.push({ function: key, setting: at('vpc') });
    if (providerVpc) causes.push({ setting: ['provider', 'vpc'] });
    pushManagedPolicy(role, vpcPolicyArn(), auto('vpc', causes));
  }

  // Streams: dynamodb and kinesis only (no consumers, no onFailure).
  const dynamo: Array<{ v: Plain; c: GrantCause }> = [];
  const kinesis: Array<{ v: Plain; c: GrantCause }> = [];
  if (!isEmptyLodash(fn.events)) {
    for (const e of eventsOf(info, 'stream')) {
      const s = readStream(e, sim);
      if (s.type === undefined && isUnknown(s.arn)) continue;
      const c: GrantCause = { function: key, setting: e.path };
      if (s.type === 'dynamodb') dynamo.push({ v: s.arn as Plain, c });
      else if (s.type === 'kinesis') kinesis.push({ v: s.arn as Plain, c });
      else throwError(`Unsupported stream type: ${s.type ?? 'undefined'} for function: `, e.path, fn);
    }
  }
  if (dynamo.length) list.push(obj({ Effect: 'Allow', Action: [...STREAM_ACTIONS.dynamodb], Resource: dynamo.map((x) => x.v) }), auto('stream', dynamo.map((x) => x.c)));
  if (kinesis.length) list.push(obj({ Effect: 'Allow', Action: [...STREAM_ACTIONS.kinesis], Resource: kinesis.map((x) => x.v) }), auto('stream', kinesis.map((x) => x.c)));

  const queues = eventsOf(info, 'sqs');
  if (queues.length) {
    list.push(
      obj({ Effect: 'Allow', Action: [...SQS_ACTIONS], Resource: queues.map((e) => (isObj(e.body) ? e.body.arn || e.body : e.body) as Plain) }),
      auto('sqs', queues.map((e) => ({ function: key, setting: e.path }))),
    );
  }
  if (!isEmptyLodash(fn.onError)) {
    list.push(obj({ Effect: 'Allow', Action: ['sns:Publish'], Resource: fn.onError as Plain }), auto('on-error', [{ function: key, setting: at('onError') }]));
  }

  const defaultInherit = get(sim.n.cfg.custom, PLUGIN, 'defaultInherit') ?? false;
  const inherit = fn.iamRoleStatementsInherit || (defaultInherit && fn.iamRoleStatementsInherit !== false);
  if (inherit) {
    const inherited = inheritableProviderStatements(sim);
    if (!isEmptyLodash(inherited.list) && Array.isArray(inherited.list)) {
      inherited.list.forEach((st, i) => list.push(st, { kind: 'inherited', function: key, path: [...inherited.base, i] }));
    }
  }
  if (Array.isArray(fn.iamRoleStatements)) {
    fn.iamRoleStatements.forEach((st, i) => list.push(st, { kind: 'function', function: key, path: at('iamRoleStatements', i) }));
  }

  const boundary = fn.iamPermissionsBoundary;
  const globalBoundary = get(sim.n.cfg.custom, PLUGIN, 'iamGlobalPermissionsBoundary');
  if (boundary || globalBoundary) {
    setProp(
      role,
      'PermissionsBoundary',
      (boundary || globalBoundary) as Plain,
      boundary
        ? { kind: 'function', function: key, path: at('iamPermissionsBoundary') }
        : { kind: 'provider', path: ['custom', PLUGIN, 'iamGlobalPermissionsBoundary'] },
    );
  }
  if (globalBoundary) setProp(shared, 'PermissionsBoundary', globalBoundary, { kind: 'provider', path: ['custom', PLUGIN, 'iamGlobalPermissionsBoundary'] });

  if (fn.iamRoleStatementsName) {
    setProp(role, 'RoleName', fn.iamRoleStatementsName, { kind: 'function', function: key, path: at('iamRoleStatementsName') });
  } else {
    const generated = generatedRoleName(providerRoleName(get(sim.iamRole, 'name'), sim.n.service, sim.n.stage), key, sim.n.region);
    if (!generated.ok && generated.reason === 'global-name') {
      throwError(`Global Role Name is not in expected format. Got name: ${JSON.stringify(generated.got)}`, ['provider', 'iam', 'role', 'name']);
    }
    if (!generated.ok) {
      throwError(
        `auto generated role name for function: ${key} is too long (over 64 chars).\n        Try setting a custom role name using the property: iamRoleStatementsName.`,
        info.path,
      );
    }
    setProp(role, 'RoleName', generated.name, TEMPLATE);
  }

  sim.roles.set(roleId, role);
  const compiled = sim.compiled.get(key)!;
  const getAtt = isObj(compiled.role) ? compiled.role['Fn::GetAtt'] : undefined;
  if (!Array.isArray(getAtt) || !Array.isArray(compiled.dependsOn)) {
    throwError(`Function Resource is not in expected format. For function name: ${key}`, info.path);
  }
  compiled.role = obj({ 'Fn::GetAtt': [roleId, ...(getAtt as Plain[]).slice(1)] });
  compiled.dependsOn = [roleId, ...(compiled.dependsOn as string[]).filter((d) => d !== SHARED_ROLE_ID)];
  compiled.choice = 'dedicated-plugin';
  compiled.choiceAt = at('iamRoleStatements');
}

export function runExternalPlugin(sim: Sim): void {
  for (const info of sim.n.functions) createRoleForFunction(sim, info);
}
