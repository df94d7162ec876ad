/**
 * Lint one service file: load → shape check → resolve → synthesize → rules → directives.
 * Every problem, from a YAML syntax error to a rule's report, comes back as a Finding.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import micromatch from 'micromatch';
import type { Diagnostic } from '../load/node.js';
import type { LoadOptions, ParsedFile, ResolvedService, SourceFile } from '../load/types.js';
import type { ServiceModel } from '../synthesize/model.js';
import { diagnosticsToFindings, frameworkFailureFinding } from './diagnostics.js';
import { applyDirectives, type LinterOptions } from './directives.js';
import { hashParts, relativeFile } from './fingerprint.js';
import { completePipeline, type Pipeline } from './pipeline.js';
import { compareFindings, isInternalError, runRulesDetailed, topOfFile } from './runner.js';
import type { EnabledRule, Finding, Rule, RuleSeverity } from './types.js';

/** A rule's effective setting (the config's `RuleSetting`). */
export interface RuleSetting {
  severity: RuleSeverity;
  options?: Record<string, unknown>;
}

/** Settings for the functions whose key matches one of `functions` (globs), over the file's rules. */
export interface FunctionOverride {
  functions: string[];
  /** A setting without `options` keeps the options set before it. */
  rules: Record<string, RuleSetting>;
}

