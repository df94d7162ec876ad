/**
 * Parses YAML or JSON text (JSON is YAML 1.2) into a ParsedFile: the first document's
 * located tree, the document count, and diagnostics for everything that went wrong.
 * Never throws for bad input.
 */
import { Composer, LineCounter, Parser, type CollectionTag, type Document, type ScalarTag } from 'yaml';
import { cfnCustomTags } from './cfn-tags.js';
import { findTooDeep, MAX_NESTING_DEPTH, type TooDeep } from './nesting-depth.js';
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

/**
 * A plain scalar that no core type (null, bool, int, float) matches is a string, as with
 * `yaml`'s own fallback, which resolves it the same way. Listed ahead of the CloudFormation
 * tags, it ends `yaml`'s search for a plain scalar's type there, instead of after a check
 * of each of the 51 short-form tags, which never match an untagged value: most scalars of a
 * config are such strings, and that search was a quarter of composing.
 */
const PLAIN_STRING: ScalarTag = { tag: 'tag:yaml.org,2002:str', default: true, test: /^/, resolve: (text: string) => text };
const CUSTOM_TAGS: Array<ScalarTag | CollectionTag> = [PLAIN_STRING, ...cfnCustomTags];

const COMPOSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  customTags: CUSTOM_TAGS,
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
 * Composes the documents, then builds the first one's located tree. The syntax tree is
 * dropped before the located tree is built (see `composeDocuments`), so the two never
 * share the heap.
 */
function parseBody(body: string, file: string, limits: ParseLimits): Omit<ParsedFile, 'file' | 'source'> {
  const maxDepth = limits.maxDepth ?? MAX_NESTING_DEPTH;
  const lines = new LineCounter();
  const spanOf = spanFactory(file, lines, body.length);
  const composed = composeDocuments(body, lines, maxDepth);
  if (!Array.isArray(composed)) {
    const diagnostic: Diagnostic = {
      code: 'too-deep',
      severity: 'error',
      message: `Values are nested more than ${maxDepth} levels deep; iamlint stops reading this file.`,
      span: spanOf(composed.offset, composed.offset + 1),
    };
    return { documentCount: 0, diagnostics: [diagnostic] };
  }
  const docs = composed;
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

/**
 * What `yaml`'s parseAllDocuments does, split in two: each top-level token of the concrete
 * syntax tree is checked for excessive nesting before it is composed into a document.
 * A function of its own so that nothing of the syntax tree (the loop's token, the parser)
 * stays reachable from the caller's frame once it returns: the syntax tree is about twice
 * the size of the documents composed from it.
 */
function composeDocuments(body: string, lines: LineCounter, maxDepth: number): Document.Parsed[] | TooDeep {
  const composer = new Composer(COMPOSE_OPTIONS);
  const docs: Document.Parsed[] = [];
  for (const token of new Parser(lines.addNewLine).parse(body)) {
    const tooDeep = findTooDeep([token], maxDepth);
    if (tooDeep) return tooDeep;
    for (const doc of composer.next(token)) docs.push(doc);
  }
  for (const doc of composer.end()) docs.push(doc);
  return docs;
}
