/**
 * Helpers over plain config values (`Plain`, plus `undefined` for "key absent").
 *
 * The simulation works on a private copy of the resolved config whose objects have no
 * prototype (so keys such as `__proto__` stay data). `Unknown` instances stand for values
 * iamlint cannot know offline: they are kept as they are, count as truthy and non-empty,
 * and give their source text where the Framework would concatenate strings.
 */
import { Unknown, type Plain, type UnknownPart } from '../load/node.js';

export type Obj = { [key: string]: Plain };
/** A config value that may be absent. */
export type Val = Plain | undefined;

/**
 * A fresh object. The simulation's objects are ordinary (like the Framework's, and much faster
 * than prototype-less ones); a key `__proto__` from the config is kept as data by `setKey`.
 */
export function newObj(): Obj {
  return {} as Obj;
}

/** `o[key] = value`, keeping a `__proto__` key as an own data property. */
export function setKey(o: Obj, key: string, value: Plain): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/**
 * An object from entries written as a literal (generated statements, role skeletons), without
 * the undefined ones. The literal itself is returned when nothing is left out: callers pass a
 * fresh literal with fixed keys, so it is theirs to give.
 */
export function obj(entries: Record<string, Val>): Obj {
  const keys = Object.keys(entries);
  for (let i = 0; i < keys.length; i++) {
    if (entries[keys[i]!] !== undefined) continue;
    const out = newObj();
    for (let j = 0; j < keys.length; j++) {
      const v = entries[keys[j]!];
      if (v !== undefined) setKey(out, keys[j]!, v);
    }
    return out;
  }
  return entries as Obj;
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** A string, or an Unknown standing for one. */
export function isStringLike(v: unknown): v is string | Unknown {
  return typeof v === 'string' || v instanceof Unknown;
}


/** `_.get` over own keys of plain objects; undefined when any step is missing or not an object. */
export function get(v: Val, ...keys: string[]): Val {
  let cur: Val = v;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isObj(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}


/** lodash `isEmpty`: nullish, numbers and booleans are empty; strings/arrays by length; objects by own keys. */
export function isEmptyLodash(v: Val): boolean {
  if (v === null || v === undefined) return true;
  if (v instanceof Unknown) return false;
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return true;
}

/** The text the Framework would get when it concatenates the value into a string. */
export function textOf(v: Val): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) return v.text;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => (x === null || x === undefined ? '' : textOf(x))).join(',');
  return '[object Object]';
}

/**
 * Concatenate name parts like a template string. An Unknown part keeps the result unknown: its
 * text is the joined text, its parts the known strings (merged) and unknown pieces in order.
 */
export function concatName(parts: Val[]): Plain {
  if (!parts.some((p) => p instanceof Unknown)) return parts.map((p) => textOf(p)).join('');
  const out: Array<string | UnknownPart> = [];
  const reasons = new Set<string>();
  const addText = (text: string) => {
    if (!text) return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += text;
    else out.push(text);
  };
  for (const p of parts) {
    if (!(p instanceof Unknown)) addText(textOf(p));
    else {
      reasons.add(p.reason);
      for (const piece of p.parts ?? [{ text: p.text, reason: p.reason }]) {
        if (typeof piece === 'string') addText(piece);
        else out.push(piece);
      }
    }
  }
  return new Unknown(parts.map((p) => textOf(p)).join(''), [...reasons].join('; '), out);
}

/**
 * The leading text of a value that is certainly known: the whole string, or for a partly
 * unknown string its known parts up to the first unknown piece ('' when nothing is known).
 */
export function knownPrefix(v: Val): string {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) {
    if (!v.parts) return '';
    let out = '';
    for (const part of v.parts) {
      if (typeof part !== 'string') break;
      out += part;
    }
    return out;
  }
  return '';
}


/** Deep copy; Unknown instances are immutable and shared. */
export function clonePlain<T extends Val>(v: T): T {
  if (typeof v !== 'object' || v === null || v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    // Sized up front: pushing would leave spare capacity in every copied list the model keeps.
    const out = new Array<Plain>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = clonePlain(v[i] as Plain);
    return out as T;
  }
  const src = v as Obj;
  const out = newObj();
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = clonePlain(src[key]!);
    if (key === '__proto__') setKey(out, key, value);
    else out[key] = value;
  }
  return out as T;
}

/** `Object.keys(o).sort()`; small objects (statements, intrinsics) are sorted in place without the sort's scratch copy. */
function sortedKeys(o: Obj): string[] {
  const keys = Object.keys(o);
  if (keys.length > 8) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * A key that is equal for two values exactly when lodash `isEqual` holds for them
 * (object key order ignored, array order kept, Unknown compared by its text).
 */
export function equalityKey(v: Val): string {
  if (v === undefined) return 'u';
  if (v === null) return 'n';
  if (typeof v === 'string') return 's' + JSON.stringify(v);
  if (typeof v === 'number') return 'd' + String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Unknown) return 'U' + JSON.stringify(v.text);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + equalityKey(v[i]);
    return out + ']';
  }
  const keys = sortedKeys(v);
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + equalityKey(v[keys[i]!]);
  return out + '}';
}

/** lodash `isEqual` over plain values (object key order ignored, Unknown compared by its text). */
export function deepEqual(a: Val, b: Val): boolean {
  if (a === b) return true;
  if (a instanceof Unknown || b instanceof Unknown) return a instanceof Unknown && b instanceof Unknown && a.text === b.text;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Plain[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const ob = b as Obj;
  if (ka.length !== Object.keys(ob).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(ob, k) && deepEqual((a as Obj)[k], ob[k]));
}

/** Convert to ordinary objects (for `util.inspect` and output); Unknown instances are kept. */
export function toOrdinary(v: Val): unknown {
  if (Array.isArray(v)) return v.map((x) => toOrdinary(x));
  if (isObj(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      Object.defineProperty(out, key, { value: toOrdinary(v[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}


/** `Object.entries` as JavaScript sees any value: object keys, list indices, string characters; nothing for others. */
export function entriesOf(v: Val): Array<[string, Plain]> {
  if (Array.isArray(v)) return v.map((x, i) => [String(i), x]);
  if (typeof v === 'string') return [...v].map((ch, i) => [String(i), ch]);
  if (isObj(v)) return Object.keys(v).map((k) => [k, v[k]!]);
  return [];
}
