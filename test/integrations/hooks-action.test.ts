/**
 * The integration files, checked without installing anything: `.pre-commit-hooks.yaml` against
 * pre-commit's documented manifest fields, `action.yml` against GitHub's composite-action shape
 * and against its documentation in docs/integrations.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/shared.js';

const read = (p: string) => readFileSync(join(PROJECT_ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string>; scripts: Record<string, string>; files: string[]; engines: { node: string } };
const docs = read('docs/integrations.md');

type Obj = Record<string, unknown>;

/** pre-commit's hook manifest (https://pre-commit.com/#creating-new-hooks): field → type. */
const HOOK_FIELDS: Record<string, 'string' | 'boolean' | 'string[]'> = {
  id: 'string',
  name: 'string',
  entry: 'string',
  language: 'string',
  files: 'string',
  exclude: 'string',
  types: 'string[]',
  types_or: 'string[]',
  exclude_types: 'string[]',
  always_run: 'boolean',
  fail_fast: 'boolean',
  verbose: 'boolean',
  pass_filenames: 'boolean',
  require_serial: 'boolean',
  description: 'string',
  language_version: 'string',
  minimum_pre_commit_version: 'string',
  args: 'string[]',
  stages: 'string[]',
};
const REQUIRED_HOOK_FIELDS = ['id', 'name', 'entry', 'language'];
const LANGUAGES = ['conda', 'coursier', 'dart', 'docker', 'docker_image', 'dotnet', 'fail', 'golang', 'haskell', 'julia', 'lua', 'node', 'perl', 'pygrep', 'python', 'r', 'ruby', 'rust', 'script', 'swift', 'system'];

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? 'string[]' : 'array';
  return typeof v;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as Obj[];
  const byId = Object.fromEntries(hooks.map((h) => [h.id as string, h]));

  it('is a list of hooks with only documented fields, of the documented types', () => {
    expect(Array.isArray(hooks)).toBe(true);
    expect(Object.keys(byId).sort()).toEqual(['iamlint', 'iamlint-all']);
    for (const hook of hooks) {
      for (const f of REQUIRED_HOOK_FIELDS) expect(hook[f], `${String(hook.id)}.${f}`).toBeTruthy();
      for (const [k, v] of Object.entries(hook)) {
        expect(Object.keys(HOOK_FIELDS), `${String(hook.id)}: unknown field ${k}`).toContain(k);
        expect(typeOf(v), `${String(hook.id)}.${k}`).toBe(HOOK_FIELDS[k]);
      }
      expect(LANGUAGES).toContain(hook.language);
      if (hook.files !== undefined) expect(() => new RegExp(hook.files as string)).not.toThrow();
      for (const t of (hook.types as string[] | undefined) ?? []) expect(t).toMatch(/^[a-z0-9_+-]+$/);
    }
  });

  it('language node, entry is the package bin (built by `prepare` on install)', () => {
    for (const hook of hooks) {
      expect(hook.language).toBe('node');
      expect(Object.keys(pkg.bin)).toContain(hook.entry);
    }
    expect(pkg.scripts.prepare).toMatch(/build/);
    expect(pkg.files).toContain('dist');
  });

  it('iamlint: the service files being committed', () => {
    const hook = byId.iamlint!;
    expect(hook.pass_filenames ?? true).toBe(true);
    const re = new RegExp(hook.files as string);
    for (const f of ['serverless.yml', 'serverless.yaml', 'serverless.json', 'services/api/serverless.yml', 'a/b/serverless.json']) expect(re.test(f), f).toBe(true);
    for (const f of ['my-serverless.yml', 'serverless.yml.bak', 'serverless.ts', 'serverless.js', 'services/api/config.yml', 'xserverless.yaml']) expect(re.test(f), f).toBe(false);
  });

  it('iamlint-all: the whole repository, rerun when any YAML/JSON file changes', () => {
    const hook = byId['iamlint-all']!;
    expect(hook.pass_filenames).toBe(false);
    expect(hook.args).toEqual(['.']);
    const re = new RegExp(hook.files as string);
    for (const f of ['serverless.yml', 'config/vars.yaml', 'env/prod.json', 'x.yml']) expect(re.test(f), f).toBe(true);
    for (const f of ['handler.js', 'README.md', 'x.yml.orig']) expect(re.test(f), f).toBe(false);
  });

  it('docs/integrations.md shows both hooks', () => {
    expect(docs).toMatch(/- id: iamlint\n/);
    expect(docs).toContain('`iamlint-all`');
    expect(docs).toContain('.pre-commit-config.yaml');
  });
});

