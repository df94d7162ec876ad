/** Entry point of the resolve stage: the parsed service file in, the resolved service out. */
import { dirname, resolve } from 'node:path';
import { formatPath, mapGet, nodeAt, toPlain, Unknown, type Node, type Plain } from '../load/node.js';
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

  const stage = effectiveName(variables.stage(), parsed.root, tree, 'stage', 'dev', sink);
  const region = effectiveName(variables.region(), parsed.root, tree, 'region', 'us-east-1', sink);

  return {
    file,
    dir,
    projectRoot,
    tree,
    config,
    stage,
    region,
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

/**
 * The stage or region: a string, or an `Unknown` when `provider.<key>` cannot be resolved offline
 * (its resolved text, reason and known parts; never its source text as a name, never a guess).
 * An unknown one is reported once, at `provider.<key>`, with how to give iamlint the value.
 */
function effectiveName(
  outcome: Outcome,
  root: Node,
  tree: Node,
  key: 'stage' | 'region',
  fallback: string,
  sink: DiagnosticSink,
): string | Unknown {
  if (outcome.kind === 'value') return outcome.value === null ? fallback : String(outcome.value);
  if (outcome.kind === 'found' && outcome.reached.node.kind === 'scalar') {
    const { value } = outcome.reached.node;
    return value === null ? fallback : String(value);
  }
  const path = ['provider', key];
  const written = nodeAt(root, path);
  const resolved = nodeAt(tree, path);
  // The variable's own `unresolved-variable` note at provider.<key> is folded into the warning below
  // (same place, same text and reason); errors (malformed variables, cycles) stay.
  for (let i = sink.list.length - 1; i >= 0; i--) {
    const d = sink.list[i]!;
    if (d.code === 'unresolved-variable' && d.severity !== 'error' && d.path?.length === 2 && d.path[0] === 'provider' && d.path[1] === key) {
      sink.list.splice(i, 1);
    }
  }
  const reason = outcome.kind === 'unknown' || outcome.kind === 'missing' ? outcome.reason : `provider.${key} is not a string`;
  const unknown =
    resolved?.kind === 'unknown'
      ? new Unknown(resolved.text, resolved.reason, resolved.parts)
      : new Unknown(writtenText(written) ?? formatPath(path), reason);
  const flag = key === 'stage' ? '--stage' : '--region';
  sink.add({
    code: `unknown-${key}`,
    severity: 'warning',
    message:
      `The ${key} of this service cannot be resolved offline (${unknown.text}: ${unknown.reason}); ` +
      `names built from it (function, role, policy and log group names) stay unknown and checks on them are skipped. ` +
      `Pass ${flag} or set \`settings.${key}\` in the iamlint config.`,
    ...(written ? { span: written.span } : {}),
    path,
  });
  return unknown;
}

function writtenText(node: Node | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}
