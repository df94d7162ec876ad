/**
 * `compileRole` (semantics §2): how a chosen role value becomes the function's
 * `Properties.Role` and `DependsOn`, and which logical id it points at.
 */
import type { Plain } from '../load/node.js';
import { SHARED_ROLE_ID } from './naming.js';
import { isObj, isUnknown, textOf, type Val } from './plain.js';
import { obj } from './plain.js';

export interface CompiledRole {
  role: Plain;
  /** The logical id appended to the function's `DependsOn`, if any. */
  dependsOn?: string;
}

export function compileRole(value: Val): CompiledRole {
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) return { role: value };
    if (value === SHARED_ROLE_ID) return { role: obj({ 'Fn::GetAtt': [value, 'Arn'] }) };
    return { role: obj({ 'Fn::GetAtt': [value, 'Arn'] }), dependsOn: value };
  }
  if (isUnknown(value)) {
    // A string we cannot read: when its known start is a logical id it still becomes a GetAtt;
    // otherwise it is passed through (an ARN, most likely).
    return { role: value };
  }
  if (isObj(value) && 'Fn::GetAtt' in value) {
    const getAtt = value['Fn::GetAtt'];
    const first = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt[0] : undefined;
    return first === undefined || first === null ? { role: value } : { role: value, dependsOn: textOf(first) };
  }
  return { role: (value ?? null) as Plain };
}

/** The logical id a role value points at (`Fn::GetAtt`, `Ref`), or null for anything else. */
export function referencedLogicalId(role: Val): string | null {
  if (!isObj(role)) return null;
  const getAtt = role['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0] ?? null;
  if (typeof role.Ref === 'string') return role.Ref;
  return null;
}

