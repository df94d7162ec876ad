/**
 * The fuzz harness: run counts and seed from the environment, a project folder with the
 * include files, and the stages run on one text (library pipeline, full lint).
 *
 *   IAMLINT_FUZZ_RUNS   inputs per property (default: a quick run sized for `npm test`)
 *   IAMLINT_FUZZ_SEED   seed (default fixed, so `npm test` is repeatable)
 */
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type fc from 'fast-check';
import { afterAll, expect } from 'vitest';
import { rules } from '../../rules/index.js';
import { ConfigResolver } from '../../src/config/index.js';
import { lintFile, type FileResult } from '../../src/engine/lint.js';
import { ENGINE_RULE_IDS } from '../../src/engine/types.js';
import { loadParsedService, synthesize } from '../../src/index.js';
import type { Node, Span } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/parse.js';
import type { ParsedFile } from '../../src/load/types.js';
import type { ServiceModel } from '../../src/synthesize/model.js';
import { INCLUDES } from './arbitraries.js';

const RUNS = Number(process.env.IAMLINT_FUZZ_RUNS) || 0;
const SEED = process.env.IAMLINT_FUZZ_SEED ? Number(process.env.IAMLINT_FUZZ_SEED) : 20_260_101;

/** fast-check parameters: `quick` runs in `npm test`, IAMLINT_FUZZ_RUNS overrides. */
export function params(quick: number): fc.Parameters<unknown> {
  return { numRuns: RUNS || quick, seed: SEED, verbose: 0 };
}

/** A long run asks for more time per test. */
export const TIMEOUT = RUNS ? Math.max(60_000, RUNS * 100) : 60_000;

export const PROJECT = realpathSync(mkdtempSync(join(tmpdir(), 'iamlint-fuzz-')));
for (const [name, text] of Object.entries(INCLUDES)) writeFileSync(join(PROJECT, name), text);
writeFileSync(join(PROJECT, 'package.json'), '{"name":"fuzz"}\n');
afterAll(() => {
  // code.js writes ran.txt if anything ever runs it.
  expect(existsSync(join(PROJECT, 'ran.txt')), 'an included .js file was executed').toBe(false);
  rmSync(PROJECT, { recursive: true, force: true });
});

export const FILE = join(PROJECT, 'serverless.yml');

const config = new ConfigResolver({ registry: rules, cwd: PROJECT, preset: 'strict' }).resolveConfigForFile(FILE);

const BUILT_INS: Record<string, object> = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const ORIGINAL = new Map(Object.entries(BUILT_INS).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]));

/**
 * Throws when the run added properties to a built-in prototype (prototype pollution), after
 * removing them: every input is then checked on its own, and shrinking still works.
 */
function checkPrototypes(): void {
  const added: string[] = [];
  for (const [name, proto] of Object.entries(BUILT_INS)) {
    for (const key of Reflect.ownKeys(proto)) {
      if (ORIGINAL.get(name)!.has(key)) continue;
      added.push(`${name}.prototype.${String(key)}`);
      delete (proto as Record<PropertyKey, unknown>)[key];
    }
  }
  if (added.length) throw new Error(`prototype pollution: ${added.join(', ')} added`);
}

/** The full lint of `text` as the service file (every rule of the strict preset). */
export async function lintText(text: string, file = FILE): Promise<FileResult> {
  try {
    const parsed = parseYaml(text, file);
    return await lintFile(file, {
      registry: rules,
      rules: config.rules,
      functionOverrides: config.functionOverrides,
      loadOptions: { env: { NAME: 'from-env' }, projectRoot: PROJECT },
      linterOptions: config.linterOptions,
      pipeline: { readParsedFile: () => parsed },
    });
  } finally {
    checkPrototypes();
  }
}

/** The library pipeline on `text`: parse, load, resolve, synthesize. Throws only on a bug. */
export function pipelineText(text: string): { parsed: ParsedFile; model?: ServiceModel; diagnostics: number } {
  try {
    const parsed = parseYaml(text, FILE);
    const loaded = loadParsedService(parsed, { env: {}, projectRoot: PROJECT });
    const model = loaded.service ? synthesize(loaded.service) : undefined;
    return { parsed, model, diagnostics: loaded.diagnostics.length };
  } finally {
    checkPrototypes();
  }
}

/** Every span of a tree, keys included. */
export function allSpans(node: Node, out: Span[] = []): Span[] {
  out.push(node.span);
  if (node.kind === 'seq') for (const item of node.items) allSpans(item, out);
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      out.push(entry.keySpan);
      allSpans(entry.value, out);
    }
  }
  return out;
}

/** A span that can be shown: inside the text, lines and columns from 1. */
export function spanInside(span: Span | undefined, length: number): boolean {
  if (!span) return true;
  return span.offset >= 0 && span.offset <= span.endOffset && span.endOffset <= length && span.line >= 1 && span.column >= 1 && span.endLine >= span.line;
}

/** What a lint must always give: no internal error, every finding complete and located. */
export function expectSoundLint(result: FileResult, text: string): void {
  const crashes = result.findings.filter((f) => f.ruleId === 'internal-error');
  expect(crashes.map((f) => f.message), `internal errors for:\n${text}`).toEqual([]);
  expect(result.internalError).toBe(false);
  for (const f of result.findings) {
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  }
  // Rule findings have unique fingerprints. Findings made from load diagnostics with the same
  // message share one (reported: src/engine/diagnostics.ts), pinned in known-issues.test.ts.
  const fromRules = result.findings.filter((f) => !(ENGINE_RULE_IDS as readonly string[]).includes(f.ruleId));
  expect(new Set(fromRules.map((f) => f.fingerprint)).size, 'duplicate rule fingerprints').toBe(fromRules.length);
}
