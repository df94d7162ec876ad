/**
 * The SARIF reporter: descriptors, locations, fingerprints, notifications and GitHub's limits.
 * Every log produced here is validated with test/helpers/sarif-validator.ts (OASIS schema +
 * GitHub's requirements).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import type { Finding } from '../../src/engine/types.js';
import { findRepoRoot, artifactUri } from '../../src/report/sarif-paths.js';
import {
  firstSentence,
  markdownToText,
  pascalCase,
  ruleDescriptor,
  sarifTags,
  securitySeverityText,
} from '../../src/report/sarif-rules.js';
import { FINGERPRINT_KEY, enabledRuleSeverities, formatSarif, toSarif } from '../../src/report/sarif.js';
import { makeTree } from '../config/fixtures.js';
import { PROJECT_ROOT } from '../helpers/shared.js';
import { HAS_SARIF_SCHEMA, SKIP_SARIF_SCHEMA_REASON, githubErrors, validateSarifText } from '../helpers/sarif-validator.js';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'no-admin-policies',
    messageId: 'adminPolicy',
    severity: 'error',
    message: 'The AWS managed policy AdministratorAccess is attached to an execution role.',
    file: '/repo/svc/serverless.yml',
    line: 8,
    column: 11,
    endLine: 8,
    endColumn: 54,
    path: 'provider.iam.role.managedPolicies[0]',
    functions: ['api', 'worker'],
    fingerprint: 'a'.repeat(32),
    related: [],
    ...over,
  };
}

const ALL_ON = Object.fromEntries(Object.keys(rules).map((id) => [id, 'error' as const]));

/** Validate when the schema is there; always check GitHub's rules. */
function check(text: string): void {
  if (HAS_SARIF_SCHEMA) expect(validateSarifText(text)).toEqual([]);
  else expect(githubErrors(JSON.parse(text) as Record<string, unknown>, text)).toEqual([]);
}

function sarif(findings: Finding[], over: Parameters<typeof formatSarif>[1] = {}): { log: Log; text: string } {
  const text = formatSarif([{ filePath: '/repo/svc/serverless.yml', findings }], {
    repoRoot: '/repo',
    registry: rules,
    enabledRules: { 'no-admin-policies': 'error', 'no-shared-role': 'warn' },
    toolVersion: '1.2.3',
    ...over,
  });
  check(text);
  return { log: JSON.parse(text) as Log, text };
}

describe('SARIF helpers', () => {
  it('PascalCase names, security-severity text, tags', () => {
    expect(pascalCase('no-admin-policies')).toBe('NoAdminPolicies');
    expect(securitySeverityText(9.5)).toBe('9.5');
    expect(securitySeverityText(1)).toBe('1.0');
    expect(securitySeverityText(0)).toBe('0.1');
    expect(securitySeverityText(12)).toBe('10.0');
    expect(securitySeverityText(Number.NaN)).toBe('0.1');
    expect(sarifTags(['iam', 'CWE-250', 'security'])).toEqual(['security', 'iam', 'external/cwe/cwe-250']);
    expect(sarifTags(Array.from({ length: 30 }, (_, i) => `t${i}`))).toHaveLength(10);
    expect(sarifTags(Array.from({ length: 30 }, (_, i) => `t${i}`))[0]).toBe('security');
  });

  it('first sentence ignores dots in code and parentheses', () => {
    expect(firstSentence('Report `a.b` values (e.g. x). More here.')).toBe('Report `a.b` values (e.g. x).');
    expect(firstSentence('No dot at all')).toBe('No dot at all');
  });

  it('markdown → text drops markup, keeps code and link targets', () => {
    const text = markdownToText('# title\n\nUse **this** `x` [docs](https://e.x/a).\n\n```yaml\na: 1\n```\n');
    expect(text).toBe('title\n\nUse this x docs (https://e.x/a).\n\n    a: 1');
  });

  it('repo root: closest .git folder or file above the start, else the start folder', () => {
    const dir = makeTree({ 'repo/.git/HEAD': 'ref: x', 'repo/a/b/serverless.yml': 'x', 'wt/.git': 'gitdir: ../repo/.git', 'wt/c/x': '' }, false);
    expect(findRepoRoot(join(dir, 'repo/a/b'))).toBe(join(dir, 'repo'));
    expect(findRepoRoot(join(dir, 'wt/c'))).toBe(join(dir, 'wt'));
    const lonely = makeTree({ 'x/y': '' }, false);
    // tmp folders are not in a repository (unless the machine's tmp is): the start itself.
    if (findRepoRoot(lonely) === lonely) expect(findRepoRoot(join(lonely, 'x'))).toBe(join(lonely, 'x'));
    expect(artifactUri('/repo/a b/serverless.yml', '/repo')).toEqual({ uri: 'a%20b/serverless.yml', uriBaseId: '%SRCROOT%' });
    expect(artifactUri('/elsewhere/serverless.yml', '/repo')).toEqual({ uri: 'file:///elsewhere/serverless.yml' });
  });

  it('enabled rules: union over files and function overrides, highest severity', () => {
    const m = enabledRuleSeverities([
      { rules: { a: { severity: 'warn' }, b: { severity: 'off' } } },
      { rules: { a: { severity: 'error' }, c: { severity: 'off' } }, functionOverrides: [{ rules: { c: { severity: 'warn' } } }] },
    ]);
    expect(Object.fromEntries(m)).toEqual({ a: 'error', c: 'warn' });
  });
});

