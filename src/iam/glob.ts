/**
 * The engine under every IAM wildcard question: a pattern as a list of units, and three
 * relations between unit lists — does one pattern cover another, can two overlap.
 *
 * Besides IAM's own `*` and `?` there are two unit kinds IAM text never produces:
 * - a class that excludes `:` — the shape of a concrete ARN field (a partition, a region,
 *   an account id, a table name cannot contain a colon), so that comparing an SQS ARN
 *   pattern with a DynamoDB ARN format does not let a wildcard slide across fields;
 * - an opaque unit: a concrete value iamlint cannot see. It may equal anything, so it
 *   can *overlap* anything, but it *covers* nothing except itself (never a wildcard).
 */

/**
 * Which characters a wildcard unit stands for: anything; no `:` (an ARN field); or no `:`
 * and no `/` (a name AWS restricts, like a bucket or table name).
 */
export type CharClass = 'any' | 'no-colon' | 'name';

const EXCLUDED: Readonly<Record<CharClass, string>> = { any: '', 'no-colon': ':', name: ':/' };

export type GlobUnit =
  | { kind: 'char'; char: string }
  /** `?`: exactly one character of the class. */
  | { kind: 'one'; cls: CharClass }
  /** `*`: any run (possibly empty) of characters of the class. */
  | { kind: 'many'; cls: CharClass }
  /** A concrete but unseen value; units with the same key are the same value. */
  | { kind: 'opaque'; key: string; cls: CharClass };

export interface GlobOptions {
  /** IAM actions compare case-insensitively; ARNs do not. */
  ignoreCase?: boolean;
}

export const ANY_RUN: GlobUnit = { kind: 'many', cls: 'any' };
export const ANY_ONE: GlobUnit = { kind: 'one', cls: 'any' };
export const FIELD_RUN: GlobUnit = { kind: 'many', cls: 'no-colon' };
export const NAME_RUN: GlobUnit = { kind: 'many', cls: 'name' };

/** Units of an IAM wildcard string: `*` and `?` are wildcards, everything else literal. */
export function unitsOfWildcard(text: string): GlobUnit[] {
  const units: GlobUnit[] = [];
  for (const char of text) {
    if (char === '*') units.push(ANY_RUN);
    else if (char === '?') units.push(ANY_ONE);
    else units.push(charUnit(char));
  }
  return units;
}

/** One shared unit per character: units are never mutated, and ARN texts repeat few characters. */
const charUnits = new Map<string, GlobUnit>();

/** The unit that matches exactly `char`. */
export function charUnit(char: string): GlobUnit {
  let unit = charUnits.get(char);
  if (!unit) charUnits.set(char, (unit = { kind: 'char', char }));
  return unit;
}

/** Units that match exactly `text` (no wildcard meaning). */
export function unitsOfLiteral(text: string): GlobUnit[] {
  return Array.from(text, charUnit);
}

/** Does every character of class `inner` belong to class `outer`? */
function classContains(outer: CharClass, inner: CharClass): boolean {
  return CONTAINS[outer][inner];
}

const CONTAINS: Readonly<Record<CharClass, Readonly<Record<CharClass, boolean>>>> = {
  any: { any: true, 'no-colon': true, name: true },
  'no-colon': { any: false, 'no-colon': true, name: true },
  name: { any: false, 'no-colon': false, name: true },
};

function classAccepts(cls: CharClass, char: string): boolean {
  return !EXCLUDED[cls].includes(char);
}

function sameChar(a: string, b: string, ignoreCase: boolean): boolean {
  return a === b || (ignoreCase && a.toLowerCase() === b.toLowerCase());
}

/**
 * Canonical order inside a run of wildcards of one class: `*?` and `?*` match the same
 * strings, and `**` equals `*`. Putting `?` first and collapsing stars makes `covers`
 * answer "yes" for such equivalent spellings.
 */
