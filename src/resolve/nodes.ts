/** Small node helpers of the resolver. Nodes are never mutated: a change is a copy. */
import type { MapNode, Node, ScalarNode, Span, UnknownNode, UnknownPart, ViaStep } from '../load/node.js';
import type { Site } from './outcome.js';

/**
 * Nodes the resolver built (resolved strings, values with `via`). Their text is final:
 * a resolved string that happens to contain `${…}` must not be resolved again.
 */
export class Produced {
  private readonly nodes = new Set<Node>();

  mark<T extends Node>(node: T): T {
    // Only a string holding `${` could be taken for one to resolve; other nodes need no mark.
    if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.includes('${')) this.nodes.add(node);
    return node;
  }

  has(node: Node): boolean {
    return this.nodes.has(node);
  }
}

export const viaStep = (site: Site): ViaStep => ({ text: site.text, span: site.span });

export function scalar(value: ScalarNode['value'], span: Span): ScalarNode {
  return { kind: 'scalar', value, span };
}

export function unknown(text: string, reason: string, span: Span, parts?: Array<string | UnknownPart>): UnknownNode {
  return parts ? { kind: 'unknown', text, reason, parts, span } : { kind: 'unknown', text, reason, span };
}

/** A copy of `node` that records the variables it was reached through (outermost first). */
export function withVia(node: Node, via: ViaStep[]): Node {
  if (via.length === 0) return node;
  return { ...node, via: [...via, ...(node.via ?? [])] };
}

export const isNull = (node: Node): boolean => node.kind === 'scalar' && node.value === null;

/** Maps with more entries than this are looked up through an index, built on first use. */
const SCAN_LIMIT = 16;
/** Nodes are never mutated, so an index stays true; few maps are large, so the table stays small. */
const indexes = new WeakMap<MapNode, Map<string, Node>>();

/** One step down: a map key, or a list index written as digits. */
export function childOf(node: Node, segment: string): Node | undefined {
  if (node.kind === 'map') {
    const { entries } = node;
    if (entries.length > SCAN_LIMIT) {
      let index = indexes.get(node);
      if (!index) {
        // Later entries win, as in the scan below (keys are unique after loading anyway).
        index = new Map(entries.map((e) => [e.key, e.value]));
        indexes.set(node, index);
      }
      return index.get(segment);
    }
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.key === segment) return entries[i]!.value;
    return undefined;
  }
  if (node.kind === 'seq' && /^\d+$/.test(segment)) return node.items[Number(segment)];
  return undefined;
}

export const describeKind = (node: Node): string => (node.kind === 'map' ? 'a map' : node.kind === 'seq' ? 'a list' : 'a value');
