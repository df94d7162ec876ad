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

/** Tokens nested directly inside a CST token (collection items, a document's value). */
function childTokens(token: CST.Token): CST.Token[] {
  switch (token.type) {
    case 'document':
      return token.value ? [token.value] : [];
    case 'block-map':
    case 'block-seq':
    case 'flow-collection': {
      const out: CST.Token[] = [];
      for (const item of token.items) {
        if ('key' in item && item.key) out.push(item.key);
        if (item.value) out.push(item.value);
      }
      return out;
    }
    default:
      return [];
  }
}

function opensLevel(token: CST.Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/** `tokens` are the top-level tokens of `yaml`'s Parser for the whole text. */
export function findTooDeep(tokens: Iterable<CST.Token>, maxDepth = MAX_NESTING_DEPTH): TooDeep | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of tokens) {
    stack.push({ token, depth: 0 });
    while (stack.length > 0) {
      const { token: current, depth } = stack.pop()!;
      const level = opensLevel(current) ? depth + 1 : depth;
      if (level > maxDepth) return { offset: current.offset, depth: level };
      for (const child of childTokens(current)) stack.push({ token: child, depth: level });
    }
  }
  return undefined;
}
