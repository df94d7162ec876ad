/**
 * No code from the linted repository is ever imported or executed: service files written as
 * programs, `${file(x.js)}`, plugins, config files. Every program here writes a marker file
 * the moment it runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fullLint, pipeline, tempProject, writeFiles } from './helpers.js';

const MARKER = 'ran-marker.txt';

/** A program that writes `<dir>/ran-marker.txt` (with its own name) when run, in the module flavour its extension needs. */
function program(dir: string, name: string): string {
  const marker = JSON.stringify(join(dir, MARKER));
  const esm = /\.(mjs|mts|ts)$/.test(name);
  const write = esm
    ? `import { appendFileSync } from 'node:fs';\nappendFileSync(${marker}, ${JSON.stringify(`${name}\n`)});\n`
    : `require('fs').appendFileSync(${marker}, ${JSON.stringify(`${name}\n`)});\n`;
  const value = esm ? 'export default { service: "from-code", value: "from-code" };\nexport const value = "from-code";\n' : 'module.exports = { service: "from-code", value: "from-code" };\n';
  return `${write}${value}`;
}

/** A project holding `files` and the programs `names` (written once the folder, which they name, exists). */
function projectWith(names: string[], files: Record<string, string> = {}): string {
  const dir = tempProject(files);
  writeFiles(dir, Object.fromEntries(names.map((name) => [name, program(dir, name)])));
  return dir;
}

const ran = (dir: string): boolean => existsSync(join(dir, MARKER));

const SERVICE = 'service: nocode\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\n';

