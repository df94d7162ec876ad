/**
 * Parses YAML or JSON text (JSON is YAML 1.2) into a ParsedFile: the first document's
 * located tree, the document count, and diagnostics for everything that went wrong.
 * Never throws for bad input.
 */
import { Composer, LineCounter, Parser, type Document } from 'yaml';
import { cfnCustomTags } from './cfn-tags.js';
import { findTooDeep, MAX_NESTING_DEPTH } from './nesting-depth.js';
import type { Diagnostic, Node } from './node.js';
import { fileStartSpan, spanFactory } from './span.js';
import type { ParsedFile } from './types.js';
import { FATAL_LOAD_CODES, yamlProblemDiagnostics } from './yaml-problems.js';
import { DEFAULT_MAX_ALIAS_NODES, TreeBuilder } from './yaml-tree.js';

export interface ParseLimits {
  /** Most nodes aliases may materialize (default 100,000). */
  maxAliasNodes?: number;
  /** Deepest nesting read (default 300). */
  maxDepth?: number;
}

const BOM = '\uFEFF';

const COMPOSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  customTags: cfnCustomTags,
  // Merge keys and duplicate keys are handled while building the tree, with locations.
  merge: false,
  uniqueKeys: false,
} as const;

/** `file` is used as given in every span; pass an absolute path. */
export function parseYaml(text: string, file: string, limits: ParseLimits = {}): ParsedFile {
  // Offsets are into the text without its BOM; that is the text kept for snippets.
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const source = { file, text: body };
  try {
    return { file, source, ...parseBody(body, file, limits) };
  } catch (error) {
    // Defence in depth: any overflow or library failure still ends as a diagnostic.
    const overflow = error instanceof RangeError;
    const diagnostic: Diagnostic = {
      code: overflow ? 'too-deep' : 'parse-error',
      severity: 'error',
      message: overflow
        ? 'Values are nested too deeply to read; iamlint stops reading this file.'
        : `This file could not be read: ${error instanceof Error ? error.message : String(error)}`,
      span: fileStartSpan(file),
    };
    return { file, source, documentCount: 0, diagnostics: [diagnostic] };
  }
}

/**
 * What `yaml`'s parseAllDocuments does, split in two: each top-level token of the concrete
 * syntax tree is checked for excessive nesting before it is composed into a document. The
 * tokens are not kept: once composed, a document's syntax tree can be collected while the
 * located tree is built.
 */
function parseBody(body: string, file: string, limits: ParseLimits): Omit<ParsedFile, 'file' | 'source'> {
  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH;
  const lines = new LineCounter();
  const spanOf = spanFactory(file, lines, body.length);
  const composer = new Composer(COMPOSE_OPTIONS);
  const docs: Document.Parsed[] = [];
  for (const token of new Parser(lines.addNewLine).parse(body)) {
    const tooDeep = findTooDeep([token], maxDepth);
    if (tooDeep) {
      const diagnostic: Diagnostic = {
        code: 'too-deep',
        severity: 'error',
        message: `Values are nested more than ${maxDepth} levels deep; iamlint stops reading this file.`,
        span: spanOf(tooDeep.offset, tooDeep.offset + 1),
      };
      return { documentCount: 0, diagnostics: [diagnostic] };
    }
    for (const doc of composer.next(token)) docs.push(doc);
  }
  for (const doc of composer.end()) docs.push(doc);
  const diagnostics = yamlProblemDiagnostics(docs, spanOf);

  let root: Node | undefined;
  const first = docs[0];
  if (first && first.contents && !diagnostics.some((d) => FATAL_LOAD_CODES.has(d.code))) {
    const builder = new TreeBuilder(body, spanOf, {
      maxAliasNodes: limits.maxAliasNodes ?? DEFAULT_MAX_ALIAS_NODES,
      maxDepth,
    });
    root = builder.build(first.contents);
    diagnostics.push(...builder.diagnostics);
  }
  diagnostics.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
  return { root, documentCount: docs.length, diagnostics };
}
