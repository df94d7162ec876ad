/**
 * The CLI's CI outputs, in-process (`main(argv, io)` is all bin/iamlint.cjs runs): SARIF paths relative to
 * the repository root from any subfolder, `--sarif-file` beside the terminal output, `-o`
 * written atomically, the new formats accepted and rejected where they do not belong.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../config/fixtures.js';
import { HAS_SARIF_SCHEMA, githubErrors, validateSarifText } from '../helpers/sarif-validator.js';
import { runCli } from './helpers.js';

const ADMIN = `service: admin
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      managedPolicies:
        - arn:aws:iam::aws:policy/AdministratorAccess
functions:
  api:
    handler: h.h
`;

const BROKEN = 'service: broken\nprovider:\n  name: aws\n  iam: [\n';

/** `<repo>/.git`, `<repo>/services/api/serverless.yml` and a broken service. */
function repo(gitEntry: 'dir' | 'file' | 'none' = 'dir'): string {
  const files: Record<string, string> = {
    'services/api/serverless.yml': ADMIN,
    'services/broken/serverless.yml': BROKEN,
  };
  if (gitEntry === 'file') files['.git'] = 'gitdir: /somewhere/else/.git/worktrees/x\n';
  const dir = makeTree(files);
  if (gitEntry === 'dir') mkdirSync(join(dir, '.git'));
  return dir;
}

function valid(text: string): Log {
  if (HAS_SARIF_SCHEMA) expect(validateSarifText(text)).toEqual([]);
  else expect(githubErrors(JSON.parse(text) as Record<string, unknown>, text)).toEqual([]);
  return JSON.parse(text) as Log;
}

const uris = (log: Log) => log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation);

describe('SARIF paths from a subfolder', () => {
  it('run from <repo>/services: uri relative to the repository root, %SRCROOT% is the root', async () => {
    const dir = repo();
    const r = await runCli(['api', '--format', 'sarif'], join(dir, 'services'));
    expect(r.code).toBe(1);
    const log = valid(r.stdout);
    expect(uris(log)).toEqual([{ uri: 'services/api/serverless.yml', uriBaseId: '%SRCROOT%' }]);
    expect(log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri).toBe(`${pathToFileURL(dir).href}/`);
  });

  it('run from the service folder itself, with no path: the same uri', async () => {
    const dir = repo();
    const r = await runCli(['--format', 'sarif'], join(dir, 'services/api'));
    expect(uris(valid(r.stdout))).toEqual([{ uri: 'services/api/serverless.yml', uriBaseId: '%SRCROOT%' }]);
  });

  it('a .git file (worktree, submodule) marks the root too', async () => {
    const dir = repo('file');
    const r = await runCli(['api', '--format', 'sarif'], join(dir, 'services'));
    expect(uris(valid(r.stdout))).toEqual([{ uri: 'services/api/serverless.yml', uriBaseId: '%SRCROOT%' }]);
  });

  it('github annotations use the same repository-relative paths', async () => {
    const dir = repo();
    const r = await runCli(['api', '--format', 'github'], join(dir, 'services'));
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^::error file=services\/api\/serverless\.yml,line=8,col=11,endLine=8,endColumn=54,title=iamlint \(no-admin-policies\)::/);
  });
});