export interface LintFileOptions {
  /** Rule objects by id (`rules/index.ts`). */
  registry: Readonly<Record<string, Rule>>;
  /** Rule id → setting for this file, before per-function overrides (the config's `rules`). */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Per-function overrides, in order (the config's `functionOverrides`). */
  functionOverrides?: readonly FunctionOverride[];
  loadOptions?: LoadOptions;
  linterOptions?: LinterOptions;
  /** Replace stages (tests). */
  pipeline?: Partial<Pipeline>;
}

export interface FileResult {
  /** Absolute path of the service file. */
  filePath: string;
  /** Sorted by file, line, column, rule. */
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  /** Findings hidden by inline directives (in any file of the service). */
  suppressedCount: number;
  /** Suppressed findings per file they are located in. */
  suppressedByFile: Record<string, number>;
  suppressed: Finding[];
  /** iamlint itself failed somewhere (a rule crashed, a stage threw): exit code 2. */
  internalError: boolean;
  /** The synthesized model, when the pipeline got that far. */
  model?: ServiceModel;
  /** Texts of every file read (the service file first, then includes), by absolute path: for snippets. */
  sources: Map<string, SourceFile>;
}

function asList(d: Diagnostic | Diagnostic[] | undefined | null): Diagnostic[] {
  if (!d) return [];
  return Array.isArray(d) ? d : [d];
}

function stageError(file: string, stage: string, error: unknown, projectRoot?: string): Finding {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return {
    ruleId: 'internal-error',
    messageId: 'stage-error',
    severity: 'error',
    message: `iamlint failed while ${stage}: ${text}`,
    ...topOfFile(file),
    path: '',
    functions: [],
    fingerprint: hashParts(['internal-error', relativeFile(file, projectRoot), stage]),
    related: [],
  };
}

function sameOptions(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  return a === b || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The rules to run for a service: one entry per rule and distinct options; when function
 * overrides apply, each entry grades findings per function (`severityFor`).
 */
export function enabledRules(
  registry: Readonly<Record<string, Rule>>,
  rules: Readonly<Record<string, RuleSetting>>,
  overrides: readonly FunctionOverride[],
  functionKeys: readonly string[],
): { entries: EnabledRule[]; unknown: string[] } {
  if (overrides.length === 0) {
    // The common case: every function has the file's settings.
    const entries: EnabledRule[] = [];
    const unknown: string[] = [];
    for (const [id, setting] of Object.entries(rules)) {
      if (setting.severity === 'off') continue;
      const rule = Object.hasOwn(registry, id) ? registry[id] : undefined;
      if (rule) entries.push({ rule, severity: setting.severity, options: setting.options });
      else unknown.push(id);
    }
    return { entries, unknown };
  }

  // Functions matching the same overrides share one settings object (and one memo entry).
  const bySignature = new Map<string, Record<string, RuleSetting>>();
  const memo = new Map<string, Record<string, RuleSetting>>();
  const settingsFor = (fn: string): Record<string, RuleSetting> => {
    let s = memo.get(fn);
    if (!s) {
      const matching = overrides.filter((o) => micromatch.isMatch(fn, o.functions, { dot: true, basename: true }));
      const signature = matching.map((o) => overrides.indexOf(o)).join(',');
      s = bySignature.get(signature);
      if (!s) {
        s = { ...rules };
        for (const o of matching) {
          for (const [id, patch] of Object.entries(o.rules)) {
            const options = patch.options ?? s[id]?.options;
            s[id] = options === undefined ? { severity: patch.severity } : { severity: patch.severity, options };
          }
        }
        bySignature.set(signature, s);
      }
      memo.set(fn, s);
    }
    return s;
  };

  const ids = new Set(Object.keys(rules));
  for (const o of overrides) for (const id of Object.keys(o.rules)) ids.add(id);
  const entries: EnabledRule[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const base: RuleSetting = rules[id] ?? { severity: 'off' };
    const variants: Array<Record<string, unknown> | undefined> = [base.options];
    let anyOn = base.severity !== 'off';
    let differs = false;
    for (const fn of functionKeys) {
      const s = settingsFor(fn)[id] ?? { severity: 'off' };
      if (s.severity !== base.severity || !sameOptions(s.options, base.options)) differs = true;
      if (s.severity === 'off') continue;
      anyOn = true;
      if (!variants.some((v) => sameOptions(v, s.options))) variants.push(s.options);
    }
    if (!anyOn) continue;
    const rule = Object.hasOwn(registry, id) ? registry[id] : undefined;
    if (!rule) {
      unknown.push(id);
      continue;
    }
    if (!differs && overrides.length === 0) {
      entries.push({ rule, severity: base.severity, options: base.options });
      continue;
    }
    variants.forEach((options, i) => {
      entries.push({
        rule,
        severity: i === 0 ? base.severity : 'off',
        options,
        severityFor: (fn) => {
          const s = settingsFor(fn)[id] ?? { severity: 'off' };
          return sameOptions(s.options, options) ? s.severity : 'off';
        },
      });
    });
  }
  return { entries, unknown };
}

/** Lint one service file. Never throws: failures become `internal-error` findings. */
export async function lintFile(file: string, options: LintFileOptions): Promise<FileResult> {
  const filePath = resolvePath(file);
  const loadOptions: LoadOptions = options.loadOptions ?? {};
  const projectRoot = loadOptions.projectRoot ?? dirname(filePath);
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  let sources: SourceFile[] = [];
  let model: ServiceModel | undefined;
  let rulesRan = false;
  const crashedRules = new Set<string>();

  run: {
    let pipeline: Pipeline;
    try {
      pipeline = await completePipeline(options.pipeline);
    } catch (e) {
      findings.push(stageError(filePath, 'loading its stages', e, projectRoot));
      break run;
    }

    let parsed: ParsedFile | undefined;
    try {
      parsed = await pipeline.readParsedFile(filePath, { maxFileBytes: loadOptions.maxFileBytes });
    } catch (e) {
      findings.push(stageError(filePath, 'reading the file', e, projectRoot));
      break run;
    }
    sources = [parsed.source];
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.root) break run;

    let shape: Diagnostic[];
    try {
      shape = asList(pipeline.checkServiceShape(parsed));
    } catch (e) {
      findings.push(stageError(filePath, 'checking the file is a service', e, projectRoot));
      break run;
    }
    diagnostics.push(...shape);
    if (shape.some((d) => d.code === 'not-serverless-config' || d.severity === 'error')) break run;

    let resolved: ResolvedService;
    try {
      resolved = await pipeline.resolveService(parsed, { ...loadOptions, projectRoot });
    } catch (e) {
      findings.push(stageError(filePath, 'resolving variables', e, projectRoot));
      break run;
    }
    const seen = new Set<string>();
    sources = [];
    const serviceSource = parsed.source;
    // Unchanged subtrees are shared with `resolved`; the rest of the parsed tree can go now.
    parsed = undefined;
    for (const s of [serviceSource, ...(resolved.sources?.values() ?? [])]) {
      if (seen.has(s.file)) continue;
      seen.add(s.file);
      sources.push(s);
    }
    diagnostics.push(...(resolved.diagnostics ?? []));

    try {
      model = await pipeline.synthesize(resolved);
    } catch (e) {
      findings.push(stageError(filePath, 'building the roles', e, projectRoot));
      break run;
    }
    diagnostics.push(...(model.diagnostics ?? []));

    try {
      const { entries, unknown } = enabledRules(
        options.registry,
        options.rules,
        options.functionOverrides ?? [],
        model.functions.map((f) => f.key),
      );
      for (const id of unknown) {
        findings.push(stageError(filePath, `starting rule "${id}"`, new Error('no such rule in the registry'), projectRoot));
        crashedRules.add(id);
      }
      const run = runRulesDetailed(model, entries, { projectRoot });
      for (const id of run.crashed) crashedRules.add(id);
      findings.push(...run.findings);
      rulesRan = true;
      const failure = frameworkFailureFinding(model, projectRoot);
      if (failure) findings.push(failure);
    } catch (e) {
      findings.push(stageError(filePath, 'running the rules', e, projectRoot));
    }
  }

  let diagnosticFindings: Finding[] = [];
  try {
    diagnosticFindings = diagnosticsToFindings(diagnostics, { file: filePath, projectRoot, model });
  } catch (e) {
    findings.push(stageError(filePath, 'reporting load diagnostics', e, projectRoot));
  }
  findings.push(...diagnosticFindings);
  findings.sort(compareFindings);
  let result: ReturnType<typeof applyDirectives>;
  try {
    result = applyDirectives(findings, sources, { ...options.linterOptions, projectRoot, rulesRan, crashedRules });
  } catch (e) {
    findings.push(stageError(filePath, 'reading inline directives', e, projectRoot));
    result = { findings: findings.sort(compareFindings), suppressed: [], suppressedByFile: new Map(), directives: [] };
  }
  const out = result.findings;
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of out) {
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return {
    filePath,
    findings: out,
    errorCount,
    warningCount,
    infoCount,
    suppressedCount: result.suppressed.length,
    suppressedByFile: Object.fromEntries(result.suppressedByFile),
    suppressed: result.suppressed,
    internalError: out.some(isInternalError),
    model,
    sources: new Map(sources.map((src) => [src.file, src])),
  };
}
