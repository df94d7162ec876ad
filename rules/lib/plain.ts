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
  if (value === undefined) return 'undefined';
  if (value instanceof Unknown) return `<unknown ${value.text}>`;
  if (Array.isArray(value)) return `[${value.map(stableKey).join(',')}]`;
  if (isMap(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableKey(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
