/**
 * Finds nesting deeper than iamlint will build, before anything recursive runs.
 *
 * `yaml`'s parser builds its concrete syntax tree with an explicit stack, but composing
 * documents (and every later stage) recurses per level. Checking the CST iteratively lets
 * a 10,000-deep `[[[[…]]]]` become one located diagnostic at a fixed, predictable depth
 * instead of a stack overflow whose point depends on how deep the caller already was.
 */
import type { CST } from 'yaml';

/** Far beyond any real configuration (they stay under ~30), far below stack trouble. */
export const MAX_NESTING_DEPTH = 300;

export interface TooDeep {
  /** Offset of the first collection that opens a level beyond the limit. */
  offset: number;
  depth: number;
}

function opensLevel(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/** Only documents and collections hold tokens; scalars, aliases and the like never go deeper. */
function holdsTokens(token: CST.Token): boolean {
  return token.type === 'document' || opensLevel(token);
}

/** `tokens` are top-level tokens of `yaml`'s Parser (all of a text, or one at a time). */
export function findTooDeep(tokens: Iterable<CST.Token>, maxDepth = MAX_NESTING_DEPTH): TooDeep | undefined {
  // Two parallel stacks rather than an object per token: this runs over every collection of the file.
  const stack: CST.Token[] = [];
  const depths: number[] = [];
  for (const top of tokens) {
    stack.push(top);
    depths.push(0);
    while (stack.length > 0) {
      const token = stack.pop()!;
      const depth = depths.pop()!;
      const level = opensLevel(token) ? depth + 1 : depth;
      if (level > maxDepth) return { offset: token.offset, depth: level };
      // The tokens nested directly inside: a document's value, collection items' keys and values.
      if (token.type === 'document') {
        if (token.value && holdsTokens(token.value)) {
          stack.push(token.value);
          depths.push(level);
        }
      } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
        for (const item of token.items) {
          if ('key' in item && item.key && holdsTokens(item.key)) {
            stack.push(item.key);
            depths.push(level);
          }
          if (item.value && holdsTokens(item.value)) {
            stack.push(item.value);
            depths.push(level);
          }
        }
      }
    }
  }
  return undefined;
}