describe('action.yml', () => {
  const action = parse(read('action.yml')) as Obj & {
    inputs: Record<string, { description: string; required?: boolean; default?: string }>;
    outputs: Record<string, { description: string; value: string }>;
    runs: { using: string; steps: Array<Obj & { run?: string; uses?: string; shell?: string; if?: string; with?: Obj; env?: Obj; id?: string; 'working-directory'?: string }> };
  };
  const steps = action.runs.steps;
  const text = read('action.yml');

  it('is a composite action with the documented inputs', () => {
    expect(action.name).toBe('iamlint');
    expect(typeof action.description).toBe('string');
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'config', 'paths', 'preset', 'sarif-file', 'upload']);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(typeof input.default, `${name}.default`).toBe('string');
    }
    for (const step of steps) if (step.run !== undefined) expect(step.shell, String(step.name)).toBe('bash');
  });

  it('refers only to inputs it declares, and never pastes an input into a script', () => {
    const used = [...text.matchAll(/inputs\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    for (const name of used) expect(Object.keys(action.inputs)).toContain(name);
    for (const step of steps) if (step.run) expect(step.run, String(step.name)).not.toMatch(/\$\{\{/);
  });

  it('runs npm ci in the action folder, then the built CLI with --sarif-file', () => {
    const install = steps.find((s) => s.run?.includes('npm ci'))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    const lint = steps.find((s) => s.id === 'lint')!;
    expect(String(lint.env!.IAMLINT_BIN)).toBe(`\${{ github.action_path }}/${pkg.bin.iamlint}`);
    expect(lint.run).toContain('--sarif-file');
    expect(steps.indexOf(install)).toBeLessThan(steps.indexOf(lint));
  });

  it('uploads with upload-sarif, category iamlint, only when upload is true, before failing the job', () => {
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toMatchObject({ category: 'iamlint' });
    expect(upload.if).toContain("inputs.upload == 'true'");
    const exit = steps.at(-1)!;
    expect(exit.run).toMatch(/exit /);
    expect(steps.indexOf(upload)).toBeLessThan(steps.indexOf(exit));
  });

  it('docs/integrations.md documents every input and output with its default', () => {
    const section = (title: string) => {
      const start = docs.indexOf(`### ${title}\n`);
      expect(start, title).toBeGreaterThan(0);
      const rest = docs.slice(start + title.length + 5);
      return rest.slice(0, rest.search(/\n#{2,3} /) >>> 0);
    };
    const rows = (md: string) =>
      [...md.matchAll(/^\| `([a-z-]+)` \| ([^|]*) \|/gm)].map((m) => ({ name: m[1]!, second: m[2]!.trim() }));
    const inputs = rows(section('Inputs'));
    expect(inputs.map((r) => r.name).sort()).toEqual(Object.keys(action.inputs).sort());
    for (const r of inputs) {
      const def = action.inputs[r.name]!.default ?? '';
      expect(r.second, `default of ${r.name}`).toBe(def === '' ? '(empty)' : `\`${def}\``);
    }
    const outputs = rows(section('Outputs'));
    expect(outputs.map((r) => r.name).sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('docs/integrations.md has the workflows, strict CI and the exit codes', () => {
    expect(docs).toContain('uses: iamlint/iamlint@v0');
    expect(docs).toMatch(/npx iamlint \. --format github --sarif-file iamlint\.sarif/);
    expect(docs).toContain('github/codeql-action/upload-sarif@');
    expect(docs).toContain('--preset strict');
    for (const code of ['`0`', '`1`', '`2`']) expect(docs).toContain(`| ${code} |`);
  });
});