describe('one run, several outputs', () => {
  it('--sarif-file writes SARIF beside the text output; the exit code still fails the build', async () => {
    const dir = repo();
    const cwd = join(dir, 'services/api');
    const r = await runCli(['--sarif-file', '../../out/iamlint.sarif'], cwd);
    mkdirSync(join(dir, 'out'), { recursive: true });
    // The folder did not exist: a usage error (exit 2), after the text report.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \.\.\/\.\.\/out\/iamlint\.sarif: its folder does not exist/);
    const again = await runCli(['--sarif-file', '../../out/iamlint.sarif'], cwd);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^serverless\.yml:8:11: error .*\[no-admin-policies\]$/m);
    const log = valid(readFileSync(join(dir, 'out/iamlint.sarif'), 'utf8'));
    expect(uris(log)).toEqual([{ uri: 'services/api/serverless.yml', uriBaseId: '%SRCROOT%' }]);
    expect(readdirSync(join(dir, 'out'))).toEqual(['iamlint.sarif']); // no temporary file left
  });

  it('parse errors: exit 1, SARIF written with a tool notification and no result', async () => {
    const dir = repo();
    const r = await runCli(['services', '--format', 'github', '--sarif-file', 'x.sarif'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=services\/broken\/serverless\.yml,line=\d+,.*title=iamlint \(parse-error\)::/m);
    const log = valid(readFileSync(join(dir, 'x.sarif'), 'utf8'));
    expect(log.runs[0]!.results!.map((x) => x.ruleId)).toEqual(['no-admin-policies']);
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes.map((n) => [n.level, n.descriptor!.id, n.locations![0]!.physicalLocation!.artifactLocation!.uri])).toEqual([
      ['error', 'parse-error', 'services/broken/serverless.yml'],
    ]);
    expect(log.runs[0]!.invocations![0]!.executionSuccessful).toBe(true);
  });

  it('-o writes the chosen format atomically and prints nothing; with --sarif-file both files are written', async () => {
    const dir = repo();
    const r = await runCli(['services/api', '--format', 'markdown', '-o', 'report.md', '--sarif-file', 'report.sarif'], dir);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^<!-- iamlint-report -->\n### iamlint\n/);
    valid(readFileSync(join(dir, 'report.sarif'), 'utf8'));
    expect(readdirSync(dir).filter((n) => n.startsWith('.iamlint-tmp'))).toEqual([]);
  });

  it('--format sarif with --sarif-file: the same log twice', async () => {
    const dir = repo();
    const r = await runCli(['services/api', '--format', 'sarif', '--sarif-file', 'same.sarif'], dir);
    expect(readFileSync(join(dir, 'same.sarif'), 'utf8')).toBe(r.stdout);
  });

  it('a clean run writes a SARIF file with no results (so code scanning closes fixed alerts)', async () => {
    const dir = makeTree({ 'serverless.yml': 'service: ok\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\n' });
    mkdirSync(join(dir, '.git'));
    const r = await runCli(['--sarif-file', 'ok.sarif', '--format', 'github'], dir);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    const log = valid(readFileSync(join(dir, 'ok.sarif'), 'utf8'));
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules!.length).toBeGreaterThan(5);
  });

  it('markdown links to the commit inside GitHub Actions', async () => {
    const dir = repo();
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc123' };
    const r = await runCli(['api', '--format', 'markdown'], join(dir, 'services'), env);
    expect(r.stdout).toContain('[`services/api/serverless.yml:8`](https://github.com/o/r/blob/abc123/services/api/serverless.yml#L8)');
  });

  it('new formats are accepted where they belong and rejected elsewhere', async () => {
    const dir = repo();
    expect((await runCli(['services/api', '--format', 'mermaid'], dir)).stderr).toMatch(/--format: expected one of text, json, sarif, github, markdown, got "mermaid"/);
    expect((await runCli(['roles', 'services/api', '--format', 'sarif'], dir)).stderr).toMatch(/--format: expected one of .*mermaid, dot/);
    expect((await runCli(['roles', 'services/api', '--sarif-file', 'x'], dir)).code).toBe(2);
    const mmd = await runCli(['roles', 'services/api', '--format', 'mermaid'], dir);
    expect(mmd.code).toBe(0);
    expect(mmd.stdout).toMatch(/^flowchart LR\n/);
    const dot = await runCli(['roles', 'services/api', '--format', 'dot', '-o', 'roles.dot'], dir);
    expect(dot).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'roles.dot'), 'utf8')).toMatch(/^digraph iamlint_roles \{/);
    expect((await runCli(['--help'], dir)).stdout).toMatch(/--sarif-file FILE/);
  });
});
