/**
 * End to end: the built CLI as users run it (`node bin/iamlint.cjs`: the bundle and code cache `npm run build`
 * makes), spawned. Built once here.
 * In-process tests of the same code are in main.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintFile } from '../../src/engine/lint.js';
import { toCloudFormation } from '../../src/synthesize/index.js';
import { makeTree } from '../config/fixtures.js';
import { ADMIN, BROKEN, CLEAN, LEGACY, NOT_A_SERVICE } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/iamlint.cjs');
const BUNDLE = join(ROOT, 'dist/iamlint.cjs');

beforeAll(() => {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // tsc emits even with type errors elsewhere in the tree; only a missing bin is fatal here.
  if (tsc.status !== 0) console.warn(`[cli tests] tsc reported problems:\n${tsc.stdout}${tsc.stderr}`);
  const bundle = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (bundle.status !== 0 || !existsSync(BUNDLE)) throw new Error(`build failed: ${BUNDLE} missing\n${bundle.stdout}${bundle.stderr}`);
});

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const results = JSON.parse(readFileSync(join(ROOT, 'schema/iamlint-results.schema.json'), 'utf8')) as object;
const validateResults = new Ajv({ allErrors: true, strict: true }).compile(results);

describe('the built command', () => {
  it('starts from the code cache the build made: V8 accepts it for this bundle', () => {
    const check = `
      const { readFileSync } = require('node:fs');
      const { wrap } = require('node:module');
      const { Script } = require('node:vm');
      const script = new Script(wrap(readFileSync(${JSON.stringify(BUNDLE)}, 'utf8')), {
        filename: ${JSON.stringify(BUNDLE)},
        cachedData: readFileSync(${JSON.stringify(`${BUNDLE}.cache`)}),
      });
      process.stdout.write(String(script.cachedDataRejected));`;
    const r = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('false');
  });

  it('a reader that stops early (`iamlint | head`): no EPIPE crash, the exit code is still the lint result', async () => {
    const dir = makeTree({ 'serverless.yml': ADMIN, 'big/serverless.yml': ADMIN });
    const child = spawn(process.execPath, [BIN, '.', '--format', 'sarif'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the pipe is closed before iamlint writes its report
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('says how to build when the bundle is missing, exit 2', () => {
    const dir = makeTree({ 'bin/iamlint.cjs': readFileSync(BIN, 'utf8') });
    const r = spawnSync(process.execPath, [join(dir, 'bin/iamlint.cjs'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^iamlint: cannot start \(.*iamlint\.cjs.*\); is the package built\? \(npm run build\)\n$/);
  });
});

describe('iamlint (spawned)', () => {
  const dir = makeTree({
    'clean/serverless.yml': CLEAN,
    'admin/serverless.yml': ADMIN,
    'legacy/serverless.yml': LEGACY,
    'broken/serverless.yml': BROKEN,
    'other/serverless.yml': NOT_A_SERVICE,
  });

  it('exit 0 and no output for a clean service (the current folder by default)', () => {
    const r = run([], join(dir, 'clean'));
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exit 1 with file:line:col, the source line and a caret under the span', () => {
    const r = run(['admin'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^admin\/serverless\.yml:8:11: error .*AdministratorAccess.* \[no-admin-policies\]$/);
    expect(lines[2]).toBe('8 |         - arn:aws:iam::aws:policy/AdministratorAccess');
    expect(lines[3]).toBe(`  | ${' '.repeat(10)}^${'~'.repeat(42)}`);
    expect(lines[4]).toBe('  = functions: api, worker');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stderr).toBe('');
  });

  it('--format json follows the contract: parse-error, not-serverless-config (info), warnings and errors', () => {
    const r = run(['admin', 'legacy', 'broken', 'other', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      results: Array<{ filePath: string; findings: Array<{ ruleId: string; severity: string; line: number; column: number }> }>;
      errorCount: number;
      warningCount: number;
    };
    expect(validateResults(report), JSON.stringify(validateResults.errors)).toBe(true);
    const byDir = Object.fromEntries(report.results.map((x) => [x.filePath.split('/').at(-2), x.findings.map((f) => `${f.ruleId}:${f.severity}`)]));
    expect(byDir).toEqual({
      admin: ['no-admin-policies:error'],
      legacy: ['no-legacy-syntax:warning'],
      broken: ['parse-error:error'],
      other: ['not-serverless-config:info'],
    });
    expect([report.errorCount, report.warningCount]).toEqual([2, 1]);
    expect(report.results[0]!.filePath).toBe(join(dir, 'admin/serverless.yml'));
  });

  it('a file that is not a service never fails the run', () => {
    expect(run(['other'], dir).code).toBe(0);
  });

  it('inline suppressions: a used directive hides the finding, an unused one is reported (an error in strict)', () => {
    const suppressed = ADMIN.replace(
      '        - arn:aws:iam::aws:policy/AdministratorAccess',
      '        # iamlint-disable-next-line no-admin-policies -- break-glass role, reviewed\n        - arn:aws:iam::aws:policy/AdministratorAccess',
    );
    const unused = CLEAN.replace('functions:', '# iamlint-disable-next-line no-admin-policies -- nothing here\nfunctions:');
    const tree = makeTree({ 'used/serverless.yml': suppressed, 'unused/serverless.yml': unused });
    expect(run(['used'], tree)).toMatchObject({ code: 0, stdout: '' });
    const rec = run(['unused', '--format', 'json'], tree);
    expect(rec.code).toBe(0);
    const recFindings = (JSON.parse(rec.stdout) as { results: Array<{ findings: Array<{ ruleId: string; severity: string }> }> }).results.flatMap((x) => x.findings);
    expect(recFindings).toEqual([expect.objectContaining({ ruleId: 'unused-disable-directive', severity: 'warning' })]);
    const strict = run(['unused', '--preset', 'strict', '--format', 'json', '--rule', 'require-permissions-boundary:off'], tree);
    expect(strict.code).toBe(1);
    const strictIds = (JSON.parse(strict.stdout) as { results: Array<{ findings: Array<{ ruleId: string; severity: string }> }> }).results.flatMap((x) =>
      x.findings.filter((f) => f.ruleId === 'unused-disable-directive').map((f) => f.severity),
    );
    expect(strictIds).toEqual(['error']);
  });

  it('--max-warnings', () => {
    const over = run(['legacy', '--max-warnings', '0'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('iamlint: too many warnings (1; --max-warnings is 0)\n');
    expect(run(['legacy', '--max-warnings', '1'], dir).code).toBe(0);
  });

  it('--rule id:severity', () => {
    expect(run(['admin', '--rule', 'no-admin-policies:off'], dir)).toMatchObject({ code: 0, stdout: '' });
    const warn = run(['admin', '--rule', 'no-admin-policies:warn', '--format', 'json'], dir);
    expect(warn.code).toBe(0);
    expect(JSON.parse(warn.stdout)).toMatchObject({ errorCount: 0, warningCount: 1 });
  });

  it('--preset strict turns on rules recommended leaves off', () => {
    const r = run(['clean', '--preset', 'strict', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const ids = (JSON.parse(r.stdout) as { results: Array<{ findings: Array<{ ruleId: string }> }> }).results.flatMap((x) =>
      x.findings.map((f) => f.ruleId),
    );
    expect(ids).toContain('require-permissions-boundary');
  });

  it('config errors: one line with the key path, exit 2, no stack trace', () => {
    const bad = makeTree({
      'serverless.yml': CLEAN,
      '.iamlintrc.json': { rules: { 'no-admin-policies': ['error', { polices: [] }] } },
    });
    const r = run([], bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('iamlint: .iamlintrc.json: rules["no-admin-policies"][1].polices: unknown key (did you mean "policies"?)\n');
  });

  it('usage errors: one line, exit 2 (more cases in main.test.ts)', () => {
    const unknown = run(['--fromat', 'json'], dir);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'iamlint: unknown option --fromat (see "iamlint --help")\n' });
    const missing = run(['nope.yml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^iamlint: .*nope\.yml does not exist\.\n$/);
  });

  it('-o writes the report atomically and nothing else', () => {
    const out = makeTree({ 'serverless.yml': ADMIN });
    const before = readdirSync(out).sort();
    const r = run(['-o', 'report.json', '--format', 'json'], out);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(readdirSync(out).sort()).toEqual([...before, 'report.json'].sort());
    expect(validateResults(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))).toBe(true);
  });

  it('colour when not on a terminal only with FORCE_COLOR (see report.test.ts for NO_COLOR)', () => {
    expect(run(['admin'], dir, { FORCE_COLOR: '1' }).stdout).toMatch(/\u001b\[/);
  });

  it('never executes a JavaScript config, even one cosmiconfig would look for', () => {
    const js = makeTree({ 'serverless.yml': CLEAN });
    const marker = join(js, 'MARKER');
    const evil = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { rules: { 'no-admin-policies': 'off' } };`;
    mkdirSync(join(js, '.config'));
    for (const f of ['.iamlintrc.js', '.iamlintrc.cjs', 'iamlint.config.js', '.config/config.js', '.config/iamlintrc.js']) writeFileSync(join(js, f), evil);
    expect(run([], js).code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('roles --format cloudformation prints exactly toCloudFormation(model)', async () => {
    const r = run(['roles', 'admin', '--format', 'cloudformation'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { roles: Record<string, unknown>; functions: Record<string, { roleLogicalId: string | null }> };
    expect(Object.keys(doc)).toEqual(['roles', 'functions']);
    expect(doc.functions.api!.roleLogicalId).toBe('IamRoleLambdaExecution');
    expect(Object.keys(doc.roles)).toEqual(['IamRoleLambdaExecution']);
    const { model } = await lintFile(join(dir, 'admin/serverless.yml'), { registry: {}, rules: {} });
    expect(doc).toEqual(JSON.parse(JSON.stringify(toCloudFormation(model!))));
  });

  it('roles --format cloudformation with several files: keyed by relative path; errors as {"error"}', () => {
    const r = run(['roles', 'admin', 'broken', '--format', 'cloudformation'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Record<string, { error?: { message: string } }>;
    expect(Object.keys(doc)).toEqual(['admin/serverless.yml', 'broken/serverless.yml']);
    expect(doc['broken/serverless.yml']!.error!.message).toMatch(/^broken\/serverless\.yml:5:1: .*\[parse-error\]$/);
  });
});
