/**
 * Converts one `yaml` document AST into iamlint's located Node tree.
 *
 * Done by hand rather than with `doc.toJS()` so that every value and every key keeps its
 * exact place in the file, CloudFormation short tags become their long form, merge keys
 * follow YAML 1.1 (as the Framework's js-yaml does), duplicate keys are reported instead of
 * refused, and alias expansion is bounded.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Node as YamlNode, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { cfnLongForm, isCfnTag } from './cfn-tags.js';
import { MAX_NESTING_DEPTH } from './nesting-depth.js';
import type { Diagnostic, MapEntry, MapNode, Node, Path, PathSegment, ScalarNode, SeqNode, Span } from './node.js';
import type { SpanOf } from './span.js';
import { tagStart, writtenEnd } from './written-range.js';

/** Enough for any real configuration; a "billion laughs" document hits it almost at once. */
export const DEFAULT_MAX_ALIAS_NODES = 100_000;

export interface TreeLimits {
  /** Most nodes that may be materialized by copying anchored values into alias positions. */
  maxAliasNodes: number;
  /** Most collections that may enclose one another, counting levels that aliases add. */
  maxDepth: number;
}

/** Thrown inside the builder to stop at the first problem that leaves no usable tree. */
class Abort {
  constructor(readonly diagnostic: Diagnostic) {}
}

/**
 * A logical path as a chain of links to the parent's path. Paths are only read when a
 * diagnostic is made, so each node adds one small link instead of copying its parent's array.
 */
type PathLink = { readonly up: PathLink; readonly seg: PathSegment } | undefined;

const down = (up: PathLink, seg: PathSegment): PathLink => ({ up, seg });

function pathOf(link: PathLink, ...more: PathSegment[]): Path {
  const out: PathSegment[] = [];
  for (let l = link; l; l = l.up) out.push(l.seg);
  out.reverse();
  out.push(...more);
  return out;
}

/** Mappings up to this size find repeated keys by a scan; larger ones get an index. */
const SCAN_LIMIT = 12;

