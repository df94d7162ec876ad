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
import type { Diagnostic, MapEntry, MapNode, Node, Path, ScalarNode, SeqNode, Span } from './node.js';
import type { SpanOf } from './span.js';
import { tagStart, writtenRange } from './written-range.js';

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

export class TreeBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly anchors = new Map<string, YamlNode>();
  private readonly built = new Map<YamlNode, Node>();
  private readonly building = new Set<YamlNode>();
  private aliasNodes = 0;

  constructor(
    private readonly text: string,
    private readonly spanOf: SpanOf,
    private readonly limits: TreeLimits = { maxAliasNodes: DEFAULT_MAX_ALIAS_NODES, maxDepth: MAX_NESTING_DEPTH },
  ) {}

  /** The document's tree, or undefined when a fatal problem (now in `diagnostics`) stopped it. */
  build(contents: YamlNode): Node | undefined {
    try {
      return this.node(contents, [], 0, this.spanOf(0, 0));
    } catch (error) {
      if (error instanceof Abort) {
        this.diagnostics.push(error.diagnostic);
        return undefined;
      }
      throw error;
    }
  }

  /** `depth` counts the collections around `yn`, the way the nesting check counts them. */
  private node(yn: YamlNode | null | undefined, path: Path, depth: number, fallback: Span): Node {
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
    const value = ys.value;
    const span = this.ownSpan(ys);
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return { kind: 'scalar', value, span };
    if (typeof value === 'number' || typeof value === 'bigint') return { kind: 'scalar', value: Number(value), span };
    // `!!timestamp`, `!!binary` and the like: the text as written is what the Framework passes on.
    return { kind: 'scalar', value: String(ys.source ?? value), span };
  }

  /** `level` is this collection's own nesting level; its items sit inside it. */
  private seq(ys: YAMLSeq, path: Path, level: number): SeqNode {
    const span = this.ownSpan(ys);
    const items = ys.items.map((item, index) => {
      const itemPath = [...path, index];
      // `!!omap` / `!!pairs` hold pairs directly; each reads as a one-entry map.
      if (isPair(item)) return this.pairsAsMap([item], itemPath, level + 1, item.key ? this.ownSpan(item.key as YamlNode) : span);
      return this.node(item as YamlNode, itemPath, level, span);
    });
    return { kind: 'seq', span, items };
  }

  private map(ym: YAMLMap, path: Path, level: number): MapNode {
    return this.pairsAsMap(ym.items as Pair[], path, level, this.ownSpan(ym));
  }

  /**
   * Explicit keys always win over merged ones; among `<<` sources the earlier wins (YAML 1.1).
   * A repeated explicit key is reported at its second occurrence and the last value kept.
   */
  private pairsAsMap(pairs: Pair[], path: Path, level: number, span: Span): MapNode {
    const entries: MapEntry[] = [];
    const index = new Map<string, { at: number; merged: boolean }>();

    for (const pair of pairs) {
      const keyNode = pair.key as YamlNode | null;
      if (isMergeKey(keyNode)) {
        const value = this.node(pair.value as YamlNode | null, [...path, '<<'], level, span);
        for (const source of this.mergeSources(pair.value as YamlNode | null, value, path)) {
          for (const entry of source.entries) {
            if (index.has(entry.key)) continue;
            index.set(entry.key, { at: entries.length, merged: true });
            entries.push({ ...entry });
          }
        }
        continue;
      }

      const key = this.key(keyNode, path, level, span);
      const value = this.node(pair.value as YamlNode | null, key ? [...path, key.key] : path, level, key?.keySpan ?? span);
      if (!key) continue;
      const existing = index.get(key.key);
      if (!existing) {
        index.set(key.key, { at: entries.length, merged: false });
        entries.push({ ...key, value });
        continue;
      }
      if (!existing.merged) {
        this.diagnostics.push({
          code: 'duplicate-key',
          severity: 'error',
          message: `Duplicate key "${key.key}": the Framework refuses a mapping that repeats a key; iamlint keeps the last value.`,
          span: key.keySpan,
          path: [...path, key.key],
        });
      }
      entries[existing.at] = { ...key, value };
      existing.merged = false;
    }
    return { kind: 'map', span, entries };
  }

  /** The maps a `<<` value merges: one map, or each map of a sequence, in order. */
  private mergeSources(written: YamlNode | null, value: Node, path: Path): MapNode[] {
    if (value.kind === 'map') return [value];
    if (value.kind === 'seq') {
      const writtenItems = isSeq(written) ? (written.items as YamlNode[]) : [];
      return value.items.filter((item, i): item is MapNode => {
        if (item.kind === 'map') return true;
        const at = writtenItems[i] ? this.ownSpan(writtenItems[i]!) : item.span;
        this.diagnostics.push(invalidMerge(at, [...path, '<<', i]));
        return false;
      });
    }
    this.diagnostics.push(invalidMerge(written ? this.ownSpan(written) : value.span, [...path, '<<']));
    return [];
  }

  /** A mapping key as a string, located where it is written; undefined (and a diagnostic) for complex keys. */
  private key(keyNode: YamlNode | null, path: Path, level: number, mapSpan: Span): { key: string; keySpan: Span } | undefined {
    if (keyNode === null) return { key: '', keySpan: mapSpan };
    const keySpan = this.ownSpan(keyNode);
    const converted = this.node(keyNode, path, level, keySpan);
    if (converted.kind === 'scalar') {
      return { key: converted.value === null ? 'null' : String(converted.value), keySpan };
    }
    this.diagnostics.push({
      code: 'complex-key',
      severity: 'error',
      message: 'A mapping or sequence used as a key cannot be read as configuration; this entry is ignored.',
      span: keySpan,
      path,
    });
    return undefined;
  }

  private alias(ya: Alias, path: Path, depth: number): Node {
    const at = this.ownSpan(ya);
    const target = this.anchors.get(ya.source);
    if (!target) {
      throw new Abort({ code: 'undefined-alias', severity: 'error', message: `Alias *${ya.source} refers to no anchor &${ya.source} defined before it.`, span: at, path });
    }
    const built = this.built.get(target);
    if (this.building.has(target) || !built) {
      throw new Abort({ code: 'alias-cycle', severity: 'error', message: `Alias *${ya.source} is inside the value it refers to, so it would never end.`, span: at, path });
    }
    return this.copy(built, depth, at, path);
  }

  /** A deep copy of an anchored value, keeping the anchor's spans, counted against the alias budget. */
  private copy(node: Node, depth: number, aliasSpan: Span, path: Path): Node {
    const level = depth + (node.kind === 'map' || node.kind === 'seq' ? 1 : 0);
    if (level > this.limits.maxDepth) throw this.tooDeep(aliasSpan, path);
    if (++this.aliasNodes > this.limits.maxAliasNodes) {
      throw new Abort({
        code: 'alias-limit',
        severity: 'error',
        message: `Aliases here expand to more than ${this.limits.maxAliasNodes} values, far beyond any real configuration; iamlint stops reading this file.`,
        span: aliasSpan,
        path,
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

  private tooDeep(span: Span, path: Path): Abort {
    return new Abort({
      code: 'too-deep',
      severity: 'error',
      message: `Values are nested more than ${this.limits.maxDepth} levels deep; iamlint stops reading this file.`,
      span,
      path,
    });
  }

  /** Where a node is written: its value only, without the tag or anchor before it. */
  private ownSpan(yn: YamlNode): Span {
    const [start, end] = writtenRange(this.text, yn);
    return this.spanOf(start, end);
  }

  /** A tagged node's span starts at its tag, so `!Ref X` is located as a whole. */
  private taggedSpan(tag: string, yn: YamlNode): Span {
    const [start, end] = writtenRange(this.text, yn);
    return this.spanOf(tagStart(this.text, tag, start), end);
  }
}

/** `<<` written plain and untagged is a merge key; `"<<"` is an ordinary key, as in js-yaml. */
function isMergeKey(key: YamlNode | null): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN' && !key.tag;
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
