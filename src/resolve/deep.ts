/**
 * Resolves a whole tree: every value through `VariableResolver.valueOf`, then its
 * children. Results are memoized per node, so a map reached from many places is
 * resolved once and shared (never mutated; a node gaining `via` is a copy).
 */
import type { MapEntry, MapNode, Node, Path, PathSegment, SeqNode } from '../load/node.js';
import type { DiagnosticSink } from './diagnostics.js';
import { MAX_EXPANDED_NODES, MAX_NESTING } from './limits.js';
import { unknown, withVia, type Produced } from './nodes.js';
import type { VariableResolver } from './resolver.js';

export class TreeResolver {
  // Plain maps, not WeakMaps: they live as long as one run, and ephemeron tables with a
  // hundred thousand entries make every garbage collection of the run slow.
  private readonly memo = new Map<Node, Node>();
  /** Maps and lists whose children are being resolved: reaching one again is a cycle. */
  private readonly open = new Set<Node>();
  /** How many nodes a resolved value expands to (shared subtrees counted each time). */
  private readonly sizes = new Map<Node, number>();
  private nesting = 0;

  constructor(
    private readonly variables: VariableResolver,
    private readonly produced: Produced,
    private readonly sink: DiagnosticSink,
  ) {}

  resolve(node: Node, path: Path): Node {
    // Most nodes are leaves without variables: they resolve to themselves, memo or not.
    if (isPlainLeaf(node)) return node;
    const memo = this.memo.get(node);
    if (memo) return memo;
    const result = this.resolveUncached(node, path);
    this.memo.set(node, result);
    return result;
  }

  private resolveUncached(node: Node, path: Path): Node {
    const shallow = this.variables.valueOf(node, path);
    if (!shallow.ok) {
      this.sink.report(shallow.code, 'error', shallow.message, node.span, path);
      return this.produced.mark(unknown(String((node as { value?: unknown }).value ?? ''), shallow.message, node.span));
    }
    const { node: target, via } = shallow.reached;
    if (target === node) return this.children(node, path);
    if (this.open.has(target)) {
      const site = via[0]!;
      const reason = `${site.text} refers to a value that contains it (a cycle)`;
      this.sink.report('variable-cycle', 'error', reason, site.span, path);
      return this.produced.mark(unknown(site.text, reason, site.span));
    }
    const resolved = this.resolve(target, path);
    const copy = this.produced.mark(withVia(resolved, via));
    if (isCollection(copy)) this.sizes.set(copy, this.sizeOf(resolved));
    return copy;
  }

  private children(node: Node, path: Path): Node {
    if (node.kind !== 'map' && node.kind !== 'seq') return node;
    if (this.nesting >= MAX_NESTING) {
      const reason = `values nest deeper than ${MAX_NESTING} levels`;
      this.sink.report('variable-depth', 'error', reason, node.span, path);
      return this.produced.mark(unknown('…', reason, node.span));
    }
    this.nesting++;
    this.open.add(node);
    try {
      return node.kind === 'map' ? this.mapChildren(node, path) : this.seqChildren(node, path);
    } finally {
      this.open.delete(node);
      this.nesting--;
    }
  }

  /** The map itself when no value changed, else a copy sharing the unchanged entries. */
  private mapChildren(node: MapNode, path: Path): Node {
    const written = node.entries;
    let entries: MapEntry[] | undefined;
    let total = 1;
    for (let i = 0; i < written.length; i++) {
      const entry = written[i]!;
      const value = this.child(entry.value, total, path, entry.key);
      total += this.sizeOf(value);
      if (value !== entry.value) entries ??= copyOfFirst(written, i);
      if (entries) entries[i] = value === entry.value ? entry : { ...entry, value };
    }
    const result = entries ? this.produced.mark({ ...node, entries }) : node;
    this.sizes.set(result, total);
    return result;
  }

  /** The list itself when no item changed, else a copy. */
  private seqChildren(node: SeqNode, path: Path): Node {
    const written = node.items;
    let items: Node[] | undefined;
    let total = 1;
    for (let i = 0; i < written.length; i++) {
      const value = this.child(written[i]!, total, path, i);
      total += this.sizeOf(value);
      if (value !== written[i]) items ??= copyOfFirst(written, i);
      if (items) items[i] = value;
    }
    const result = items ? this.produced.mark({ ...node, items }) : node;
    this.sizes.set(result, total);
    return result;
  }

  /** A child resolved within the expansion budget; most are leaves without variables, kept as they are. */
  private child(node: Node, sizeSoFar: number, path: Path, segment: PathSegment): Node {
    if (isPlainLeaf(node) && sizeSoFar < MAX_EXPANDED_NODES) return node;
    const at = [...path, segment];
    return this.bounded(this.resolve(node, at), sizeSoFar, at);
  }

  /** Refuses a child that would make its parent expand past MAX_EXPANDED_NODES (fan-out bombs). */
  private bounded(value: Node, sizeSoFar: number, path: Path): Node {
    if (sizeSoFar + this.sizeOf(value) <= MAX_EXPANDED_NODES) return value;
    const reason = `the value would expand to more than ${MAX_EXPANDED_NODES} nodes`;
    const at = value.via?.[0];
    this.sink.report('variable-depth', 'error', reason, at?.span ?? value.span, path);
    return this.produced.mark(unknown(at?.text ?? '…', reason, at?.span ?? value.span));
  }

  /** A leaf counts one; only maps and lists are recorded. */
  private sizeOf(node: Node): number {
    return isCollection(node) ? (this.sizes.get(node) ?? 1) : 1;
  }
}

/** A value with nothing to resolve in it or below it: an unknown, or a scalar without `${`. */
function isPlainLeaf(node: Node): boolean {
  return node.kind === 'unknown' || (node.kind === 'scalar' && (typeof node.value !== 'string' || !node.value.includes('${')));
}

const isCollection = (node: Node): node is MapNode | SeqNode => node.kind === 'map' || node.kind === 'seq';

/** A copy to be completed by index: `length` slots, the first `count` taken from `items`. */
function copyOfFirst<T>(items: readonly T[], count: number): T[] {
  const copy = new Array<T>(items.length);
  for (let i = 0; i < count; i++) copy[i] = items[i]!;
  return copy;
}
