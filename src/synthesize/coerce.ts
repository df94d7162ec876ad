/**
 * The schema coercion that changes the output (semantics §8). The Framework validates with
 * AJV `coerceTypes: 'array'`, in place, before any IAM code runs: a scalar where a list is
 * expected becomes a one-element list, a one-element list where a scalar is expected becomes
 * the scalar, numbers/booleans become strings where strings are expected, and `"true"`/`"false"`
 * become booleans. Only the fields the role synthesis reads are coerced here.
 *
 * Decisions: `null` is not wrapped into `[null]` (semantics §2/§4.1 say `iamRoleStatements: null`
 * still makes a dedicated role). `Resource`/`NotResource` follow AJV's walk through their
 * `anyOf` (`coercePolicyResource`): a string that a branch accepts stays a string (the reference
 * outputs keep strings as strings), while one-element lists and numbers change.
 */
import { Unknown, type Plain } from '../load/node.js';
import { get, isObj, knownPrefix, setKey, type Obj, type Val } from './plain.js';

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

/*
 * `awsIamPolicyResource` = anyOf [ {const: '*'}, awsArn, awsLogicalResourceId, {type: array, items:
 * anyOf [same three]} ], with awsArn = anyOf [ {type: string, pattern: ^arn:}, awsCfFunction (objects
 * only; its `Fn::Base64` branch accepts any object) ] and awsLogicalResourceId = {type: string,
 * pattern: ^[#A-Za-z0-9-_./]+[*]?$}. AJV (`coerceTypes: 'array'`, the Framework inlines the `$ref`s)
 * runs the branches in order until one passes, over ONE data variable shared by all of them:
 *  - a `type` branch coerces only when the type is wrong. For `string`, a one-element list is
 *    unwrapped into the variable (even when the element is no string: `[[x]]` leaves `[x]`,
 *    `[{…}]` leaves the object, and the parent keeps the list); a string, number or boolean (→ its
 *    text) or null (→ '') is then written to the variable AND to the parent, before `pattern`;
 *  - `const` and the object branches never coerce;
 *  - the `array` branch wraps a string/number/boolean/null into a new list (variable and parent).
 * So `[arn:…]`, `[a-logical-id]`, `[123]` become strings, while `['*']` and `['queue:with:colons']`
 * are unwrapped by the string branches, fail their patterns, and are wrapped again by the array
 * branch: they end as lists. A scalar that no string branch accepts (`queue:with:colons`, '')
 * becomes a list the same way. Checked with ajv 8 (the Framework's) on each case.
 */
