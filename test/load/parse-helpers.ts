/** Small helpers shared by the load tests. */
import { toPlain, type Diagnostic, type Node, type Plain } from '../../src/load/node.js';
import { parseYaml, type ParseLimits } from '../../src/load/parse.js';
import type { ParsedFile } from '../../src/load/types.js';

export const FILE = '/project/serverless.yml';

export function parse(text: string, limits?: ParseLimits): ParsedFile {
  return parseYaml(text, FILE, limits);
}

/** The plain value of a text that must parse cleanly; fails loudly otherwise. */
export function plainOf(text: string): Plain {
  const parsed = parse(text);
  if (parsed.diagnostics.length > 0) throw new Error(`unexpected diagnostics: ${JSON.stringify(parsed.diagnostics)}`);
  if (!parsed.root) throw new Error('no root');
  return asJson(toPlain(parsed.root));
}

/** Prototype-free objects compare awkwardly; JSON round-trip gives ordinary values. */
export function asJson(value: Plain): Plain {
  return JSON.parse(JSON.stringify(value)) as Plain;
}

export function rootOf(text: string): Node {
  const parsed = parse(text);
  if (!parsed.root) throw new Error(`no root: ${JSON.stringify(parsed.diagnostics)}`);
  return parsed.root;
}

export function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** The text a span covers. */
export function textAt(text: string, span: { offset: number; endOffset: number }): string {
  return text.slice(span.offset, span.endOffset);
}
