/**
 * Statements of the model: who wrote them, where, and what they say (for comparing two of them).
 *
 * Not a rule: this module has no default export.
 */
import type { Path, Plain } from '../../src/load/node.js';
import type { Provenance, StatementModel } from '../../src/synthesize/model.js';
import { stableKey, type PlainMap } from './plain.js';

/** Provenances of statements a user wrote (directly, through inheritance, or in `resources`). */
export function isWritten(p: Provenance): p is Extract<Provenance, { path: unknown }> {
  return p.kind === 'provider' || p.kind === 'function' || p.kind === 'inherited' || p.kind === 'resources';
}

/** Where a user-written statement is written; `[]` for the Framework's own statements. */
export function writtenPath(statement: StatementModel): Path {
  const p = statement.provenance;
  return isWritten(p) ? p.path : [];
}

/** A list-valued key as a sorted set: `X` and `[X]` and `[X, X]` are the same; actions ignore case. */
function setKey(value: Plain | undefined, ignoreCase: boolean): string {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const keys = items.map((x) => (typeof x === 'string' ? JSON.stringify(ignoreCase ? x.toLowerCase() : x) : stableKey(x)));
  return `[${[...new Set(keys)].sort().join(',')}]`;
}

/** What a statement allows or denies, without `Sid` and independent of list order: equal for equal statements. */
export function contentKey(doc: PlainMap): string {
  const parts: string[] = [];
  for (const key of Object.keys(doc).sort()) {
    if (key === 'Sid') continue;
    const v = doc[key];
    if (key === 'Action' || key === 'NotAction') parts.push(`${key}=${setKey(v, true)}`);
    else if (key === 'Resource' || key === 'NotResource') parts.push(`${key}=${setKey(v, false)}`);
    else parts.push(`${key}=${stableKey(v)}`);
  }
  return parts.join(';');
}
