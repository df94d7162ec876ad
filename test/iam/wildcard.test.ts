import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionMatches, arnMatches, hasWildcard, wildcardCovers, wildcardMatches, wildcardsOverlap } from '../../src/iam/index.js';

/** Reference semantics: IAM wildcards as an anchored regular expression. */
function referenceMatch(pattern: string, value: string): boolean {
  const source = Array.from(pattern, (char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's').test(value);
}

const valueChar = fc.constantFrom('a', 'b', ':', '/');
const patternChar = fc.constantFrom('a', 'b', ':', '/', '*', '?');
const value = fc.array(valueChar, { maxLength: 8 }).map((chars) => chars.join(''));
const pattern = fc.array(patternChar, { maxLength: 7 }).map((chars) => chars.join(''));

/** One concrete string the pattern matches: each `*` becomes some text, each `?` one character. */
function instantiate(p: string, fillers: string[]): string {
  let k = 0;
  return Array.from(p, (char) => (char === '*' ? fillers[k++ % fillers.length]! : char === '?' ? (fillers[k++ % fillers.length]! + 'a')[0]! : char)).join('');
}

/**
 * A pattern that matches `text` by construction: each step keeps a character (0), turns
 * it into `?` (1), or replaces the next `step - 2` characters by `*` (2…5; 2 is an empty `*`).
 */
function abstractOf(text: string, steps: number[]): string {
  let out = '';
  let i = 0;
  for (const step of steps) {
    if (i >= text.length) break;
    if (step === 0) out += text[i++];
    else if (step === 1) (out += '?'), i++;
    else (out += '*'), (i += step - 2);
  }
  return out + text.slice(i);
}

const steps = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 10 });

/** Every string over {a, :} up to length 6: enough to find a common match of two short patterns. */
const SMALL_VALUES = (() => {
  const all = [''];
  for (let length = 1; length <= 6; length++) {
    for (const prefix of all.filter((v) => v.length === length - 1)) all.push(prefix + 'a', prefix + ':');
  }
  return all;
})();
const smallPattern = fc.array(fc.constantFrom('a', ':', '*', '?'), { maxLength: 4 }).map((chars) => chars.join(''));