export class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly built = new Map<YamlNode, Node>();
  private readonly building = new Set<YamlNode>();
  private readonly keyTexts = new Map<string, string>();
  private aliasNodes = 0;

  constructor(
    private readonly text: string,
    private readonly spanOf: SpanOf,
    private readonly limits: TreeLimits = { maxAliasNodes: DEFAULT_MAX_ALIAS_NODES, maxDepth: MAX_NESTING_DEPTH },
  ) {}

  /** The document's tree, or undefined when a fatal problem (now in `diagnostics`) stopped it. */
  build(contents: YamlNode): Node | undefined {
    try {
      return this.node(contents, undefined, 0, this.spanOf(0, 0));
    } catch (error) {
      if (error instanceof Abort) {
        this.diagnostics.push(error.diagnostic);
        return undefined;
      }
      throw error;
    }
  }

  /** `depth` counts the collections around `yn`, the way the nesting check counts them. */
  private node(yn: YamlNode | null | undefined, path: PathLink, depth: number, fallback: Span): Node {
    if (yn === null || yn === undefined) return { kind: 'scalar', value: null, span: fallback };
    if (isAlias(yn)) return this.alias(yn, path, depth);

    // Only anchored nodes can be aliased, so only they are tracked.
    const anchor = (yn as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, yn);
      this.building.add(yn);
    }
    const tag = (yn as { tag?: string }).tag;
    const cfn = isCfnTag(tag);
    // A long form is a map around the value; a collection is a level of its own.
    const level = (cfn ? depth + 1 : depth) + (isMap(yn) || isSeq(yn) ? 1 : 0);
    if (level > this.limits.maxDepth) throw this.tooDeep(this.ownSpan(yn), path);
    let result: Node;
    if (isScalar(yn)) result = this.scalar(yn);
    else if (isMap(yn)) result = this.map(yn, path, level);
    else if (isSeq(yn)) result = this.seq(yn, path, level);
    else result = { kind: 'scalar', value: null, span: this.ownSpan(yn) };
    if (cfn) result = cfnLongForm(tag!, result, this.taggedSpan(tag!, yn));
    if (anchor) {
      this.building.delete(yn);
      this.built.set(yn, result);
    }
    return result;
  }

  private scalar(ys: Scalar): ScalarNode {
    return { kind: 'scalar', value: scalarValue(ys), span: this.ownSpan(ys) };
  }

  /** `level` is this collection's own nesting level; its items sit inside it. */
  private seq(ys: YAMLSeq, path: PathLink, level: number): SeqNode {
    const span = this.ownSpan(ys);
    const written = ys.items;
    const items = exactArray<Node>(written.length);
    for (let index = 0; index < written.length; index++) {
      const item = written[index];
      const itemPath = down(path, index);
      // `!!omap` / `!!pairs` hold pairs directly; each reads as a one-entry map.
      items[index] = isPair(item)
        ? this.pairsAsMap([item], itemPath, level + 1, item.key ? this.ownSpan(item.key as YamlNode) : span)
        : this.node(item as YamlNode, itemPath, level, span);
    }
    return { kind: 'seq', span, items };
  }

  private map(ym: YAMLMap, path: PathLink, level: number): MapNode {
    return this.pairsAsMap(ym.items as Pair[], path, level, this.ownSpan(ym));
  }

  /**
   * Explicit keys always win over merged ones; among `<<` sources the earlier wins (YAML 1.1).
   * A repeated explicit key is reported at its second occurrence and the last value kept.
   */
  private pairsAsMap(pairs: Pair[], path: PathLink, level: number, span: Span): MapNode {
    // One slot per pair: without merges or skipped keys that is the exact size.
    const entries = exactArray<MapEntry>(pairs.length);
    let count = 0;
    /** Per entry: it came from a merge and no explicit key has replaced it yet. */
    const merged: boolean[] = [];
    let index: Map<string, number> | undefined;
    const find = (key: string): number => {
      if (index) return index.get(key) ?? -1;
      for (let i = 0; i < count; i++) if (entries[i]!.key === key) return i;
      return -1;
    };
    const add = (entry: MapEntry, fromMerge: boolean) => {
      index?.set(entry.key, count);
      merged[count] = fromMerge;
      entries[count++] = entry;
      if (!index && count > SCAN_LIMIT) {
        index = new Map();
        for (let i = 0; i < count; i++) index.set(entries[i]!.key, i);
      }
    };

    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      if (isMergeKey(keyNode)) {
        const value = this.node(pair.value as YamlNode | null, down(path, '<<'), level, span);
        for (const source of this.mergeSources(pair.value as YamlNode | null, value, path)) {
          for (const entry of source.entries) {
            if (find(entry.key) < 0) add({ ...entry }, true);
          }
        }
        continue;
      }

      const entry = this.entry(keyNode, pair.value as YamlNode | null, path, level, span);
      if (!entry) continue;
      const at = find(entry.key);
      if (at < 0) {
        add(entry, false);
        continue;
      }
      if (!merged[at]) {
        this.diagnostics.push({
          code: 'duplicate-key',
          severity: 'error',
          message: `Duplicate key "${entry.key}": the Framework refuses a mapping that repeats a key; iamlint keeps the last value.`,
          span: entry.keySpan,
          path: pathOf(path, entry.key),
        });
      }
      entries[at] = entry;
      merged[at] = false;
    }
    if (count < entries.length) entries.length = count;
    return { kind: 'map', span, entries };
  }

  /** The maps a `<<` value merges: one map, or each map of a sequence, in order. */
  private mergeSources(written: YamlNode | null, value: Node, path: PathLink): MapNode[] {
    if (value.kind === 'map') return [value];
    if (value.kind === 'seq') {
      const writtenItems = isSeq(written) ? (written.items as YamlNode[]) : [];
      return value.items.filter((item, i): item is MapNode => {
        if (item.kind === 'map') return true;
        const at = writtenItems[i] ? this.ownSpan(writtenItems[i]!) : item.span;
        this.diagnostics.push(invalidMerge(at, pathOf(path, '<<', i)));
        return false;
      });
    }
    this.diagnostics.push(invalidMerge(written ? this.ownSpan(written) : value.span, pathOf(path, '<<')));
    return [];
  }

  /**
   * One written pair as an entry: its key as a string, located where it is written, and its
   * value. Undefined (and a diagnostic) for a complex key, whose value is still read so that
   * its anchors and problems count.
   */
  private entry(keyNode: YamlNode | null, valueNode: YamlNode | null, path: PathLink, level: number, mapSpan: Span): MapEntry | undefined {
    let key: string | undefined;
    let keySpan = mapSpan;
    if (keyNode === null) {
      key = '';
    } else {
      keySpan = this.ownSpan(keyNode);
      // The common case, a plain key: no anchor to record, no short tag to expand.
      if (isScalar(keyNode) && !keyNode.anchor && !isCfnTag(keyNode.tag)) {
        key = this.keyText(scalarValue(keyNode));
      } else {
        const converted = this.node(keyNode, path, level, keySpan);
        if (converted.kind === 'scalar') key = this.keyText(converted.value);
        else {
          this.diagnostics.push({
            code: 'complex-key',
            severity: 'error',
            message: 'A mapping or sequence used as a key cannot be read as configuration; this entry is ignored.',
            span: keySpan,
            path: pathOf(path),
          });
          this.node(valueNode, path, level, mapSpan);
          return undefined;
        }
      }
    }
    return { key, keySpan, value: this.node(valueNode, down(path, key), level, keySpan) };
  }

  /**
   * A scalar key as the string the Framework sees (`null:` is the key "null", `1:` the key
   * "1"). Each key text is kept once: the same few keys repeat in every function.
   */
  private keyText(value: ScalarNode['value']): string {
    const text = value === null ? 'null' : String(value);
    const known = this.keyTexts.get(text);
    if (known !== undefined) return known;
    this.keyTexts.set(text, text);
    return text;
  }

  private alias(ya: Alias, path: PathLink, depth: number): Node {
    const at = this.ownSpan(ya);
    const target = this.anchors.get(ya.source);
    if (!target) {
      throw new Abort({ code: 'undefined-alias', severity: 'error', message: `Alias *${ya.source} refers to no anchor &${ya.source} defined before it.`, span: at, path: pathOf(path) });
    }
    const built = this.built.get(target);
    if (this.building.has(target) || !built) {
      throw new Abort({ code: 'alias-cycle', severity: 'error', message: `Alias *${ya.source} is inside the value it refers to, so it would never end.`, span: at, path: pathOf(path) });
    }
    return this.copy(built, depth, at, path);
  }

  /** A deep copy of an anchored value, keeping the anchor's spans, counted against the alias budget. */
  private copy(node: Node, depth: number, aliasSpan: Span, path: PathLink): Node {
    const level = depth + (node.kind === 'map' || node.kind === 'seq' ? 1 : 0);
    if (level > this.limits.maxDepth) throw this.tooDeep(aliasSpan, path);
    if (++this.aliasNodes > this.limits.maxAliasNodes) {
      throw new Abort({
        code: 'alias-limit',
        severity: 'error',
        message: `Aliases here expand to more than ${this.limits.maxAliasNodes} values, far beyond any real configuration; iamlint stops reading this file.`,
        span: aliasSpan,
        path: pathOf(path),
      });
    }
    switch (node.kind) {
      case 'scalar':
      case 'unknown':
        return { ...node };
      case 'seq':
        return { ...node, items: node.items.map((item) => this.copy(item, level, aliasSpan, path)) };
      case 'map':
        return { ...node, entries: node.entries.map((e) => ({ ...e, value: this.copy(e.value, level, aliasSpan, path) })) };
    }
  }

  private tooDeep(span: Span, path: PathLink): Abort {
    return new Abort({
      code: 'too-deep',
      severity: 'error',
      message: `Values are nested more than ${this.limits.maxDepth} levels deep; iamlint stops reading this file.`,
      span,
      path: pathOf(path),
    });
  }

  /** Where a node is written: its value only, without the tag or anchor before it. */
  private ownSpan(yn: YamlNode): Span {
    const range = (yn as { range?: [number, number, number] | null }).range;
    if (!range) return this.spanOf(0, 0);
    return this.spanOf(range[0], writtenEnd(this.text, yn));
  }

  /** A tagged node's span starts at its tag, so `!Ref X` is located as a whole. */
  private taggedSpan(tag: string, yn: YamlNode): Span {
    const range = (yn as { range?: [number, number, number] | null }).range;
    if (!range) return this.spanOf(0, 0);
    return this.spanOf(tagStart(this.text, tag, range[0]), writtenEnd(this.text, yn));
  }
}

/** A scalar's value as iamlint keeps it. */
function scalarValue(ys: Scalar): ScalarNode['value'] {
  const value = ys.value;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  // `!!timestamp`, `!!binary` and the like: the text as written is what the Framework passes on.
  return String(ys.source ?? value);
}

/** `<<` written plain and untagged is a merge key; `"<<"` is an ordinary key, as in js-yaml. */
function isMergeKey(key: YamlNode | null): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN' && !key.tag;
}

/**
 * An array of `length` empty slots, to be filled in order: it holds exactly what it is
 * given, where `push` would leave room to spare (most collections have a few items).
 */
function exactArray<T>(length: number): T[] {
  return new Array<T>(length);
}

function invalidMerge(span: Span, path: Path): Diagnostic {
  return {
    code: 'invalid-merge',
    severity: 'error',
    message: 'A merge key (<<) takes a mapping or a list of mappings; this value is not merged.',
    span,
    path,
  };
}
