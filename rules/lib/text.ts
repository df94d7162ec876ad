/**
 * Text for rule messages: lists of names and of written values, shortened for a 2 a.m. reader.
 *
 * Not a rule: this module has no default export.
 */
import { Unknown, type Plain } from '../../src/load/node.js';
import { stableKey } from './plain.js';

/** `a`, `a and b`, `a, b and c`, or `a, b, c, d, e, f and 7 more` (beyond `max` names). */
export function nameList(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** One written value as text: strings and Unknowns as written, anything else as compact JSON. */
export function valueText(value: Plain | undefined): string {
  return typeof value === 'string' || value instanceof Unknown ? String(value) : JSON.stringify(value);
}

/** `["s3:*", "iam:*"]` → `s3:*, iam:*`; beyond `max` items `a, b, c, … (9 in all)`. */
export function valuesText(value: Plain | undefined, max: number): string {
  const items = Array.isArray(value) ? value : [value];
  const shown = items.slice(0, max).map(valueText);
  return items.length > max ? `${shown.join(', ')}, … (${items.length} in all)` : shown.join(', ');
}

/** The `Action` of a statement document: `a, b, c, d, …` beyond `max` (intrinsics as stable keys). */
export function actionsText(action: Plain | undefined, max = 4): string {
  const list = Array.isArray(action) ? action : action === undefined ? [] : [action];
  const shown = list.slice(0, max).map((x) => (typeof x === 'string' || x instanceof Unknown ? String(x) : stableKey(x)));
  return list.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** `1 managed policy`, `2 managed policies`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
