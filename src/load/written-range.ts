/**
 * Exactly where a `yaml` AST node is written in the text.
 *
 * `yaml` ends block collections and block scalars after their trailing line break (and
 * any blank lines), which would make every map end on the line of the next key. The
 * written range ends at the node's last character instead.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';

type Located = YamlNode & { range?: [number, number, number] | null };

/** [start, end) offsets of the node's value, without any tag or anchor written before it. */
export function writtenRange(text: string, yn: YamlNode): [number, number] {
  const range = (yn as Located).range;
  if (!range) return [0, 0];
  return [range[0], contentEnd(text, yn)];
}

/**
 * Where a tag written before a value starts, so that `!Ref X` is located as a whole;
 * `valueStart` itself when the tag is not found right before it (e.g. a verbatim `!<…>` tag).
 */
export function tagStart(text: string, tag: string, valueStart: number): number {
  const from = text.lastIndexOf(tag, valueStart - tag.length);
  if (from < 0) return valueStart;
  // Only whitespace and an anchor may separate a tag from its value.
  return /^(?:\s|&\S+)*$/.test(text.slice(from + tag.length, valueStart)) ? from : valueStart;
}

/** Block collections end with their last item, found by walking down (no recursion). */
function contentEnd(text: string, yn: YamlNode): number {
  let current: YamlNode = yn;
  for (;;) {
    const range = (current as Located).range!;
    if (isScalar(current) && (current.type === 'BLOCK_LITERAL' || current.type === 'BLOCK_FOLDED')) {
      let end = range[1];
      while (end > range[0] && /\s/.test(text[end - 1]!)) end--;
      return end;
    }
    if (!(isMap(current) || isSeq(current)) || current.flow) return range[1];
    const last = current.items.at(-1) as YamlNode | Pair | undefined;
    const next = last === undefined ? undefined : isPair(last) ? lastWritten(last) : last;
    if (!next || !(next as Located).range) return range[1];
    current = next;
  }
}

/** The later-written of a pair's key and value (an empty value can sit before its key's end). */
function lastWritten(pair: Pair): YamlNode | undefined {
  const key = pair.key as Located | null;
  const value = pair.value as Located | null;
  if (value?.range && (!key?.range || value.range[1] > key.range[1])) return value;
  return key?.range ? key : undefined;
}
