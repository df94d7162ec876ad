/**
 * `toCloudFormation`: the model in the shape of the reference outputs (`v4-cases/*.v4.json`):
 * every `AWS::IAM::Role` logical id → its `Properties`, and every function key → the logical id
 * its role points at (null for an external or dangling role) and its `Role` value; or the
 * Framework's error. Intrinsics are in long form; Unknown values serialize as their text.
 */
import type { Plain } from '../load/node.js';
import type { ServiceModel } from './model.js';
import { isObj } from './plain.js';

export interface CloudFormationRoles {
  roles: Record<string, Plain>;
  functions: Record<string, { roleLogicalId: string | null; role: Plain }>;
}

/** A plain-object deep copy (ordinary prototypes), Unknown instances kept. */
function copy(v: Plain): Plain {
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copy(x)));
  if (isObj(v)) {
    const out: { [key: string]: Plain } = {};
    for (const key of Object.keys(v)) {
      const value = v[key];
      if (value === undefined) continue;
      Object.defineProperty(out, key, { value: copy(value), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

export function toCloudFormation(model: ServiceModel): CloudFormationRoles | { error: { message: string } } {
  if (model.failure) return { error: { message: model.failure.message } };
  const roles: Record<string, Plain> = {};
  const put = (o: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  for (const role of model.roles) put(roles, role.logicalId, copy(role.properties));
  const functions: Record<string, { roleLogicalId: string | null; role: Plain }> = {};
  for (const fn of model.functions) {
    put(functions, fn.key, { roleLogicalId: fn.dangling ? null : fn.roleLogicalId, role: copy(fn.role) });
  }
  return { roles, functions };
}
