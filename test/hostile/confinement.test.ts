/** `${file()}` never reads outside the project: `..`, absolute paths, symlinks; nor devices or pipes. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fullLint, pipeline, tempProject, writeFiles } from './helpers.js';

const SECRET = 'hunter2-never-shown';
const HEAD = 'service: conf\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\n';

/** A project, and a folder beside it holding a secret. */
function projectAndOutside() {
  const outside = tempProject({ 'secret.yml': `password: ${SECRET}\n`, 'secret.json': `{"password": "${SECRET}"}` });
  const project = tempProject();
  return { project, outside };
}

function expectRefused(result: ReturnType<typeof pipeline>, count: number) {
  expect(result.model).toBeDefined();
  expect(JSON.stringify(result.service?.config)).not.toContain(SECRET);
  expect([...result.sources.values()].map((s) => s.text).join('')).not.toContain(SECRET);
  const refused = result.diagnostics.filter((d) => d.code === 'file-outside-project');
  expect(refused).toHaveLength(count);
  for (const d of refused) {
    expect(d.severity).toBe('error');
    expect(d.message).toMatch(/is outside the project root .*; not read/);
    expect(d.span?.file).toMatch(/serverless\.yml$/);
  }
}

describe('file() confinement', () => {
  it('../../etc/passwd, /etc/passwd, /proc/self/environ and a path to the outside folder are all refused', () => {
    const { project, outside } = projectAndOutside();
    const rel = `../${outside.split('/').at(-1)}/secret.yml`;
    writeFiles(project, {
      'serverless.yml': `${HEAD}custom:\n  a: \${file(../../etc/passwd)}\n  b: \${file(/etc/passwd)}\n  c: \${file(/proc/self/environ)}\n  d: \${file(${rel}):password}\n  e: \${file(${join(outside, 'secret.json')}):password}\n  f: \${file(./sub/../../${outside.split('/').at(-1)}/secret.yml)}\n`,
    });
    expectRefused(pipeline(join(project, 'serverless.yml')), 6);
  });

  it('symlinks leaving the project: to a file, to a folder, and a chain of links', () => {
    const { project, outside } = projectAndOutside();
    mkdirSync(join(project, 'links'));
    symlinkSync(join(outside, 'secret.yml'), join(project, 'links', 'file.yml'));
    symlinkSync(outside, join(project, 'links', 'dir'));
    symlinkSync(join(project, 'links', 'file.yml'), join(project, 'links', 'chain.yml'));
    symlinkSync('/etc/passwd', join(project, 'links', 'passwd.yml'));
    writeFiles(project, {
      'serverless.yml': `${HEAD}custom:\n  a: \${file(./links/file.yml)}\n  b: \${file(./links/dir/secret.yml)}\n  c: \${file(./links/chain.yml)}\n  d: \${file(./links/passwd.yml)}\n  e: \${file(./links/dir/missing.yml)}\n`,
    });
    expectRefused(pipeline(join(project, 'serverless.yml')), 5);
  });

  it('a symlink loop is an error at the variable, not a hang', () => {
    const project = tempProject({ 'serverless.yml': `${HEAD}custom:\n  a: \${file(./loop.yml)}\n` });
    symlinkSync(join(project, 'loop.yml'), join(project, 'loop.yml'));
    const result = pipeline(join(project, 'serverless.yml'));
    expect(result.model).toBeDefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['include-error']);
  });

  it('links and paths that stay inside the project are read', () => {
    const project = tempProject({ 'config/values.yml': 'table: orders\n' });
    symlinkSync(join(project, 'config', 'values.yml'), join(project, 'alias.yml'));
    writeFiles(project, { 'serverless.yml': `${HEAD}custom:\n  a: \${file(./alias.yml):table}\n  b: \${file(./config/../config/values.yml):table}\n  c: \${file(${join(project, 'config', 'values.yml')}):table}\n` });
    const result = pipeline(join(project, 'serverless.yml'));
    expect(result.diagnostics).toEqual([]);
    expect(result.service?.config.custom).toEqual(Object.assign(Object.create(null), { a: 'orders', b: 'orders', c: 'orders' }));
  });

  it('a named pipe or a device is never opened (it would block)', () => {
    const project = tempProject({ 'serverless.yml': `${HEAD}custom:\n  a: \${file(./pipe.yml)}\n  b: \${file(./zero.yml)}\n` });
    const made = spawnSync('mkfifo', [join(project, 'pipe.yml')]);
    if (made.status !== 0) return; // no mkfifo here: nothing to test
    symlinkSync('/dev/zero', join(project, 'zero.yml'));
    const result = pipeline(join(project, 'serverless.yml'));
    expect(result.model).toBeDefined();
    const codes = result.diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['file-outside-project', 'include-error']);
    expect(result.diagnostics.find((d) => d.code === 'include-error')!.message).toMatch(/not a file/);
  });

  it('the CLI confines to the repository holding the service, and never prints what it refused', async () => {
    const { project, outside } = projectAndOutside();
    writeFiles(project, {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'shared/common.yml': 'table: shared-orders\n',
      'services/api/serverless.yml': `${HEAD}custom:\n  ok: \${file(../../shared/common.yml):table}\n  no: \${file(../../../${outside.split('/').at(-1)}/secret.yml):password}\n  pw: \${file(/etc/passwd)}\n`,
    });
    for (const format of ['json', 'sarif', 'text', 'markdown', 'github']) {
      const run = await cli(['services/api/serverless.yml', '--format', format], project);
      expect(run.code).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(run.stdout + run.stderr).not.toContain('root:x:0:0');
      expect(run.stdout).toContain('outside the project root');
    }
    const lint = await fullLint(join(project, 'services/api/serverless.yml'), { projectRoot: project });
    expect(lint.internalError).toBe(false);
    expect(lint.model?.config.custom).toMatchObject({ ok: 'shared-orders' });
  });

  it('discovery never follows a link out of the folder it searches', async () => {
    const { project, outside } = projectAndOutside();
    writeFiles(outside, { 'svc/serverless.yml': `${HEAD}custom:\n  pw: ${SECRET}\n` });
    symlinkSync(join(outside, 'svc'), join(project, 'linked-service'));
    const run = await cli(['.', '--format', 'json'], project);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No service file/);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });
});

