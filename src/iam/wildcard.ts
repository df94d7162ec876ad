/**
 * IAM wildcard matching on plain strings, as IAM does it (and unlike shell globs such as
 * micromatch): `*` matches any run of characters including `/` and `:`, `?` exactly one
 * character; there are no braces, classes or escapes. Actions compare case-insensitively,
 * ARNs case-sensitively.
 */
import { globCovers, globsOverlap, unitsOfWildcard, type GlobOptions } from './glob.js';

export interface WildcardOptions {
  ignoreCase?: boolean;
}

/** True when the text contains an IAM wildcard character. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** Does the IAM wildcard `pattern` match the concrete `value`? */
export function wildcardMatches(pattern: string, value: string, options: WildcardOptions = {}): boolean {
  const ignoreCase = options.ignoreCase ?? false;
  if (pattern === value) return true;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (!hasWildcard(p)) return p === v;
  // Greedy scan with one backtrack point (the last `*`): linear for IAM-sized patterns.
  let pi = 0;
  let vi = 0;
  let starAt = -1;
  let starMatchedUpTo = 0;
  while (vi < v.length) {
    const pc = p[pi];
    if (pc === '*') {
      starAt = pi++;
      starMatchedUpTo = vi;
    } else if (pc !== undefined && (pc === '?' || pc === v[vi])) {
      pi++;
      vi++;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      vi = ++starMatchedUpTo;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}

/** Does an `Action` pattern such as `s3:Get*` match the action `s3:GetObject`? (case-insensitive) */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatches(pattern, action, IGNORE_CASE);
}

const IGNORE_CASE: WildcardOptions = { ignoreCase: true };

/** Does a `Resource` pattern match the concrete ARN? (case-sensitive) */
export function arnMatches(pattern: string, arn: string): boolean {
  return wildcardMatches(pattern, arn, { ignoreCase: false });
}

/** Does pattern `general` match everything pattern `specific` could match? e.g. `arn:aws:s3:::*` covers `arn:aws:s3:::b/*`. */
export function wildcardCovers(general: string, specific: string, options: WildcardOptions = {}): boolean {
  return globCovers(unitsOfWildcard(general), unitsOfWildcard(specific), globOptions(options));
}

/** Could some string match both patterns? e.g. `s3:Get*` and `*Object` (both match `s3:GetObject`). */
export function wildcardsOverlap(a: string, b: string, options: WildcardOptions = {}): boolean {
  return globsOverlap(unitsOfWildcard(a), unitsOfWildcard(b), globOptions(options));
}

function globOptions(options: WildcardOptions): GlobOptions {
  return { ignoreCase: options.ignoreCase ?? false };
}