describe('SARIF log', () => {
  it('one run; the driver lists every enabled rule, sorted, with help from its doc page', () => {
    const { log } = sarif([finding()], { enabledRules: ALL_ON });
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'iamlint', version: '1.2.3', semanticVersion: '1.2.3', informationUri: 'https://github.com/iamlint/iamlint' });
    const ids = driver.rules!.map((r) => r.id);
    expect(ids).toEqual(Object.keys(rules).sort());
    for (const r of driver.rules!) {
      const rule = rules[r.id]!;
      expect(r.name).toBe(pascalCase(r.id));
      expect(r.helpUri).toBe(rule.meta.docs);
      expect(r.defaultConfiguration?.level).toBe('error');
      const pageFile = join(PROJECT_ROOT, 'docs/rules', `${r.id}.md`);
      // A rule whose page is not written yet gets its description and docs URL (test/rules/docs.test.ts wants the page).
      if (existsSync(pageFile)) expect(r.help?.markdown).toBe(readFileSync(pageFile, 'utf8').trimEnd());
      else expect(r.help?.markdown).toContain(rule.meta.docs);
      expect(r.help?.text.length).toBeGreaterThan(50);
      expect(r.help?.text).not.toMatch(/^#/m);
      const props = r.properties as { tags: string[]; precision: string; 'security-severity': string };
      expect(props.tags[0]).toBe('security');
      expect(props.tags.length).toBeLessThanOrEqual(10);
      expect(props.precision).toBe(rule.meta.security.precision);
      expect(props['security-severity']).toBe(securitySeverityText(rule.meta.security.securitySeverity));
      expect(r.fullDescription?.text).toBe(rule.meta.description.replace(/\s+/g, ' ').trim());
    }
  });

  it('defaultConfiguration.level follows the configured severity', () => {
    const { log } = sarif([]);
    const byId = Object.fromEntries(log.runs[0]!.tool.driver.rules!.map((r) => [r.id, r.defaultConfiguration?.level]));
    expect(byId).toEqual({ 'no-admin-policies': 'error', 'no-shared-role': 'warning' });
  });

  it('a result: rule id and index, level, message with functions, full region, fingerprint', () => {
    const { log } = sarif([finding(), finding({ ruleId: 'no-shared-role', severity: 'warning', line: 3, column: 5, endLine: 9, endColumn: 2, functions: [], fingerprint: 'b'.repeat(32) })]);
    const run = log.runs[0]!;
    const [shared, admin] = run.results! as [Result, Result];
    expect(admin).toMatchObject({
      ruleId: 'no-admin-policies',
      level: 'error',
      message: { text: 'The AWS managed policy AdministratorAccess is attached to an execution role.\n\nFunctions: api, worker.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'svc/serverless.yml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 8, startColumn: 11, endLine: 8, endColumn: 54 },
          },
          logicalLocations: [{ fullyQualifiedName: 'provider.iam.role.managedPolicies[0]' }],
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: 'a'.repeat(32) },
    });
    expect(run.tool.driver.rules![admin.ruleIndex!]!.id).toBe('no-admin-policies');
    expect(shared.level).toBe('warning');
    expect(shared.message.text).not.toContain('Function');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/', description: expect.any(Object) } });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('provenance as related locations (also in other files), ids from 1', () => {
    const { log } = sarif([
      finding({
        related: [
          { message: 'inherited from provider.iam.role.statements[0]', file: '/repo/svc/serverless.yml', line: 10, column: 11, endLine: 13, endColumn: 46, path: 'provider.iam.role.statements[0]', kind: 'inherited' },
          { message: 'reached through ${file(./x.yml)}', file: '/repo/svc/x.yml', line: 1, column: 1, endLine: 1, endColumn: 5, path: '', kind: 'variable' },
          { message: 'a comment', file: '', line: 0, column: 0, endLine: 0, endColumn: 0, path: '' },
        ],
      }),
    ]);
    const related = log.runs[0]!.results![0]!.relatedLocations!;
    expect(related.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(related[0]).toMatchObject({
      message: { text: 'inherited from provider.iam.role.statements[0]' },
      physicalLocation: { artifactLocation: { uri: 'svc/serverless.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 11, endLine: 13, endColumn: 46 } },
      properties: { kind: 'inherited' },
    });
    expect(related[1]!.physicalLocation!.artifactLocation!.uri).toBe('svc/x.yml');
    expect(related[2]!.physicalLocation).toBeUndefined();
  });

  it('regions are never invalid: lines and columns at least 1, the end never before the start', () => {
    const { log } = sarif([finding({ line: 0, column: 0, endLine: 0, endColumn: 0 }), finding({ line: 5, column: 9, endLine: 5, endColumn: 3, fingerprint: 'c'.repeat(32) })]);
    const regions = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.region);
    expect(regions).toEqual([
      { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      { startLine: 5, startColumn: 9, endLine: 5, endColumn: 9 },
    ]);
  });

  it('files outside the repository get an absolute file URI', () => {
    const { log } = sarif([finding({ file: '/other/serverless.yml' })]);
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'file:///other/serverless.yml' });
  });

  it('parse and internal errors are tool notifications, not results; internal errors fail the execution', () => {
    const { log } = sarif([
      finding({ ruleId: 'parse-error', messageId: 'parse-error', message: 'Unexpected end of flow sequence', line: 4, column: 8, endLine: 4, endColumn: 9, functions: [] }),
      finding({ ruleId: 'not-serverless-config', messageId: 'not-serverless-config', severity: 'info', message: 'not a service', functions: [], fingerprint: 'd'.repeat(32) }),
    ]);
    const run = log.runs[0]!;
    expect(run.results).toEqual([]);
    const inv = run.invocations![0]!;
    expect(inv.executionSuccessful).toBe(true);
    expect(inv.toolExecutionNotifications!.map((n) => [n.level, n.descriptor?.id, n.message.text])).toEqual([
      ['error', 'parse-error', 'Unexpected end of flow sequence [parse-error]'],
      ['note', 'not-serverless-config', 'not a service [not-serverless-config]'],
    ]);
    const notes = run.tool.driver.notifications!;
    for (const n of inv.toolExecutionNotifications!) expect(notes[n.descriptor!.index!]!.id).toBe(n.descriptor!.id);
    expect(inv.toolExecutionNotifications![0]!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 4, startColumn: 8, endLine: 4, endColumn: 9 });

    const failed = sarif([finding({ ruleId: 'internal-error', messageId: 'rule-error', message: 'rule x threw', functions: [] })]).log;
    expect(failed.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });

  it('engine finding ids that are results get descriptors of their own', () => {
    const { log } = sarif([finding({ ruleId: 'unused-disable-directive', messageId: 'unused', severity: 'warning', functions: [] })]);
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === 'unused-disable-directive')!;
    expect(rule.name).toBe('UnusedDisableDirective');
    expect(rule.help!.text).toBeTruthy();
    expect(log.runs[0]!.results![0]!.ruleIndex).toBe(log.runs[0]!.tool.driver.rules!.indexOf(rule));
  });

  it('a rule not in the registry still gets a descriptor', () => {
    const { log } = sarif([finding({ ruleId: 'gone-rule' })]);
    expect(log.runs[0]!.tool.driver.rules!.map((r) => r.id)).toContain('gone-rule');
  });

  it('rule doc pages are read from the package, never from the linted repository', () => {
    const repo = makeTree({ 'docs/rules/no-admin-policies.md': '# EVIL\n', 'serverless.yml': 'x' });
    const text = formatSarif([{ filePath: join(repo, 'serverless.yml'), findings: [finding({ file: join(repo, 'serverless.yml') })] }], {
      cwd: repo,
      registry: rules,
      enabledRules: { 'no-admin-policies': 'error' },
    });
    expect(text).not.toContain('EVIL');
    const page = readFileSync(join(PROJECT_ROOT, 'docs/rules/no-admin-policies.md'), 'utf8');
    expect((JSON.parse(text) as Log).runs[0]!.tool.driver.rules![0]!.help!.markdown).toBe(page.trimEnd());
  });

  it('a rule without a doc page falls back to its description and docs URL', () => {
    const docsDir = makeTree({}, false);
    const d = ruleDescriptor(rules['no-admin-policies']!, 'error', { docsDir });
    expect(d.help!.markdown).toContain(rules['no-admin-policies']!.meta.docs);
    expect(d.help!.text).toContain('Disallow administrator-level');
  });

  it('toSarif gives the same log as formatSarif', () => {
    const options = { repoRoot: '/repo', registry: rules, enabledRules: { 'no-admin-policies': 'error' as const }, toolVersion: '1.0.0' };
    const results = [{ filePath: '/repo/svc/serverless.yml', findings: [finding()] }];
    expect(toSarif(results, options)).toEqual(JSON.parse(formatSarif(results, options)));
  });
});