describe('config extends confinement', () => {
  /** A repository (it has .git) and, beside it, a file whose parse error would quote the secret. */
  function repoAndOutside() {
    const outside = tempProject({ 'base.json': `${SECRET} is not JSON`, 'org.json': '{"extends": "./org-base.json"}', 'org-base.json': '{"rules": {}}' });
    const repo = tempProject({ 'serverless.yml': HEAD });
    mkdirSync(join(repo, '.git'));
    return { repo, outside };
  }

  it.each([
    ['a relative path', (outside: string) => `../${outside.split('/').at(-1)}/base.json`],
    ['an absolute path', (outside: string) => join(outside, 'base.json')],
    ['a link inside the repository', () => './link.json'],
  ])('refuses %s leading outside the repository, without reading it (exit 2)', async (_name, ref) => {
    const { repo, outside } = repoAndOutside();
    symlinkSync(join(outside, 'base.json'), join(repo, 'link.json'));
    writeFiles(repo, { '.iamlintrc.json': JSON.stringify({ extends: ref(outside) }) });
    const run = await cli([], repo);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^iamlint: \.iamlintrc\.json: extends: ".*" is outside the project \(.*\); a config may only extend files of its own repository/);
    expect(run.stderr + run.stdout).not.toContain('hunter2');
  });

  it('a monorepo service may extend a shared config elsewhere in its repository', async () => {
    const { repo } = repoAndOutside();
    writeFiles(repo, {
      'shared/base.json': JSON.stringify({ rules: { 'no-shared-role': 'error' } }),
      'services/a/serverless.yml': HEAD,
      'services/a/.iamlintrc.json': JSON.stringify({ extends: '../../shared/base.json' }),
    });
    const run = await cli(['--print-config', 'serverless.yml'], join(repo, 'services/a'));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rules['no-shared-role']).toEqual({ severity: 'error' });
  });

  it('a config given with --config may extend files beside it, outside the repository', async () => {
    const { repo, outside } = repoAndOutside();
    const run = await cli(['--config', join(outside, 'org.json'), '--format', 'json'], repo);
    expect(run.stderr).toBe('');
    expect(run.code).not.toBe(2);
  });
});
