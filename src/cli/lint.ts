/** `iamlint [paths…]`: discover → config per file → engine → reporter → exit code. */
import { resolve } from 'node:path';
import { ConfigResolver, displayPath, type ResolvedConfig } from '../config/index.js';
import { lintFile, type FileResult } from '../engine/lint.js';
import type { Finding } from '../engine/types.js';
import { discoverServiceFiles } from '../load/index.js';
import type { LoadOptions } from '../load/types.js';
import { projectRootFor } from '../load/project-root.js';
import { formatJson, formatText, shouldUseColor, type LintResult } from '../report/index.js';
import { enabledRuleSeverities, formatSarif } from '../report/sarif.js';
import { formatGithub } from '../report/github.js';
import { formatMarkdown, githubLinkBase } from '../report/markdown.js';
import type { LintArgs } from './args.js';
import { UsageError } from './args.js';
import type { CliIO } from './io.js';
import { writeFileAtomic } from './output.js';
import { registry } from './registry.js';

/** Copies of the environment merged with `settings.env`, by `settings.env` content: one per run (see loadOptionsFor). */
export type EnvCache = Map<string, Record<string, string | undefined>>;

/**
 * `env` merged with `settings.env`. With `cache` (one per run, one `env`), copied once per distinct
 * `settings.env` rather than once per file: every file resolves its own ResolvedConfig object, so
 * the key is the content of `settings.env` (string values). The copies are only read (`${env:…}`).
 */
function mergedEnv(env: NodeJS.ProcessEnv, settingsEnv: Record<string, string> | undefined, cache?: EnvCache): Record<string, string | undefined> {
  if (!cache) return { ...env, ...settingsEnv };
  const key = settingsEnv ? JSON.stringify(settingsEnv) : '';
  let copy = cache.get(key);
  if (!copy) cache.set(key, (copy = { ...env, ...settingsEnv }));
  return copy;
}

export function loadOptionsFor(
  config: ResolvedConfig,
  env: NodeJS.ProcessEnv,
  file: string,
  cwd: string,
  envCache?: EnvCache,
): LoadOptions {
  const s = config.settings;
  const options: LoadOptions = { env: mergedEnv(env, s.env, envCache), projectRoot: projectRootFor(file, cwd) };
  if (s.stage !== undefined) options.stage = s.stage;
  if (s.region !== undefined) options.region = s.region;
  if (s.accountId !== undefined) options.accountId = s.accountId;
  if (s.params) options.params = { ...s.params };
  if (s.maxFileBytes !== undefined) options.maxFileBytes = s.maxFileBytes;
  return options;
}

/** Service files from the paths (discovery problems that stop the run are usage errors). */
export function discover(paths: string[], io: CliIO): string[] {
  const { files, diagnostics } = discoverServiceFiles(paths, io.cwd);
  const fatal = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics) if (d.severity !== 'error') io.stderr.write(`iamlint: warning: ${d.message}\n`);
  if (fatal.length) throw new UsageError(fatal.map((d) => d.message).join('; '));
  return files;
}

function resultOf(r: FileResult): LintResult {
  const sources = (r as FileResult & { sources?: LintResult['sources'] }).sources;
  return { filePath: r.filePath, findings: r.findings, sources };
}

export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver({
    registry,
    cwd: io.cwd,
    configFile: args.config,
    preset: args.preset,
    ruleFlags: args.rules,
    settings: { stage: args.stage, region: args.region },
  });

  if (args.printConfig !== undefined) {
    const config = resolver.resolveConfigForFile(args.printConfig);
    return emit(`${JSON.stringify(config, null, 2)}\n`, args, io);
  }

  const files = discover(args.paths, io);
  const given = new Set(args.paths.map((p) => resolve(io.cwd, p)));
  const results: LintResult[] = [];
  const configs: ResolvedConfig[] = [];
  const envCache: EnvCache = new Map();
  let internalError = false;
  let warnings = 0;
  for (const file of files) {
    const config = resolver.resolveConfigForFile(file);
    if (config.ignored) {
      if (given.has(file)) {
        io.stderr.write(`iamlint: warning: ${displayPath(file, io.cwd)} is ignored by "ignores" in ${config.configFile ? displayPath(config.configFile, io.cwd) : 'the config'}\n`);
      }
      continue;
    }
    configs.push(config);
    const r = await lintFile(file, {
      registry,
      rules: config.rules,
      functionOverrides: config.functionOverrides,
      loadOptions: loadOptionsFor(config, io.env, file, io.cwd, envCache),
      linterOptions: config.linterOptions,
    });
    if (r.internalError) internalError = true;
    warnings += r.findings.filter((f) => f.severity === 'warning').length;
    results.push(resultOf(r));
  }

  const shown = args.quiet
    ? results.map((r) => ({ ...r, findings: r.findings.filter((f: Finding) => f.severity === 'error') }))
    : results;
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const toFile = args.output !== undefined;
  const sarif = () => formatSarif(shown, { cwd: io.cwd, registry, enabledRules: enabledRuleSeverities(configs) });
  const text =
    args.format === 'json'
      ? formatJson(shown)
      : args.format === 'sarif'
        ? sarif()
        : args.format === 'github'
          ? formatGithub(shown, { cwd: io.cwd })
          : args.format === 'markdown'
            ? formatMarkdown(shown, { cwd: io.cwd, registry, linkBase: githubLinkBase(io.env) })
            : formatText(shown, { cwd: io.cwd, color: !toFile && shouldUseColor(io.stdout, io.env) });
  emit(text, args, io);
  // SARIF beside the terminal output: CI fails on the exit code and still uploads the file.
  if (args.sarifFile !== undefined) writeFileAtomic(args.sarifFile, args.format === 'sarif' ? text : sarif(), io.cwd);

  if (internalError) return 2;
  if (errors > 0) return 1;
  if (args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    io.stderr.write(`iamlint: too many warnings (${warnings}; --max-warnings is ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

/** Write to `-o FILE` (atomically) or to standard output. */
export function emit(text: string, args: { output?: string }, io: CliIO): number {
  if (args.output !== undefined) writeFileAtomic(args.output, text, io.cwd);
  else if (text) io.stdout.write(text);
  return 0;
}
