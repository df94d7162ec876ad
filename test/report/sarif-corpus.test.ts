/**
 * Every SARIF iamlint can produce for real services is valid: each `serverless.*` file under
 * test/fixtures and under ../shared/corpus (skipped with a message when absent) is linted
 * in-process with every rule on, and its SARIF is checked against the OASIS schema and
 * GitHub's requirements: one log per file (so a failure names the file), then one log of
 * everything, as a monorepo run would produce.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lintFile, type RuleSetting } from '../../src/engine/lint.js';
import { formatSarif } from '../../src/report/sarif.js';
import type { LintResult } from '../../src/report/types.js';
import { HAS_SARIF_SCHEMA, SKIP_SARIF_SCHEMA_REASON, validateSarifText } from '../helpers/sarif-validator.js';
import { HAS_SHARED, PROJECT_ROOT, SKIP_SHARED_REASON, sharedPath } from '../helpers/shared.js';

const SERVICE_FILE = /^serverless\./; // serverless.yml, .yaml, .json, and variants such as serverless.common.yml

function serviceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name === '.git') continue;
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(path);
      else if (SERVICE_FILE.test(name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

const ALL_ON: Record<string, RuleSetting> = Object.fromEntries(Object.keys(rules).map((id) => [id, { severity: 'error' }]));
const ENABLED = Object.fromEntries(Object.keys(rules).map((id) => [id, 'error' as const]));

interface Tally {
  all: LintResult[];
  files: number;
  results: number;
  notifications: number;
  related: number;
  invalid: string[];
}

async function validateAll(files: string[], repoRoot: string): Promise<Tally> {
  const tally: Tally = { all: [], files: 0, results: 0, notifications: 0, related: 0, invalid: [] };
  for (const file of files) {
    const r = await lintFile(file, {
      registry: rules,
      rules: ALL_ON,
      loadOptions: { env: {} },
      linterOptions: { reportUnusedDisableDirectives: 'warn', requireJustification: true, noInlineConfig: false },
    });
    tally.all.push({ filePath: r.filePath, findings: r.findings });
    const text = formatSarif([{ filePath: r.filePath, findings: r.findings }], { repoRoot, registry: rules, enabledRules: ENABLED, toolVersion: '0.0.0' });
    const errors = validateSarifText(text);
    if (errors.length) tally.invalid.push(`${relative(repoRoot, file)}:\n  ${errors.slice(0, 5).join('\n  ')}`);
    const run = (JSON.parse(text) as Log).runs[0]!;
    tally.files++;
    tally.results += run.results!.length;
    tally.related += run.results!.reduce((n, x) => n + (x.relatedLocations?.length ?? 0), 0);
    tally.notifications += run.invocations![0]!.toolExecutionNotifications!.length;
    for (const res of run.results!) {
      const uri = res.locations![0]!.physicalLocation!.artifactLocation!.uri!;
      if (uri.startsWith('file:') || uri.startsWith('/') || uri.startsWith('..')) tally.invalid.push(`${file}: uri ${uri} is not inside the root`);
    }
  }
  const text = formatSarif(tally.all, { repoRoot, registry: rules, enabledRules: ENABLED, toolVersion: '0.0.0' });
  const errors = validateSarifText(text);
  if (errors.length) tally.invalid.push(`all files in one log:\n  ${errors.slice(0, 5).join('\n  ')}`);
  const run = (JSON.parse(text) as Log).runs[0]!;
  if (run.results!.length !== tally.results) tally.invalid.push(`one log has ${run.results!.length} results, the files ${tally.results}`);
  return tally;
}

describe.skipIf(!HAS_SARIF_SCHEMA)('SARIF of every fixture and corpus service is valid', () => {
  it('test/fixtures', async () => {
    const files = serviceFiles(join(PROJECT_ROOT, 'test/fixtures'));
    expect(files.length).toBeGreaterThan(0);
    const tally = await validateAll(files, PROJECT_ROOT);
    console.log(`[sarif] test/fixtures: ${tally.files} files, ${tally.results} results, ${tally.related} related locations, ${tally.notifications} notifications`);
    expect(tally.invalid).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)('../shared/corpus', async () => {
    const root = sharedPath('corpus');
    const files = serviceFiles(root);
    expect(files.length).toBeGreaterThan(0);
    const started = Date.now();
    const tally = await validateAll(files, root);
    console.log(
      `[sarif] corpus: ${tally.files} files, ${tally.results} results, ${tally.related} related locations, ${tally.notifications} notifications, ${Date.now() - started} ms`,
    );
    expect(tally.invalid).toEqual([]);
    expect(tally.results).toBeGreaterThan(0);
  });
});

if (!HAS_SARIF_SCHEMA) {
  describe('SARIF of every fixture and corpus service', () => {
    it.skip(SKIP_SARIF_SCHEMA_REASON, () => {});
  });
}
if (!HAS_SHARED) {
  describe('SARIF of the corpus', () => {
    it.skip(SKIP_SHARED_REASON, () => {});
  });
}
