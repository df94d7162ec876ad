/** The CLI in-process (`main(argv, io)`): quicker than spawning, same code as bin/iamlint.cjs. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { makeTree } from '../config/fixtures.js';
import { ADMIN, BROKEN, CLEAN, LEGACY } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
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

describe('arguments', () => {
  it('parses the lint and roles commands', () => {
    expect(parseCliArgs(['a', 'b', '--rule', 'x:warn', '--rule', 'y:off', '-f', 'json', '--max-warnings', '3', '-q'])).toMatchObject({
      command: 'lint',
      paths: ['a', 'b'],
      rules: ['x:warn', 'y:off'],
      format: 'json',
      maxWarnings: 3,
      quiet: true,
    });
    expect(parseCliArgs(['roles', '--function', 'a', '--function', 'b*', '--format', 'cloudformation'])).toMatchObject({
      command: 'roles',
      functions: ['a', 'b*'],
      format: 'cloudformation',
    });
    expect(parseCliArgs([])).toMatchObject({ command: 'lint', paths: [], format: 'text', maxWarnings: -1, quiet: false });
  });

  it.each([
    [['--max-warnings=-1'], 'iamlint: --max-warnings: expected a whole number, got "-1"'],
    [['--max-warnings', '-1'], 'iamlint: option --max-warnings needs a value (write --max-warnings=VALUE for a value starting with "-") (see "iamlint --help")'],
    [['--max-warnings', 'x'], 'iamlint: --max-warnings: expected a whole number, got "x"'],
    [['--format'], 'iamlint: option --format needs a value (see "iamlint --help")'],
    [['--quiet=yes'], 'iamlint: option --quiet does not take a value (see "iamlint --help")'],
    [['roles', '--preset', 'strict'], 'iamlint: unknown option --preset (see "iamlint --help")'],
    [['--preset', 'strcit'], 'iamlint: --preset: unknown preset "strcit" (did you mean "strict"?); expected one of: recommended, strict'],
    [['--rule', 'no-admin-policy:error'], 'iamlint: --rule "no-admin-policy:error": unknown rule "no-admin-policy" (did you mean "no-admin-policies"?)'],
    [['--config', 'missing.json'], 'iamlint: cannot read config file missing.json'],
    [['a', '--output', ''], 'iamlint: --output needs a value (see "iamlint --help")'],
  ])('%j → exit 2: %s', async (argv, message) => {
    const r = await cli(argv, makeTree({ 'serverless.yml': CLEAN }));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('an unknown --format lists the formats of the command', async () => {
    const dir = makeTree({ 'serverless.yml': CLEAN });
    const lint = await cli(['--format', 'xml'], dir);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/^iamlint: --format: expected one of text, json, sarif\b.*, got "xml"\n$/);
    const roles = await cli(['roles', '--format', 'sarif'], dir);
    expect(roles.code).toBe(2);
    expect(roles.stderr).toMatch(/^iamlint: --format: expected one of text, json, cloudformation\b.*, got "sarif"\n$/);
  });

  it('--help and --version', async () => {
    const help = await cli(['--help'], ROOT);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: iamlint \[paths\.\.\.\]/);
    expect((await cli(['roles', '-h'], ROOT)).stdout).toMatch(/^Usage: iamlint roles/);
    const version = await cli(['--version'], ROOT);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.code).toBe(0);
    expect(version.stdout.split('\n')[0]).toBe(`iamlint ${pkg.version}`);
    expect(version.stdout).toMatch(/\nIAM catalog: @cloud-copilot\/iam-data \S+ \(data of \d{4}-\d\d-\d\d\)\n$/);
  });
});

describe('lint', () => {
  it('--print-config FILE prints the resolved config as JSON', async () => {
    const dir = makeTree({
      '.iamlintrc.yaml': 'rules:\n  no-admin-policies: [warn, { allow: [ReadOnlyAccess] }]\noverrides:\n  - functions: [admin*]\n    rules: { no-admin-policies: off }\nsettings: { stage: prod }\n',
      'serverless.yml': CLEAN,
    });
    const r = await cli(['--print-config', 'serverless.yml', '--region', 'eu-west-1'], dir);
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(config).toMatchObject({
      filePath: join(dir, 'serverless.yml'),
      configFile: join(dir, '.iamlintrc.yaml'),
      layers: ['iamlint:recommended', join(dir, '.iamlintrc.yaml')],
      ignored: false,
      settings: { stage: 'prod', region: 'eu-west-1' },
      functionOverrides: [{ functions: ['admin*'], rules: { 'no-admin-policies': { severity: 'off' } } }],
    });
    expect((config.rules as Record<string, unknown>)['no-admin-policies']).toEqual({ severity: 'warn', options: { allow: ['ReadOnlyAccess'] } });
  });

  it('--quiet reports errors only (warnings still count for --max-warnings)', async () => {
    const dir = makeTree({ 'a/serverless.yml': ADMIN, 'b/serverless.yml': LEGACY });
    const r = await cli(['a', 'b', '--quiet'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[no-admin-policies]');
    expect(r.stdout).not.toContain('[no-legacy-syntax]');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect((await cli(['b', '--quiet'], dir)).stdout).toBe('');
    expect((await cli(['b', '--quiet', '--max-warnings', '0'], dir)).code).toBe(1);
  });

  it('per-function overrides reach the engine', async () => {
    const dir = makeTree({
      'serverless.yml': ADMIN,
      '.iamlintrc.json': { overrides: [{ functions: ['api'], rules: { 'no-admin-policies': 'warn' } }] },
    });
    const r = JSON.parse((await cli(['--format', 'json'], dir)).stdout) as { results: Array<{ findings: Array<{ severity: string; functions: string[] }> }> };
    // worker stays at error: the finding keeps the most severe.
    expect(r.results[0]!.findings.map((f) => [f.severity, f.functions])).toEqual([['error', ['api', 'worker']]]);
    const dir2 = makeTree({
      'serverless.yml': ADMIN,
      '.iamlintrc.json': { overrides: [{ functions: ['w*'], rules: { 'no-admin-policies': 'off' } }] },
    });
    const r2 = JSON.parse((await cli(['--format', 'json'], dir2)).stdout) as typeof r;
    expect(r2.results[0]!.findings.map((f) => [f.severity, f.functions])).toEqual([['error', ['api']]]);
  });

  it('ignores: skipped, with a warning when the file was named explicitly', async () => {
    const dir = makeTree({ '.iamlintrc.json': { ignores: ['old/**'] }, 'old/serverless.yml': ADMIN, 'new/serverless.yml': CLEAN });
    expect(await cli(['.'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const named = await cli(['old/serverless.yml'], dir);
    expect(named).toEqual({ code: 0, stdout: '', stderr: 'iamlint: warning: old/serverless.yml is ignored by "ignores" in .iamlintrc.json\n' });
  });

  it('settings reach variable resolution (stage from the config, --stage wins)', async () => {
    const svc = CLEAN.replace('service: clean', 'service: clean\ncustom:\n  names:\n    prod: AdministratorAccess\n    dev: ReadOnlyAccess').replace(
      '  iam:\n    role:\n',
      '  iam:\n    role:\n      managedPolicies:\n        - arn:aws:iam::aws:policy/${self:custom.names.${sls:stage}}\n',
    );
    const dir = makeTree({ 'serverless.yml': svc, '.iamlintrc.json': { settings: { stage: 'prod' } } });
    expect((await cli([], dir)).code).toBe(1);
    expect((await cli(['--stage', 'dev'], dir)).code).toBe(0);
  });

  it('--format sarif hands the results and the enabled rules to the SARIF reporter', async () => {
    const dir = makeTree({ 'serverless.yml': ADMIN });
    const r = await cli(['--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }>; tool: { driver: { rules: Array<{ id: string }> } } }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((x) => x.ruleId)).toEqual(['no-admin-policies']);
    expect(log.runs[0]!.tool.driver.rules.map((x) => x.id)).toContain('no-admin-policies');
  });

  it('-o into a missing folder is a usage error; nothing is written', async () => {
    const dir = makeTree({ 'serverless.yml': CLEAN });
    const r = await cli(['-o', 'nope/report.txt'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'iamlint: cannot write nope/report.txt: its folder does not exist\n' });
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });

  it('-o replaces an existing file', async () => {
    const dir = makeTree({ 'serverless.yml': ADMIN, 'out.txt': 'old' });
    expect((await cli(['-o', 'out.txt'], dir)).code).toBe(1);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toMatch(/^serverless\.yml:8:11: error /);
  });
});

describe('roles', () => {
  const dir = makeTree({ 'admin/serverless.yml': ADMIN, 'broken/serverless.yml': BROKEN });

  it('text: each function with its role, why, and where each part comes from', async () => {
    const r = await cli(['roles', 'admin'], dir);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^admin\/serverless\.yml — service admin, stage dev, region us-east-1, shared mode\n/);
    expect(out).toContain('\nfunction api (admin-dev-api)\n  role: IamRoleLambdaExecution (shared role generated by the Framework)\n  why: the shared role');
    expect(out).toContain('arn:aws:iam::aws:policy/AdministratorAccess — written at provider.iam.role.managedPolicies[0] (admin/serverless.yml:8)');
    expect(out).toContain('\nfunction worker (admin-dev-worker)\n');
    expect(out).toContain('same role as function api, see above');
    expect(out).toMatch(/granted by the Framework:\n\s+Allow logs:CreateLogStream/);
  });

  it('--function selects functions; no match is a usage error', async () => {
    const r = await cli(['roles', 'admin', '--function', 'work*'], dir);
    expect(r.stdout).not.toContain('function api');
    expect(r.stdout).toContain('function worker');
    expect(await cli(['roles', 'admin', '--function', 'nope'], dir)).toMatchObject({ code: 2, stderr: 'iamlint: --function: no function matches nope\n' });
  });

  it('json: the model with every path located', async () => {
    const r = await cli(['roles', 'admin', 'broken', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { services: Array<Record<string, any>> };
    const [svc, broken] = doc.services;
    expect(svc).toMatchObject({ filePath: join(dir, 'admin/serverless.yml'), service: 'admin', stage: 'dev', mode: 'shared', failure: null });
    expect(svc!.functions[0]).toMatchObject({
      key: 'api',
      roleLogicalId: 'IamRoleLambdaExecution',
      path: { path: 'functions.api', at: 'admin/serverless.yml:10:3', line: 10, column: 3 },
    });
    const policy = svc!.roles[0].managedPolicies[0];
    expect(policy).toMatchObject({
      arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      provenance: { kind: 'provider', path: { path: 'provider.iam.role.managedPolicies[0]', at: 'admin/serverless.yml:8:11' } },
    });
    expect(broken).toEqual({ filePath: join(dir, 'broken/serverless.yml'), error: { message: expect.stringMatching(/\[parse-error\]$/) } });
  });
});