describe('wildcardMatches', () => {
  it('lets * cross / and :', () => {
    expect(arnMatches('arn:aws:s3:::*', 'arn:aws:s3:::bucket/key/deep')).toBe(true);
    expect(arnMatches('arn:*', 'arn:aws:sqs:us-east-1:123456789012:queue')).toBe(true);
    expect(arnMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c')).toBe(true);
    expect(arnMatches('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket2/a')).toBe(false);
  });

  it('makes ? match exactly one character', () => {
    expect(wildcardMatches('a?c', 'abc')).toBe(true);
    expect(wildcardMatches('a?c', 'ac')).toBe(false);
    expect(wildcardMatches('a?c', 'abbc')).toBe(false);
    expect(wildcardMatches('?', '')).toBe(false);
    expect(wildcardMatches('a?c', 'a/c')).toBe(true);
  });

  it('compares actions case-insensitively and ARNs case-sensitively', () => {
    expect(actionMatches('S3:get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:GETOBJECT', 's3:GetObject')).toBe(true);
    expect(arnMatches('arn:aws:s3:::Bucket', 'arn:aws:s3:::bucket')).toBe(false);
    expect(arnMatches('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket')).toBe(true);
  });

  it('has no braces, classes or escapes (unlike shell globs)', () => {
    expect(arnMatches('arn:aws:s3:::{a,b}', 'arn:aws:s3:::a')).toBe(false);
    expect(arnMatches('arn:aws:s3:::{a,b}', 'arn:aws:s3:::{a,b}')).toBe(true);
    expect(arnMatches('arn:aws:s3:::[ab]', 'arn:aws:s3:::a')).toBe(false);
    expect(arnMatches('arn:aws:s3:::[ab]', 'arn:aws:s3:::[ab]')).toBe(true);
    expect(arnMatches('a\\*', 'a\\xyz')).toBe(true);
    expect(arnMatches('arn:aws:s3:::.', 'arn:aws:s3:::x')).toBe(false);
  });

  it('backtracks over several stars', () => {
    expect(wildcardMatches('a*b*c', 'aXbYbZc')).toBe(true);
    expect(wildcardMatches('*a', 'aaab')).toBe(false);
    expect(wildcardMatches('*', '')).toBe(true);
    expect(wildcardMatches('', '')).toBe(true);
    expect(wildcardMatches('', 'a')).toBe(false);
  });

  it('agrees with the regular-expression reference on random inputs', () => {
    fc.assert(fc.property(pattern, value, (p, v) => wildcardMatches(p, v) === referenceMatch(p, v)), { numRuns: 3000 });
  });

  it('hasWildcard', () => {
    expect(hasWildcard('s3:Get*')).toBe(true);
    expect(hasWildcard('s3:Get?bject')).toBe(true);
    expect(hasWildcard('s3:GetObject')).toBe(false);
  });
});

describe('wildcardCovers', () => {
  it('answers pattern-in-pattern questions', () => {
    expect(wildcardCovers('arn:aws:s3:::*', 'arn:aws:s3:::bucket/*')).toBe(true);
    expect(wildcardCovers('arn:aws:s3:::bucket/*', 'arn:aws:s3:::*')).toBe(false);
    expect(wildcardCovers('*', 'anything*?')).toBe(true);
    expect(wildcardCovers('a*', '*')).toBe(false);
    expect(wildcardCovers('a?c', 'abc')).toBe(true);
    expect(wildcardCovers('a?c', 'a*c')).toBe(false);
    expect(wildcardCovers('s3:*', 's3:Get*')).toBe(true);
    expect(wildcardCovers('S3:GET*', 's3:GetObject', { ignoreCase: true })).toBe(true);
    expect(wildcardCovers('S3:GET*', 's3:GetObject')).toBe(false);
  });

  it('treats equivalent spellings of wildcard runs alike', () => {
    expect(wildcardCovers('*?', '?*')).toBe(true);
    expect(wildcardCovers('?*', '*?')).toBe(true);
    expect(wildcardCovers('a**b', 'a*b')).toBe(true);
    expect(wildcardCovers('??*', '?*')).toBe(false);
  });

  it('is exact against a literal: covers(p, v) is matches(p, v)', () => {
    fc.assert(fc.property(pattern, value, (p, v) => wildcardCovers(p, v) === wildcardMatches(p, v)), { numRuns: 3000 });
  });

  it('is sound: when it says covers, every instance of the specific pattern matches the general one', () => {
    const fillers = fc.array(value, { minLength: 1, maxLength: 4 });
    let covered = 0;
    fc.assert(
      fc.property(value, steps, steps, fillers, (text, toSpecific, toGeneral, fill) => {
        // general abstracts specific further, so covering is common and the check is not vacuous.
        const specific = abstractOf(text, toSpecific);
        const general = abstractOf(specific, toGeneral);
        if (!wildcardCovers(general, specific)) return true;
        covered++;
        return wildcardMatches(general, instantiate(specific, fill));
      }),
      { numRuns: 3000 },
    );
    expect(covered).toBeGreaterThan(1000);
  });
});

describe('wildcardsOverlap', () => {
  it('finds a common match when there is one', () => {
    expect(wildcardsOverlap('s3:Get*', '*Object', { ignoreCase: true })).toBe(true);
    expect(wildcardsOverlap('s3:Get*', 's3:Put*')).toBe(false);
    expect(wildcardsOverlap('a*', '*b')).toBe(true);
    expect(wildcardsOverlap('a?', '?b')).toBe(true);
    expect(wildcardsOverlap('abc', 'abd')).toBe(false);
    expect(wildcardsOverlap('S3:*', 's3:GetObject')).toBe(false);
    expect(wildcardsOverlap('S3:*', 's3:GetObject', { ignoreCase: true })).toBe(true);
  });

  it('is complete: two patterns made from one value overlap', () => {
    fc.assert(fc.property(value, steps, steps, (text, toA, toB) => wildcardsOverlap(abstractOf(text, toA), abstractOf(text, toB))), { numRuns: 3000 });
  });

  it('is exact on short patterns: overlap iff some short string matches both', () => {
    fc.assert(
      fc.property(smallPattern, smallPattern, (a, b) => {
        const witness = SMALL_VALUES.some((v) => wildcardMatches(a, v) && wildcardMatches(b, v));
        return wildcardsOverlap(a, b) === witness;
      }),
      { numRuns: 1000 },
    );
  });

  it('is sound: with no wildcard on one side, overlap is a plain match', () => {
    fc.assert(fc.property(pattern, value, (p, v) => wildcardsOverlap(p, v) === wildcardMatches(p, v)), { numRuns: 3000 });
  });
});

describe('wildcardMatches shortcuts', () => {
  it('a text matches itself, wildcards and all', () => {
    for (const text of ['*', '?', 's3:Get*', 'a?b*c', 'arn:aws:s3:::b/*', '']) expect(wildcardMatches(text, text)).toBe(true);
  });

  it('a text without wildcards matches only the same text (any case for actions)', () => {
    expect(wildcardMatches('s3:GetObject', 's3:getobject')).toBe(false);
    expect(wildcardMatches('s3:GetObject', 's3:getobject', { ignoreCase: true })).toBe(true);
    expect(actionMatches('S3:GETOBJECT', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:GetObject', 's3:GetObjects')).toBe(false);
    expect(actionMatches('s3:GetObjects', 's3:GetObject')).toBe(false);
    expect(wildcardMatches('arn:aws:s3:::b', 'arn:aws:s3:::B')).toBe(false);
  });
});
