/** Entry point of the resolve stage: the parsed service file in, the resolved service out. */
import { dirname, resolve } from 'node:path';
import { mapGet, nodeAt, toPlain, type Node, type Plain } from '../load/node.js';
import type { LoadOptions, ParsedFile, ResolvedService, SourceFile } from '../load/types.js';
import { TreeResolver } from './deep.js';
import { DiagnosticSink } from './diagnostics.js';
import { IncludeReader } from './includes.js';
import { Produced } from './nodes.js';
import type { Outcome } from './outcome.js';
import { VariableResolver } from './resolver.js';

/**
 * Resolves every Serverless variable of the service config (see README.md for what is
 * supported). Never throws on bad input: problems become diagnostics and unknown values.
 * `diagnostics` starts with the parsed file's own diagnostics.
 */
export function resolveService(parsed: ParsedFile & { root: Node }, options: LoadOptions = {}): ResolvedService {
  const file = resolve(parsed.file);
  const dir = dirname(file);
  const projectRoot = resolve(options.projectRoot ?? dir);
  const sink = new DiagnosticSink();
  parsed.diagnostics.forEach((d) => sink.add(d));
  const sources = new Map<string, SourceFile>([[parsed.source.file, parsed.source]]);
  const produced = new Produced();

  const includes = new IncludeReader({
    serviceFile: parsed,
    projectRoot,
    maxFileBytes: options.maxFileBytes,
    onRead: (source) => {
      if (!sources.has(source.file)) sources.set(source.file, source);
    },
    report: (d) => sink.add(d),
  });
  const variables = new VariableResolver({ configRoot: parsed.root, options, includes, sources, sink, produced });

  warnVariableSyntax(parsed.root, sink);
  const tree = new TreeResolver(variables, produced, sink).resolve(parsed.root, []);
  const config = tree.kind === 'map' ? (toPlain(tree) as { [key: string]: Plain }) : (Object.create(null) as { [key: string]: Plain });

  return {
    file,
    dir,
    projectRoot,
    tree,
    config,
    stage: effectiveName(variables.stage(), parsed.root, 'stage', 'dev'),
    region: effectiveName(variables.region(), parsed.root, 'region', 'us-east-1'),
    sources,
    diagnostics: sink.list,
  };
}

/** `provider.variableSyntax` (removed in Framework v3) is not honoured: say so. */
function warnVariableSyntax(root: Node, sink: DiagnosticSink): void {
  const provider = mapGet(root, 'provider');
  if (provider?.kind !== 'map') return;
  const entry = provider.entries.find((e) => e.key === 'variableSyntax');
  if (!entry) return;
  sink.report(
    'unsupported-variable-syntax',
    'warning',
    'provider.variableSyntax is not supported (the Framework dropped it in v3): variables are read with the standard ${source:address} syntax only',
    entry.keySpan,
    ['provider', 'variableSyntax'],
  );
}

/** The stage or region as a string. When unknown, its text as written stands in for it (never a guess). */
function effectiveName(outcome: Outcome, root: Node, key: 'stage' | 'region', fallback: string): string {
  if (outcome.kind === 'value') return outcome.value === null ? fallback : String(outcome.value);
  if (outcome.kind === 'found') {
    const { node } = outcome.reached;
    if (node.kind === 'scalar') return node.value === null ? fallback : String(node.value);
    if (node.kind === 'unknown') return node.text;
  }
  const written = nodeAt(root, ['provider', key]);
  return written?.kind === 'scalar' && written.value !== null ? String(written.value) : fallback;
}
