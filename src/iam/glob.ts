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
    else units.push({ kind: 'char', char });
  }
  return units;
}

/** Units that match exactly `text` (no wildcard meaning). */
export function unitsOfLiteral(text: string): GlobUnit[] {
  return Array.from(text, (char): GlobUnit => ({ kind: 'char', char }));
}

function classContains(outer: CharClass, inner: CharClass): boolean {
  return Array.from(EXCLUDED[outer]).every((char) => EXCLUDED[inner].includes(char));
}

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
function normalize(units: readonly GlobUnit[]): GlobUnit[] {
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
  const n = g.length;
  const m = s.length;
  // covers[i][j]: g[i..] covers s[j..]; filled from the ends backwards.
  const next = new Array<boolean>(m + 1).fill(false);
  const cur = new Array<boolean>(m + 1).fill(false);
  next[m] = true;
  for (let i = n - 1; i >= 0; i--) {
    const unit = g[i]!;
    for (let j = m; j >= 0; j--) {
      if (unit.kind === 'many') {
        cur[j] = next[j]! || (j < m && runAbsorbs(unit.cls, s[j]!) && cur[j + 1]!);
      } else {
        cur[j] = j < m && singleAbsorbs(unit, s[j]!, ignoreCase) && next[j + 1]!;
      }
    }
    for (let j = 0; j <= m; j++) next[j] = cur[j]!;
  }
  return next[0]!;
}

/** What one step of a unit consumes: a literal character or any character of a class. */
type Step = { char: string } | { cls: CharClass };

/** The consuming moves out of position `i`: [step, next position]. Opaque values behave as runs. */
function stepsFrom(units: readonly GlobUnit[], i: number): Array<[Step, number]> {
  const unit = units[i];
  if (!unit) return [];
  switch (unit.kind) {
    case 'char':
      return [[{ char: unit.char }, i + 1]];
    case 'one':
      return [[{ cls: unit.cls }, i + 1]];
    case 'many':
    case 'opaque':
      return [[{ cls: unit.cls }, i]];
  }
}

function stepsMeet(a: Step, b: Step, ignoreCase: boolean): boolean {
  if ('char' in a && 'char' in b) return sameChar(a.char, b.char, ignoreCase);
  if ('char' in a && 'cls' in b) return classAccepts(b.cls, a.char);
  if ('cls' in a && 'char' in b) return classAccepts(a.cls, b.char);
  return true; // any two classes share letters
}

function canSkip(unit: GlobUnit | undefined): boolean {
  return unit !== undefined && (unit.kind === 'many' || unit.kind === 'opaque');
}

/**
 * Is there at least one string both patterns could match? Opaque values count as
 * "could be anything of their class" — the benefit of the doubt for "can it match" questions.
 * A reachability search over pairs of positions (product automaton), O(|a|·|b|).
 */
export function globsOverlap(a: readonly GlobUnit[], b: readonly GlobUnit[], options: GlobOptions = {}): boolean {
  const ignoreCase = options.ignoreCase ?? false;
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: Array<[number, number]> = [[0, 0]];
  seen[0] = 1;
  const visit = (i: number, j: number) => {
    const key = i * width + j;
    if (!seen[key]) {
      seen[key] = 1;
      stack.push([i, j]);
    }
  };
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (i === a.length && j === b.length) return true;
    // A run (or an opaque value) may stand for the empty string.
    if (canSkip(a[i])) visit(i + 1, j);
    if (canSkip(b[j])) visit(i, j + 1);
    for (const [stepA, nextI] of stepsFrom(a, i)) {
      for (const [stepB, nextJ] of stepsFrom(b, j)) {
        if (stepsMeet(stepA, stepB, ignoreCase)) visit(nextI, nextJ);
      }
    }
  }
  return false;
}
