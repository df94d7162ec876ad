/**
 * Plain config values (`Plain` from src/load/node.ts): type tests, lists and a stable key for
 * deep equality. An `Unknown` (a value iamlint cannot know offline) is never a map or a list.
 *
 * Not a rule: this module has no default export.
 */
import { Unknown, type Plain } from '../../src/load/node.js';

export type PlainMap = { [key: string]: Plain };

/** A mapping (not a list, not null, not an Unknown). */
export function isMap(value: Plain | undefined): value is PlainMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Unknown);
}

/** `X` → `[X]`, a list as is, nothing → `[]`. */
export function listOf(value: Plain | undefined): Plain[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The map has the key (whatever its value, null included). */
export function has(map: Plain | undefined, key: string): boolean {
  return isMap(map) && Object.hasOwn(map, key);
}

/** Truthy as the Framework's JavaScript sees it; a value iamlint cannot know counts as set. */
export function truthy(value: Plain | undefined): boolean {
  return value instanceof Unknown || Boolean(value);
}

/** Null, `[]` and `{}` (or nothing): a setting that changes nothing wherever it is read. */
export function isEmpty(value: Plain | undefined): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isMap(value) && Object.keys(value).length === 0);
}

/** A string that is equal for deep-equal plain values (map keys sorted; Unknowns by their text). */
export function stableKey(value: Plain | undefined): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (value instanceof Unknown) return `<unknown ${value.text}>`;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + stableKey(value[i]);
    return `${out}]`;
  }
  if (isMap(value)) {
    const keys = Object.keys(value).sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) out += `${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:${stableKey(value[keys[i]!])}`;
    return `${out}}`;
  }
  return JSON.stringify(value);
}

/** Deep equality of plain values (Unknowns by their text). */
export function plainEqual(a: Plain | undefined, b: Plain | undefined): boolean {
  // Only strings have keys starting with `"`, and different strings have different keys.
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return stableKey(a) === stableKey(b);
}
