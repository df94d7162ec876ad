/**
 * Golden outputs of every report format for one fixture (test/fixtures/golden: findings of
 * several rules and severities, an inherited statement, an auto-grant leaking to another
 * function, a finding in an included file, a suppressed finding and an unused directive).
 *
 * The fixture is copied into a temporary repository (`<repo>/.git`, `<repo>/services/golden`)
 * and the CLI runs in-process from `<repo>`, so paths do not depend on where the project is
 * checked out. Outputs are compared after replacing the temporary folder with `<REPO>` and the
 * package version with `<VERSION>`. To accept a change: UPDATE_GOLDEN=1 npx vitest run test/integrations
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageVersion } from '../../src/config/package.js';
import { HAS_SARIF_SCHEMA, githubErrors, validateSarifText } from '../helpers/sarif-validator.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { runCli } from './helpers.js';

const FIXTURE = join(PROJECT_ROOT, 'test/fixtures/golden');
const EXPECTED = join(FIXTURE, 'expected');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** A temporary git repository (just a `.git` folder) holding the golden fixture at services/golden. */
function goldenRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'iamlint-golden-'));
  mkdirSync(join(repo, '.git'));
  writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  cpSync(FIXTURE, join(repo, 'services', 'golden'), { recursive: true, filter: (src) => !src.startsWith(EXPECTED) });
  return repo;
}

function normalize(text: string, repo: string): string {
  const version = packageVersion();
  const fileUrl = pathToFileURL(repo).href;
  return text
    .split(fileUrl)
    .join('file://<REPO>')
    .split(repo)
    .join('<REPO>')
    .replace(new RegExp(`"(version|semanticVersion)": "${version.replace(/\./g, '\\.')}"`, 'g'), '"$1": "<VERSION>"');
}

/**
 * Rule descriptors carry the rule's doc page, description, tags and severity, which rule authors
 * change: test/report/sarif.test.ts checks them against the rules; the golden keeps their shape.
 */
function withoutRuleTexts(text: string): string {
  const log = JSON.parse(text) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, unknown>> } } }> };
  for (const rule of log.runs[0]!.tool.driver.rules) {
    if (String(rule.helpUri).includes('/docs/rules/')) {
      for (const key of ['shortDescription', 'fullDescription', 'help', 'properties']) {
        if (rule[key] !== undefined) rule[key] = `<from the rule: ${key}>`;
      }
    }
  }
  return `${JSON.stringify(log, null, 2)}\n`;
}

function compare(name: string, actual: string): void {
  const file = join(EXPECTED, name);
  if (/\b(parse-error|internal-error)\b|could not be read/.test(actual)) {
    // The fixture has neither: the tree being linted is broken, and must not become the golden.
    throw new Error(`${name}: iamlint failed on the fixture (parse or internal error), golden file left alone:\n${actual.slice(0, 400)}`);
  }
  if (UPDATE || !existsSync(file)) {
    mkdirSync(EXPECTED, { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`golden file ${name} was missing and has been written; review it and run again`);
    return;
  }
  expect(actual, `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`).toBe(readFileSync(file, 'utf8'));
}

describe('golden outputs (test/fixtures/golden)', () => {
  let repo: string;
  beforeAll(() => {
    repo = goldenRepo();
  });

  const lint = (format: string) => runCli(['services/golden', '--format', format], repo);

  it('text', async () => {
    const r = await lint('text');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    compare('text.txt', normalize(r.stdout, repo));
  });

  it('json', async () => {
    const r = await lint('json');
    expect(r.code).toBe(1);
    compare('json.json', normalize(r.stdout, repo));
  });

  it('sarif (and it is valid)', async () => {
    const r = await lint('sarif');
    expect(r.code).toBe(1);
    if (HAS_SARIF_SCHEMA) expect(validateSarifText(r.stdout)).toEqual([]);
    else expect(githubErrors(JSON.parse(r.stdout) as Record<string, unknown>, r.stdout)).toEqual([]);
    compare('sarif.json', normalize(withoutRuleTexts(r.stdout), repo));
  });

  it('github', async () => {
    const r = await lint('github');
    expect(r.code).toBe(1);
    compare('github.txt', normalize(r.stdout, repo));
  });

  it('markdown', async () => {
    const r = await lint('markdown');
    expect(r.code).toBe(1);
    compare('markdown.md', normalize(r.stdout, repo));
  });

  it('roles --format mermaid', async () => {
    const r = await runCli(['roles', 'services/golden', '--format', 'mermaid'], repo);
    expect(r.code).toBe(0);
    compare('roles.mmd', normalize(r.stdout, repo));
  });

  it('roles --format dot', async () => {
    const r = await runCli(['roles', 'services/golden', '--format', 'dot'], repo);
    expect(r.code).toBe(0);
    compare('roles.dot', normalize(r.stdout, repo));
  });

  it('the fixture has what the goldens are meant to show', async () => {
    const r = await lint('json');
    const findings = (JSON.parse(r.stdout) as { results: Array<{ filePath: string; findings: Array<{ ruleId: string; severity: string; related: Array<{ kind?: string }> }> }> }).results.flatMap((x) =>
      x.findings.map((f) => ({ ...f, file: x.filePath })),
    );
    const ids = findings.map((f) => f.ruleId);
    expect(ids).toContain('no-leaked-grants'); // an auto-grant
    expect(findings.some((f) => f.related.some((x) => x.kind === 'inherited'))).toBe(true);
    expect(findings.some((f) => f.file.endsWith('statements.yml'))).toBe(true);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['error', 'warning']));
    expect(ids).not.toContain('no-admin-policies'); // suppressed: left out of every format
    const sarif = (await lint('sarif')).stdout;
    expect(sarif).not.toContain('"ruleId": "no-admin-policies"');
  });
});