describe('service files that are programs', () => {
  it('serverless.js / .ts / .cjs / .mjs alone: not read, not run, and the CLI says why', async () => {
    const dir = projectWith(['serverless.js', 'serverless.ts', 'serverless.cjs', 'serverless.mjs']);
    const run = await cli(['.', '--format', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/serverless\.js and serverless\.ts and serverless\.cjs and serverless\.mjs but no serverless\.yml.*iamlint never executes code/);
    const here = await cli([], dir);
    expect(here.code).toBe(2);
    expect(ran(dir)).toBe(false);
  });

  it('serverless.yml beside serverless.js: only the YAML is read', async () => {
    const dir = projectWith(['serverless.js', 'serverless.ts'], { 'serverless.yml': SERVICE });
    const run = await cli(['.', '--format', 'json'], dir);
    expect(run.code).toBeLessThan(2);
    expect(JSON.parse(run.stdout).results.map((r: { filePath: string }) => r.filePath)).toEqual([join(dir, 'serverless.yml')]);
    expect(ran(dir)).toBe(false);
  });

  it('a program named on the command line is refused, not run', async () => {
    const dir = projectWith(['serverless.js']);
    const run = await cli(['serverless.js', '--format', 'json'], dir);
    expect(run.code).toBeGreaterThan(0);
    expect(ran(dir)).toBe(false);
  });
});

describe('${file()} of code', () => {
  const names = ['x.js', 'x.ts', 'x.mjs', 'x.cjs', 'x.mts', 'x.cts', 'x.jsx', 'x.tsx'];

  it('every code extension is unknown, unread and unrun; the rest of the service is linted', async () => {
    const refs = names.map((name, i) => `  v${i}: \${file(./${name})}\n  w${i}: \${file(./${name}):value}\n  x${i}: \${file(./${name}):fn, 'fallback'}`).join('\n');
    const dir = projectWith(names, { 'serverless.yml': `${SERVICE}custom:\n${refs}\n` });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    const custom = result.service!.config.custom as Record<string, unknown>;
    for (const [key, value] of Object.entries(custom)) expect(value, key).not.toBe('from-code');
    expect([...result.sources.keys()].filter((f) => !f.endsWith('serverless.yml'))).toEqual([]);
    const lint = await fullLint(join(dir, 'serverless.yml'));
    expect(lint.internalError).toBe(false);
    expect(ran(dir)).toBe(false);
  });

  it('a .json or .yml include holding JavaScript is a parse error, never code', () => {
    const dir = projectWith([], { 'serverless.yml': `${SERVICE}custom:\n  a: \${file(./data.json)}\n  b: \${file(./data.yml)}\n` });
    writeFiles(dir, { 'data.json': program(dir, 'data.json'), 'data.yml': program(dir, 'data.yml') });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    expect(result.diagnostics.some((d) => d.code === 'include-error')).toBe(true);
    expect(ran(dir)).toBe(false);
  });

  it('code named through a variable or inside an include is not run either', () => {
    const dir = projectWith(['lib/x.js'], {
      'serverless.yml': `${SERVICE}custom:\n  ext: js\n  a: \${file(./lib/x.\${self:custom.ext})}\n  b: \${file(./inc.yml):v}\n`,
      'inc.yml': 'v: ${file(./lib/x.js):value}\n',
    });
    pipeline(join(dir, 'serverless.yml'));
    expect(ran(dir)).toBe(false);
  });
});

describe('plugins and config files', () => {
  it('plugins listed by the service are never loaded', async () => {
    const dir = projectWith(['local-plugin.js', 'node_modules/serverless-iam-roles-per-function/index.js', 'node_modules/serverless-evil/index.js'], {
      'serverless.yml': `${SERVICE}plugins:\n  - ./local-plugin\n  - serverless-iam-roles-per-function\n  - serverless-evil\n`,
      'node_modules/serverless-evil/package.json': '{"name":"serverless-evil","main":"index.js"}',
      'node_modules/serverless-iam-roles-per-function/package.json': '{"name":"serverless-iam-roles-per-function","main":"index.js"}',
    });
    const lint = await fullLint(join(dir, 'serverless.yml'));
    expect(lint.internalError).toBe(false);
    const run = await cli(['serverless.yml', '--format', 'json'], dir);
    expect(run.code).toBeLessThan(2);
    expect(ran(dir)).toBe(false);
  });

  it('JavaScript and TypeScript config files are never run (searched for, or named with --config)', async () => {
    const configs = ['.iamlintrc.js', '.iamlintrc.cjs', '.iamlintrc.mjs', '.iamlintrc.ts', 'iamlint.config.js', 'iamlint.config.mjs', '.config/iamlintrc.js', '.config/config.js', '.config/config.ts'];
    const dir = projectWith(configs, { 'serverless.yml': SERVICE });
    const searched = await cli(['serverless.yml', '--format', 'json'], dir);
    expect(searched.code).toBeLessThan(2);
    for (const name of configs) {
      const named = await cli(['serverless.yml', '--config', name], dir);
      expect(named.code, name).toBe(2);
      expect(named.stderr, name).toMatch(/not supported|iamlint/);
    }
    const roles = await cli(['roles', 'serverless.yml', '--format', 'json'], dir);
    expect(roles.code).toBe(0);
    expect(ran(dir)).toBe(false);
  });

  it('writes only the files named by -o and --sarif-file, whole, with no temp file left', async () => {
    const dir = projectWith([], { 'serverless.yml': SERVICE });
    const before = readdirSync(dir).sort();
    const run = await cli(['serverless.yml', '--format', 'json', '-o', 'out.json', '--sarif-file', 'out.sarif'], dir);
    expect(run.code).toBeLessThan(2);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual([...before, 'out.json', 'out.sarif'].sort());
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).results).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('writes nothing into the project it lints', async () => {
    const dir = projectWith(['serverless.js'], { 'serverless.yml': `${SERVICE}custom:\n  a: \${file(./serverless.js)}\n` });
    const before = readdirSync(dir, { recursive: true }).map(String).sort();
    for (const format of ['json', 'sarif', 'text', 'markdown', 'github']) await cli(['serverless.yml', '--format', format], dir);
    await cli(['roles', 'serverless.yml'], dir);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
  });
});
