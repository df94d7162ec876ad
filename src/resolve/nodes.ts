/** Small node helpers of the resolver. Nodes are never mutated: a change is a copy. */
import type { Node, ScalarNode, Span, UnknownNode, UnknownPart, ViaStep } from '../load/node.js';
import type { Site } from './outcome.js';

/**
 * Nodes the resolver built (resolved strings, values with `via`). Their text is final:
 * a resolved string that happens to contain `${…}` must not be resolved again.
 */
export class Produced {
  private readonly nodes = new WeakSet<Node>();

  mark<T extends Node>(node: T): T {
    this.nodes.add(node);
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

/** One step down: a map key, or a list index written as digits. */
export function childOf(node: Node, segment: string): Node | undefined {
  if (node.kind === 'map') {
    for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === segment) return node.entries[i]!.value;
    return undefined;
  }
  if (node.kind === 'seq' && /^\d+$/.test(segment)) return node.items[Number(segment)];
  return undefined;
}

export const describeKind = (node: Node): string => (node.kind === 'map' ? 'a map' : node.kind === 'seq' ? 'a list' : 'a value');