function normalize(units: readonly GlobUnit[]): readonly GlobUnit[] {
  if (!hasWildcardPair(units)) return units; // nothing to reorder (the usual case)
  const out: GlobUnit[] = [];
  let i = 0;
  while (i < units.length) {
    const unit = units[i]!;
    if (unit.kind !== 'one' && unit.kind !== 'many') {
      out.push(unit);
      i++;
      continue;
    }
    const cls = unit.cls;
    let ones = 0;
    let hasMany = false;
    while (i < units.length) {
      const u = units[i]!;
      if ((u.kind !== 'one' && u.kind !== 'many') || u.cls !== cls) break;
      if (u.kind === 'one') ones++;
      else hasMany = true;
      i++;
    }
    for (let k = 0; k < ones; k++) out.push({ kind: 'one', cls });
    if (hasMany) out.push({ kind: 'many', cls });
  }
  return out;
}

/** Two wildcards of one class side by side (the only place `normalize` changes anything)? */
function hasWildcardPair(units: readonly GlobUnit[]): boolean {
  for (let i = 1; i < units.length; i++) {
    const a = units[i - 1]!;
    const b = units[i]!;
    if ((a.kind === 'one' || a.kind === 'many') && (b.kind === 'one' || b.kind === 'many') && a.cls === b.cls) return true;
  }
  return false;
}

/** Can a `*` of class `cls` produce every string the specific unit can produce? */
function runAbsorbs(cls: CharClass, unit: GlobUnit): boolean {
  switch (unit.kind) {
    case 'char':
      return classAccepts(cls, unit.char);
    case 'one':
    case 'many':
    case 'opaque':
      return classContains(cls, unit.cls);
  }
}

/** Can a single-character general unit produce every string the specific unit can produce? */
function singleAbsorbs(general: GlobUnit, specific: GlobUnit, ignoreCase: boolean): boolean {
  if (general.kind === 'char') return specific.kind === 'char' && sameChar(general.char, specific.char, ignoreCase);
  if (general.kind === 'one') {
    if (specific.kind === 'char') return classAccepts(general.cls, specific.char);
    if (specific.kind === 'one') return classContains(general.cls, specific.cls);
    return false;
  }
  if (general.kind === 'opaque') return specific.kind === 'opaque' && specific.key === general.key;
  return false;
}

/**
 * Does `general` match every string `specific` can stand for?
 * Sound (a "yes" is always right) and exact for the patterns IAM policies use; for
 * contrived patterns with several wildcards it may answer "no" where a full language
 * inclusion test (exponential in general) would answer "yes".
 */
export function globCovers(general: readonly GlobUnit[], specific: readonly GlobUnit[], options: GlobOptions = {}): boolean {
  const g = normalize(general);
  const s = normalize(specific);
  const ignoreCase = options.ignoreCase ?? false;
  // A literal character of `general` at either end must meet the same character of `specific`
  // (exactly what the table below would find, without filling it for the ARN's fixed text).
  let start = 0;
  while (start < g.length && isChar(g[start]!)) {
    if (!charsMatch(g[start], s[start], ignoreCase)) return false;
    start++;
  }
  let endG = g.length;
  let endS = s.length;
  while (endG > start && isChar(g[endG - 1]!)) {
    if (endS <= start || !charsMatch(g[endG - 1], s[endS - 1], ignoreCase)) return false;
    endG--;
    endS--;
  }
  const m = endS - start;
  // covers[j]: g[start + i..endG) covers s[start + j..endS), one row per i from the end backwards.
  // Only the cells between the row's first and last true one are visited: for ARNs that band is narrow.
  let next = new Uint8Array(m + 1);
  let cur = new Uint8Array(m + 1);
  next[m] = 1;
  let lo = m;
  let hi = m;
  for (let i = endG - 1; i >= start; i--) {
    const unit = g[i]!;
    let newLo = m + 1;
    let newHi = -1;
    if (unit.kind === 'many') {
      // cur[j] = next[j] || (s[j] absorbed && cur[j + 1]); above `hi` every cell is false.
      let after = false;
      for (let j = hi; j >= 0; j--) {
        const covered: boolean = (j >= lo && next[j] === 1) || (after && j < m && runAbsorbs(unit.cls, s[start + j]!));
        if (covered) {
          cur[j] = 1;
          newLo = j;
          if (newHi < 0) newHi = j;
        } else if (j < lo) break; // below `lo` a false cell ends the run
        after = covered;
      }
    } else {
      for (let j = Math.max(lo - 1, 0); j < hi && j < m; j++) {
        if (next[j + 1] === 1 && singleAbsorbs(unit, s[start + j]!, ignoreCase)) {
          cur[j] = 1;
          if (newLo > m) newLo = j;
          newHi = j;
        }
      }
    }
    next.fill(0, lo, hi + 1);
    [next, cur] = [cur, next];
    if (newHi < 0) return false;
    lo = newLo;
    hi = newHi;
  }
  return lo === 0;
}

