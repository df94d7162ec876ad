/**
 * ESLint-style RuleTester for iamlint rules.
 *
 *   ruleTester(rule).run({
 *     valid: [{ yaml: `...` }],
 *     invalid: [{ yaml: `...`, errors: [{ messageId: 'x', path: 'provider.iam.role.statements[0]', line: 7 }] }],
 *   });
 *
 * Each case is written to a fresh temp folder as `serverless.yml` (plus `files`, paths relative
 * to it) and linted through the real pipeline with only this rule enabled (severity error).
 *
 * `yaml` (and every `files` value) is dedented: a first empty line is dropped and the common
 * indentation removed, so line 1 is the first line of the snippet's text.
 *
 * valid   → no finding of the rule; the snippet must load as a service (no parse errors).
 * invalid → exactly `errors`, in order (file, line, column); each matches `messageId` and, when
 *           given, `path`, `line`, `column`, `endLine`, `endColumn`, `file` (relative), `functions`
 *           (any order), `message`, or `data` (the message is the messageId's text filled with it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFile, type FileResult } from '../../src/engine/lint.js';
import type { LinterOptions } from '../../src/engine/directives.js';
import type { Pipeline } from '../../src/engine/pipeline.js';
import { interpolate } from '../../src/engine/runner.js';
import { resolveRuleOptions } from '../../src/engine/options.js';
import type { Finding, Rule } from '../../src/engine/types.js';
import type { LoadOptions } from '../../src/load/types.js';

export interface ValidCase {
  name?: string;
  /** The serverless.yml text. */
  yaml: string;
  /** Rule options (merged over the schema's defaults). */
  options?: Record<string, unknown>;
  /** Extra files next to serverless.yml (for `${file()}`), by relative path. */
  files?: Record<string, string>;
  /** Name of the service file (default `serverless.yml`). */
  filename?: string;
  /** Stage, region, params, env… (`env` defaults to `{}` so the host's variables never leak in). */
  loadOptions?: LoadOptions;
  linterOptions?: LinterOptions;
  only?: boolean;
  skip?: boolean;
}

export interface ExpectedError {
  messageId: string;
  /** Logical YAML path, e.g. `provider.iam.role.statements[0].Resource`. */
  path?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** File the finding is located in, relative to the case's folder (e.g. `iam.yml`). */
  file?: string;
  /** Functions concerned, any order. */
  functions?: string[];
  /** Placeholders: the finding's message must equal the messageId's text filled with them. */
  data?: Record<string, string | number>;
  message?: string;
}

export interface InvalidCase extends ValidCase {
  /** The findings expected, in output order; or just how many. */
  errors: ExpectedError[] | number;
}

export interface RuleTesterCases {
  valid?: ValidCase[];
  invalid?: InvalidCase[];
}

/** Remove a first empty line and the indentation common to all non-blank lines. */
export function dedent(text: string): string {
  let t = text.replace(/^[ \t]*\r?\n/, '');
  t = t.replace(/\n[ \t]*$/, '\n');
  const indents = t
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => /^[ ]*/.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  if (min === 0) return t;
  return t
    .split('\n')
    .map((l) => l.slice(Math.min(min, /^[ ]*/.exec(l)![0].length)))
    .join('\n');
}

let pipelineOverride: Partial<Pipeline> | undefined;

/** Replace pipeline stages for every later case (engine self-tests only; rule tests use the real one). */
export function setRuleTesterPipeline(pipeline: Partial<Pipeline> | undefined): void {
  pipelineOverride = pipeline;
}

export interface SnippetResult extends FileResult {
  /** The case's temp folder (already deleted; for naming files relative to it). */
  dir: string;
  /** Findings of the rule under test. */
  ruleFindings: Finding[];
}

/**
 * Lint a snippet with only `rule` enabled, for ad-hoc assertions beyond what `run` checks.
 * The temp folder is deleted before this returns (`dir` only names files relative to it).
 */