const ARN_PATTERN = /^arn:/u;
const LOGICAL_ID_PATTERN = /^[#A-Za-z0-9-_./]+[*]?$/u;

/** Thrown when the walk would have to look inside an Unknown it cannot judge. */
class Undecided extends Error {}

/**
 * An Unknown the walk can still judge: a string whose known start is `arn:` (it passes `^arn:`;
 * it is not '*'; its ':' fails the logical-id pattern). Any other Unknown may be anything.
 */
function isArnUnknown(v: Plain): boolean {
  return v instanceof Unknown && knownPrefix(v).startsWith('arn:');
}

/** The AJV variable and the value stored in the parent (statement key or list slot). */
interface Slot {
  data: Plain;
  parent: Plain;
}

function constStarBranch(slot: Slot): boolean {
  const d = slot.data;
  if (d instanceof Unknown && !isArnUnknown(d)) throw new Undecided();
  return d === '*';
}

function stringBranch(slot: Slot, pattern: RegExp): boolean {
  let d = slot.data;
  if (d instanceof Unknown && !isArnUnknown(d)) throw new Undecided();
  if (typeof d !== 'string' && !(d instanceof Unknown)) {
    if (Array.isArray(d) && d.length === 1) {
      d = d[0]!;
      slot.data = d;
      if (d instanceof Unknown && !isArnUnknown(d)) throw new Undecided();
    }
    let coerced: Plain | undefined;
    if (typeof d === 'string' || d instanceof Unknown) coerced = d;
    else if (typeof d === 'number' || typeof d === 'boolean') coerced = String(d);
    else if (d === null) coerced = '';
    if (coerced === undefined) return false;
    slot.data = coerced;
    slot.parent = coerced;
  }
  const s = slot.data;
  if (s instanceof Unknown) return pattern === ARN_PATTERN;
  return typeof s === 'string' && pattern.test(s);
}

/** `awsCfFunction`: any (non-list) object passes; nothing is coerced at this level. */
function objectBranch(slot: Slot): boolean {
  if (slot.data instanceof Unknown && !isArnUnknown(slot.data)) throw new Undecided();
  return isObj(slot.data);
}

/** const '*', awsArn (string, then intrinsic), awsLogicalResourceId — in order, first pass wins. */
function scalarBranches(slot: Slot): boolean {
  return constStarBranch(slot) || stringBranch(slot, ARN_PATTERN) || objectBranch(slot) || stringBranch(slot, LOGICAL_ID_PATTERN);
}

/**
 * The `array` branch: wrap a scalar, then walk every item (all of them: `allErrors`). Items are
 * rewritten in place, in whatever list the variable holds: after `[[[123]]]` was unwrapped twice
 * by the string branches, the inner list becomes `["123"]` and the parent keeps `[[["123"]]]`.
 */
function arrayBranch(slot: Slot): void {
  let d = slot.data;
  if (d instanceof Unknown && !isArnUnknown(d)) throw new Undecided();
  if (!Array.isArray(d)) {
    if (!(typeof d === 'string' || d instanceof Unknown || typeof d === 'number' || typeof d === 'boolean' || d === null)) return;
    d = [d];
    slot.data = d;
    slot.parent = d;
  }
  for (let i = 0; i < d.length; i++) {
    const itemSlot: Slot = { data: d[i]!, parent: d[i]! };
    try {
      scalarBranches(itemSlot);
      d[i] = itemSlot.parent;
    } catch (error) {
      if (!(error instanceof Undecided)) throw error;
      // An item that cannot be judged stays as written; the others do not depend on it.
    }
  }
}

/**
 * The value AJV leaves in `Resource`/`NotResource` (lists inside it are rewritten in place, as AJV
 * does; callers pass the simulation's private copy). A `null` is left alone (the Framework removes
 * null properties before validating and puts them back after); so is any value whose fate depends
 * on an Unknown (`[${ssm:…}]` may or may not be unwrapped).
 */
export function coercePolicyResource(value: Plain): Plain {
  if (value === null) return value;
  const slot: Slot = { data: value, parent: value };
  try {
    if (!scalarBranches(slot)) arrayBranch(slot);
  } catch (error) {
    if (error instanceof Undecided) return value;
    throw error;
  }
  return slot.parent;
}

function coerceResource(o: Obj, key: string): void {
  if (!own(o, key)) return;
  const v = o[key]!;
  const coerced = coercePolicyResource(v);
  if (coerced !== v) setKey(o, key, coerced);
}

/** `awsIamPolicyStatements`: a list of statements; each statement's Sid string, Action lists, Resource. */
export function coerceStatements(o: Obj, key: string): void {
  coerceArray(o, key);
  const list = o[key];
  if (!Array.isArray(list)) return;
  for (const st of list) {
    if (!isObj(st)) continue;
    // `Effect` is an enum without a type: AJV does not coerce it (`[Allow]` stays a list).
    coerceString(st, 'Sid');
    coerceArray(st, 'Action');
    coerceArray(st, 'NotAction');
    coerceResource(st, 'Resource');
    coerceResource(st, 'NotResource');
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

const ARN_EVENTS = ['sqs', 'stream'] as const;
const BROKER_EVENTS = ['activemq', 'rabbitmq', 'msk'] as const;

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
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (!isObj(ev)) continue;
    for (let t = 0; t < ARN_EVENTS.length; t++) {
      const type = ARN_EVENTS[t]!;
      coerceArnLike(ev, type);
      const body = ev[type];
      if (isObj(body)) {
        coerceArnLike(body, 'arn');
        if (type === 'stream') coerceString(body, 'type');
      }
    }
    for (let t = 0; t < BROKER_EVENTS.length; t++) {
      const body = ev[BROKER_EVENTS[t]!];
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