function isChar(unit: GlobUnit): boolean {
  return unit.kind === 'char';
}

/** Are both units (either may be missing) the same literal character? */
function charsMatch(a: GlobUnit | undefined, b: GlobUnit | undefined, ignoreCase: boolean): boolean {
  return a?.kind === 'char' && b?.kind === 'char' && sameChar(a.char, b.char, ignoreCase);
}

/** Can the two units consume the same character? (a literal one, or any of a class; opaque values as runs) */
function stepsMeet(a: GlobUnit, b: GlobUnit, ignoreCase: boolean): boolean {
  if (a.kind === 'char') return b.kind === 'char' ? sameChar(a.char, b.char, ignoreCase) : classAccepts(b.cls, a.char);
  return b.kind === 'char' ? classAccepts(a.cls, b.char) : true; // any two classes share letters
}

/** A run or an opaque value: may stand for the empty string, and stays in place as it consumes characters. */
function canSkip(unit: GlobUnit | undefined): boolean {
  return unit !== undefined && (unit.kind === 'many' || unit.kind === 'opaque');
}

/**
 * Is there at least one string both patterns could match? Opaque values count as
 * "could be anything of their class" — the benefit of the doubt for "can it match" questions.
 * A reachability search over pairs of positions (product automaton), O(|a|·|b|) at worst.
 */
export function globsOverlap(a: readonly GlobUnit[], b: readonly GlobUnit[], options: GlobOptions = {}): boolean {
  const ignoreCase = options.ignoreCase ?? false;
  // Literal characters facing each other at either end must be equal: the only move the search has there.
  let start = 0;
  while (start < a.length && start < b.length && isChar(a[start]!) && isChar(b[start]!)) {
    if (!charsMatch(a[start], b[start], ignoreCase)) return false;
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && isChar(a[endA - 1]!) && isChar(b[endB - 1]!)) {
    if (!charsMatch(a[endA - 1], b[endB - 1], ignoreCase)) return false;
    endA--;
    endB--;
  }
  // Positions relative to `start`. A move never goes back, so the pairs are visited row by row
  // (one row per position in `a`), each row left to right, keeping only the reached band of a row.
  const lastA = endA - start;
  const lastB = endB - start;
  let row = new Uint8Array(lastB + 2);
  let nextRow = new Uint8Array(lastB + 2);
  row[0] = 1;
  let lo = 0;
  let hi = 0;
  for (let i = 0; ; i++) {
    const unitA = i < lastA ? a[start + i]! : undefined;
    let nextLo = lastB + 1;
    let nextHi = -1;
    const reach = (j: number) => {
      nextRow[j] = 1;
      if (j < nextLo) nextLo = j;
      if (j > nextHi) nextHi = j;
    };
    for (let j = lo; j <= hi; j++) {
      if (row[j] === 0) continue;
      if (i === lastA && j === lastB) return true;
      const unitB = j < lastB ? b[start + j]! : undefined;
      // A run (or an opaque value) may stand for the empty string, or consume a character and stay.
      if (unitB && (canSkip(unitB) || (canSkip(unitA) && stepsMeet(unitA!, unitB, ignoreCase)))) {
        row[j + 1] = 1;
        if (j + 1 > hi) hi = j + 1;
      }
      if (!unitA) continue;
      if (canSkip(unitA)) reach(j);
      else if (unitB && stepsMeet(unitA, unitB, ignoreCase)) reach(canSkip(unitB) ? j : j + 1);
    }
    if (nextHi < 0) return false;
    row.fill(0, lo, hi + 1);
    [row, nextRow] = [nextRow, row];
    lo = nextLo;
    hi = nextHi;
  }
}