export async function lintSnippet(rule: Rule, c: ValidCase): Promise<SnippetResult> {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-rt-'));
  try {
    for (const [rel, text] of Object.entries(c.files ?? {})) {
      const target = join(dir, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, dedent(text));
    }
    const file = join(dir, c.filename ?? 'serverless.yml');
    writeFileSync(file, dedent(c.yaml));
    const result = await lintFile(file, {
      registry: { [rule.meta.id]: rule },
      rules: { [rule.meta.id]: { severity: 'error', options: c.options } },
      loadOptions: { env: {}, ...c.loadOptions, projectRoot: dir },
      linterOptions: { reportUnusedDisableDirectives: 'off', requireJustification: false, ...c.linterOptions },
      pipeline: pipelineOverride,
    });
    return { ...result, dir, ruleFindings: result.findings.filter((f) => f.ruleId === rule.meta.id) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rel(dir: string, file: string): string {
  const r = relative(dir, file);
  return sep === '/' ? r : r.split(sep).join('/');
}

function show(dir: string, findings: Finding[]): string {
  if (findings.length === 0) return '  (none)';
  return findings
    .map(
      (f) =>
        `  - ${f.ruleId}/${f.messageId} at ${rel(dir, f.file)}:${f.line}:${f.column} path=${f.path || '(none)'} functions=[${f.functions.join(', ')}]\n    ${f.message}`,
    )
    .join('\n');
}

/** Problems that make any case meaningless: iamlint failed, or the snippet is not a readable service. */
function sanityProblems(r: SnippetResult): string[] {
  const out: string[] = [];
  for (const f of r.findings) {
    if (f.ruleId === 'internal-error') out.push(`internal error: ${f.message}`);
    else if (f.ruleId === 'parse-error' && f.severity === 'error') out.push(`the snippet does not parse: ${f.message} (line ${f.line})`);
    else if (f.ruleId === 'not-serverless-config') out.push(`the snippet is not a service: ${f.message}`);
  }
  return out;
}

function caseName(kind: string, i: number, c: ValidCase): string {
  if (c.name) return c.name;
  const first = dedent(c.yaml)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .slice(0, 3)
    .join(' ');
  return `${kind} #${i + 1}: ${first.length > 70 ? `${first.slice(0, 67)}...` : first}`;
}

function checkError(rule: Rule, r: SnippetResult, actual: Finding, want: ExpectedError, n: number): string[] {
  const errs: string[] = [];
  const where = `error #${n + 1}`;
  if (actual.messageId !== want.messageId) errs.push(`${where}: messageId is "${actual.messageId}", expected "${want.messageId}"`);
  if (want.path !== undefined && actual.path !== want.path) errs.push(`${where}: path is "${actual.path}", expected "${want.path}"`);
  for (const k of ['line', 'column', 'endLine', 'endColumn'] as const) {
    if (want[k] !== undefined && actual[k] !== want[k]) errs.push(`${where}: ${k} is ${actual[k]}, expected ${want[k]}`);
  }
  if (want.file !== undefined && rel(r.dir, actual.file) !== want.file) {
    errs.push(`${where}: file is "${rel(r.dir, actual.file)}", expected "${want.file}"`);
  }
  if (want.functions !== undefined) {
    const a = [...actual.functions].sort();
    const w = [...want.functions].sort();
    if (JSON.stringify(a) !== JSON.stringify(w)) errs.push(`${where}: functions are [${a.join(', ')}], expected [${w.join(', ')}]`);
  }
  if (want.data !== undefined) {
    const template = rule.meta.messages[want.messageId];
    if (template === undefined) errs.push(`${where}: the rule has no messageId "${want.messageId}"`);
    else {
      const expected = interpolate(template, want.data);
      if (actual.message !== expected) errs.push(`${where}: message is "${actual.message}", expected "${expected}"`);
    }
  }
  if (want.message !== undefined && actual.message !== want.message) {
    errs.push(`${where}: message is "${actual.message}", expected "${want.message}"`);
  }
  return errs;
}

export function ruleTester(rule: Rule) {
  return {
    run(cases: RuleTesterCases): void {
      describe(rule.meta.id, () => {
        it('has usable meta', () => {
          expect(rule.meta.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
          expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
          expect(() => resolveRuleOptions(rule, {})).not.toThrow();
        });

        describe('valid', () => {
          (cases.valid ?? []).forEach((c, i) => {
            const test = c.only ? it.only : c.skip ? it.skip : it;
            test(caseName('valid', i, c), async () => {
              const r = await lintSnippet(rule, c);
              const problems = sanityProblems(r);
              if (r.ruleFindings.length) {
                problems.push(`expected no ${rule.meta.id} finding, got ${r.ruleFindings.length}:\n${show(r.dir, r.ruleFindings)}`);
              }
              if (problems.length) expect.fail(`${problems.join('\n')}\nall findings:\n${show(r.dir, r.findings)}`);
            });
          });
        });

        describe('invalid', () => {
          (cases.invalid ?? []).forEach((c, i) => {
            const test = c.only ? it.only : c.skip ? it.skip : it;
            test(caseName('invalid', i, c), async () => {
              const r = await lintSnippet(rule, c);
              const problems = sanityProblems(r);
              const wanted = typeof c.errors === 'number' ? c.errors : c.errors.length;
              if (wanted === 0) problems.push('an invalid case must expect at least one error');
              if (r.ruleFindings.length !== wanted) {
                problems.push(`expected ${wanted} ${rule.meta.id} finding(s), got ${r.ruleFindings.length}:\n${show(r.dir, r.ruleFindings)}`);
              } else if (Array.isArray(c.errors)) {
                c.errors.forEach((want, n) => problems.push(...checkError(rule, r, r.ruleFindings[n]!, want, n)));
              }
              if (problems.length) expect.fail(`${problems.join('\n')}\nall findings:\n${show(r.dir, r.findings)}`);
            });
          });
        });
      });
    },
  };
}
