/**
 * Helpers for the hostile-input tests: temp projects, the library pipeline, the full lint
 * (the engine with every rule of the strict preset) and the CLI in-process.
 */
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll } from 'vitest';
import { rules } from '../../rules/index.js';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ConfigResolver } from '../../src/config/index.js';
import { lintFile, type FileResult } from '../../src/engine/lint.js';
import { loadService, synthesize, type LoadedService } from '../../src/index.js';
import type { LoadOptions } from '../../src/load/types.js';
import type { ServiceModel } from '../../src/synthesize/model.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh temp folder (its real path) holding `files`, with a package.json at its root so
 * that no config file above it is ever picked up.
 */
export function tempProject(files: Record<string, string | Buffer> = {}): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'iamlint-hostile-')));
  created.push(dir);
  writeFiles(dir, { 'package.json': '{"name":"fixture"}\n', ...files });
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
}

/** Every file under `dir`, relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export interface Piped extends LoadedService {
  model?: ServiceModel;
}

/** The library pipeline (`loadService` then `synthesize`), with an empty environment. */
export function pipeline(file: string, options: LoadOptions = {}): Piped {
  const loaded = loadService(file, { env: {}, ...options });
  return loaded.service ? { ...loaded, model: synthesize(loaded.service) } : loaded;
}

/** The full lint of one file: every rule of the strict preset, as the CLI runs them. */
export async function fullLint(file: string, options: LoadOptions = {}): Promise<FileResult> {
  const config = new ConfigResolver({ registry: rules, cwd: dirname(file), preset: 'strict' }).resolveConfigForFile(file);
  return lintFile(file, {
    registry: rules,
    rules: config.rules,
    functionOverrides: config.functionOverrides,
    loadOptions: { env: {}, projectRoot: dirname(file), ...options },
    linterOptions: config.linterOptions,
  });
}

/** The CLI in-process; `env` is empty unless given, so the machine's environment never leaks in. */
export async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Messages of findings or diagnostics, for readable assertions. */
export const messages = (list: ReadonlyArray<{ message: string }>): string[] => list.map((d) => d.message);

/** CPU milliseconds (user + system) spent by `fn`: steadier than wall time on a busy machine. */
export async function cpuMs<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}
