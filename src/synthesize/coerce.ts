/**
 * The schema coercion that changes the output (semantics §8). The Framework validates with
 * AJV `coerceTypes: 'array'`, in place, before any IAM code runs: a scalar where a list is
 * expected becomes a one-element list, a one-element list where a scalar is expected becomes
 * the scalar, numbers/booleans become strings where strings are expected, and `"true"`/`"false"`
 * become booleans. Only the fields the role synthesis reads are coerced here.
 *
 * Decisions: `null` is not wrapped into `[null]` (semantics §2/§4.1 say `iamRoleStatements: null`
 * still makes a dedicated role); `Resource`/`NotResource` are left as written (the reference
 * outputs keep strings as strings).
 */
import { Unknown, type Plain } from '../load/node.js';
import { get, isObj, setKey, type Obj, type Val } from './plain.js';

const own = (o: Obj, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

function isScalar(v: Val): v is string | number | boolean | Unknown {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Unknown;
}

/** Expected type array: wrap a scalar (an Unknown may stand for a whole list: left as it is). */
export function coerceArray(o: Obj, key: string): void {
  if (!own(o, key)) return;
  const v = o[key];
  if (isScalar(v) && !(v instanceof Unknown)) setKey(o, key, [v]);
}

/** Expected type string: unwrap a one-element list, stringify numbers/booleans, null → ''. */
export function coerceString(o: Obj, key: string): void {
  if (!own(o, key)) return;
  let v: Plain = o[key]!;
  if (Array.isArray(v) && v.length === 1 && (isScalar(v[0]) || v[0] === null)) v = v[0]!;
  if (typeof v === 'number' || typeof v === 'boolean') v = String(v);
  else if (v === null) v = '';
  setKey(o, key, v);
}

/** A string-or-intrinsic field (ARNs, `role`): a one-element list of a string becomes the string. */
export function coerceArnLike(o: Obj, key: string): void {
  if (!own(o, key)) return;
  const v = o[key];
  if (Array.isArray(v) && v.length === 1 && (typeof v[0] === 'string' || v[0] instanceof Unknown)) setKey(o, key, v[0]!);
}

/** Expected type boolean. */
export function coerceBoolean(o: Obj, key: string): void {
  if (!own(o, key)) return;
  let v: Plain = o[key]!;
  if (Array.isArray(v) && v.length === 1 && (isScalar(v[0]) || v[0] === null)) v = v[0]!;
  if (v === 'true' || v === 1) v = true;
  else if (v === 'false' || v === 0 || v === null) v = false;
  setKey(o, key, v);
}

/** `tracing`: `Active`/`PassThrough` or a boolean; `"true"`/`"false"` become booleans. */
function coerceTracing(o: Obj, key: string): void {
  if (!own(o, key)) return;
  const v = o[key];
  if (v === 'true' || v === 'false') setKey(o, key, v === 'true');
}

function coerceTags(o: Obj, key: string): void {
  const tags = o[key];
  if (!isObj(tags)) return;
  for (const k of Object.keys(tags)) coerceString(tags, k);
}

/** `awsIamPolicyStatements`: a list of statements; each statement's Effect/Sid strings, Action lists. */
export function coerceStatements(o: Obj, key: string): void {
  coerceArray(o, key);
  const list = o[key];
  if (!Array.isArray(list)) return;
  for (const st of list) {
    if (!isObj(st)) continue;
    coerceString(st, 'Effect');
    coerceString(st, 'Sid');
    coerceArray(st, 'Action');
    coerceArray(st, 'NotAction');
  }
}

function coerceRoleObject(role: Obj, withMode: boolean): void {
  coerceStatements(role, 'statements');
  coerceArray(role, 'managedPolicies');
  coerceString(role, 'name');
  coerceString(role, 'path');
  if (withMode) coerceString(role, 'mode');
  coerceArnLike(role, 'permissionsBoundary');
  coerceArnLike(role, 'permissionBoundary');
  coerceTags(role, 'tags');
}

export function coerceProvider(provider: Obj): void {
  const role = get(provider, 'iam', 'role');
  if (isObj(role)) coerceRoleObject(role, true);
  coerceStatements(provider, 'iamRoleStatements');
  coerceArray(provider, 'iamManagedPolicies');
  coerceArnLike(provider, 'rolePermissionsBoundary');
  coerceArnLike(provider, 'role');
  coerceArnLike(provider, 'kmsKeyArn');
  const tracing = provider.tracing;
  if (isObj(tracing)) coerceTracing(tracing, 'lambda');
  const lambdaLogs = get(provider, 'logs', 'lambda');
  if (isObj(lambdaLogs)) {
    coerceString(lambdaLogs, 'logGroup');
    coerceString(lambdaLogs, 'logGroupClass');
  }
}

export function coercePluginCustom(custom: Val): void {
  const conf = get(custom, 'serverless-iam-roles-per-function');
  if (!isObj(conf)) return;
  coerceBoolean(conf, 'defaultInherit');
  coerceArnLike(conf, 'iamGlobalPermissionsBoundary');
}

/** One function's settings; `withIam` is false when the external plugin is listed (function `iam` is then not in the schema). */
export function coerceFunction(fn: Obj, withIam: boolean): void {
  coerceArnLike(fn, 'role');
  coerceString(fn, 'name');
  coerceStatements(fn, 'iamRoleStatements');
  coerceBoolean(fn, 'iamRoleStatementsInherit');
  coerceString(fn, 'iamRoleStatementsName');
  coerceArnLike(fn, 'iamPermissionsBoundary');
  coerceBoolean(fn, 'disableLogs');
  coerceTracing(fn, 'tracing');
  coerceArnLike(fn, 'kmsKeyArn');
  coerceArnLike(fn, 'onError');
  const logs = fn.logs;
  if (isObj(logs)) {
    coerceString(logs, 'logGroup');
    coerceString(logs, 'logGroupClass');
  }
  if (withIam && isObj(fn.iam)) {
    coerceBoolean(fn.iam, 'inheritStatements');
    if (isObj(fn.iam.role)) coerceRoleObject(fn.iam.role, false);
  }
  coerceArray(fn, 'events');
  const events = fn.events;
  if (!Array.isArray(events)) return;
  for (const ev of events) {
    if (!isObj(ev)) continue;
    for (const type of ['sqs', 'stream'] as const) {
      coerceArnLike(ev, type);
      const body = ev[type];
      if (isObj(body)) {
        coerceArnLike(body, 'arn');
        if (type === 'stream') coerceString(body, 'type');
      }
    }
    for (const type of ['activemq', 'rabbitmq', 'msk'] as const) {
      const body = ev[type];
      if (isObj(body)) {
        coerceArnLike(body, 'arn');
        coerceArnLike(body, 'basicAuthArn');
      }
    }
    const access = get(ev, 'kafka', 'accessConfigurations');
    if (isObj(access)) for (const k of Object.keys(access)) coerceArray(access, k);
    const schedule = ev.schedule;
    if (isObj(schedule)) coerceString(schedule, 'method');
  }
}