describe("GitHub's limits", () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      finding({ severity: i % 3 === 0 ? 'error' : 'warning', ruleId: i % 3 === 0 ? 'no-admin-policies' : 'no-shared-role', line: i + 1, endLine: i + 1, fingerprint: i.toString(16).padStart(32, '0') }),
    );

  it('more results than allowed: the most severe are kept, in report order, with a notification', () => {
    const { log } = sarif(many(30), { maxResults: 12 });
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(12);
    expect(run.results!.every((r) => r.level === 'error')).toBe(false);
    expect(run.results!.filter((r) => r.level === 'error')).toHaveLength(10);
    const lines = run.results!.map((r) => r.locations![0]!.physicalLocation!.region!.startLine!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const note = run.invocations![0]!.toolExecutionNotifications!.find((n) => n.descriptor?.id === 'results-truncated')!;
    expect(note.level).toBe('warning');
    expect(note.message.text).toMatch(/^18 of 30 results were left out/);
  });

  it('25,000 results per run by default', () => {
    const text = formatSarif([{ filePath: '/repo/svc/serverless.yml', findings: many(25_003) }], { repoRoot: '/repo', registry: rules, toolVersion: '1.0.0' });
    const log = JSON.parse(text) as Log;
    expect(log.runs[0]!.results).toHaveLength(25_000);
    expect(githubErrors(log as unknown as Record<string, unknown>, text)).toEqual([]);
  });

  it('larger than the gzip limit: results are left out until the file fits', () => {
    const findings = many(40).map((f) => ({ ...f, message: randomBytes(3000).toString('base64') }));
    const { text, log } = sarif(findings, { maxGzipBytes: 60_000 });
    expect(gzipSync(text).length).toBeLessThanOrEqual(60_000);
    const kept = log.runs[0]!.results!.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(40);
    expect(log.runs[0]!.invocations![0]!.toolExecutionNotifications!.at(-1)!.message.text).toContain('gzip-compressed SARIF');
  });

  it('the default 10 MB limit is measured compressed, with zlib', () => {
    // 14 MB of random text compresses to ~10.5 MB: some results must go.
    const findings = many(14).map((f) => ({ ...f, message: randomBytes(750_000).toString('base64') }));
    const text = formatSarif([{ filePath: '/repo/svc/serverless.yml', findings }], { repoRoot: '/repo', registry: rules, toolVersion: '1.0.0' });
    expect(gzipSync(text).length).toBeLessThanOrEqual(10 * 1024 * 1024);
    const kept = (JSON.parse(text) as Log).runs[0]!.results!.length;
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(14);
  });
});

describe.skipIf(!HAS_SARIF_SCHEMA)('the validator itself', () => {
  it('catches what GitHub rejects', () => {
    const { log } = sarif([finding()]);
    const bad = JSON.parse(JSON.stringify(log)) as Log;
    const rule = bad.runs[0]!.tool.driver.rules![0]!;
    (rule.properties as Record<string, unknown>)['security-severity'] = 9.5;
    (rule.properties as Record<string, unknown>).tags = Array.from({ length: 11 }, (_, i) => `t${i}`);
    delete (rule as { help?: unknown }).help;
    bad.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    const errors = validateSarifText(JSON.stringify(bad)).join('\n');
    expect(errors).toMatch(/security-severity/);
    expect(errors).toMatch(/11 tags/);
    expect(errors).toMatch(/help\.text missing/);
    expect(errors).toMatch(/startLine 0/);
    expect(errors).toMatch(/^schema /m);
  });
});

if (!HAS_SARIF_SCHEMA) {
  describe('SARIF schema', () => {
    it.skip(SKIP_SARIF_SCHEMA_REASON, () => {});
  });
}
