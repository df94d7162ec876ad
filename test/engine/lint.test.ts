import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enabledRules, lintFile, type LintFileOptions } from '../../src/engine/lint.js';
import type { Pipeline } from '../../src/engine/pipeline.js';
import type { Rule } from '../../src/engine/types.js';
import { nodeAt, type Node } from '../../src/load/node.js';
import type { ResolvedService } from '../../src/load/types.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { resolveService } from '../../src/resolve/index.js';
import type { ServiceModel, StatementModel } from '../../src/synthesize/model.js';
import { fakeRule, fn, role } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'iamlint-engine-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function write(files: Record<string, string>): string {
  const dir = join(root, `case${n++}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return join(dir, 'serverless.yml');
}

/** A stand-in synthesizer: one shared role with the provider statements, every function on it. */
function miniSynthesize(resolved: ResolvedService): ServiceModel {
  const tree = resolved.tree;
  const statementsNode = nodeAt(tree, ['provider', 'iam', 'role', 'statements']);
  const statements: StatementModel[] =
    statementsNode?.kind === 'seq'
      ? statementsNode.items.map((_item: Node, i: number) => ({
          document: {},
          provenance: { kind: 'provider', path: ['provider', 'iam', 'role', 'statements', i] },
          policyIndex: 0,
          statementIndex: i,
        }))
      : [];
  const fnsNode = nodeAt(tree, ['functions']);
  const keys = fnsNode?.kind === 'map' ? fnsNode.entries.map((e) => e.key) : [];
  const failureNode = nodeAt(tree, ['custom', 'fail']);
  return {
    file: resolved.file,
    service: resolved.config.service ?? 'svc',
    stage: resolved.stage,
    region: resolved.region,
    mode: 'shared',
    externalPerFunctionPlugin: false,
    functions: keys.map((k) => fn(k, 'IamRoleLambdaExecution')),
    roles: [role('IamRoleLambdaExecution', { functions: [...keys].sort(), statements })],
    resourceTypes: {},
    failure: failureNode ? { message: 'The Framework says no', code: 'NOPE', at: ['custom', 'fail'] } : undefined,
    config: resolved.config,
    tree,
    diagnostics: resolved.diagnostics,
  };
}

const pipeline: Partial<Pipeline> = { resolveService: resolveService as Pipeline['resolveService'], synthesize: miniSynthesize };

const everyStatement = fakeRule('every-statement', (ctx) => ({
  statement: (s) => ctx.report({ messageId: 'found', data: { what: `statement ${s.statementIndex}` }, at: s }),
}));
const registry: Record<string, Rule> = { 'every-statement': everyStatement };

function lint(file: string, extra: Partial<LintFileOptions> = {}) {
  return lintFile(file, {
    registry,
    rules: { 'every-statement': { severity: 'error' } },
    loadOptions: { env: {} },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    pipeline,
    ...extra,
  });
}

const SERVICE = `service: svc
provider:
  name: aws
  iam:
    role:
      statements:
        # iamlint-disable-next-line every-statement -- reviewed
        - Effect: Allow
          Action: s3:GetObject
          Resource: '*'
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: '*'
functions:
  api:
    handler: h.api
  legacy-job:
    handler: h.job
`;

describe('lintFile', () => {
  it('runs the pipeline, the rules and the directives', async () => {
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file);
    expect(r.filePath).toBe(file);
    expect(r.findings.map((f) => [f.ruleId, f.line, f.functions])).toEqual([['every-statement', 11, ['api', 'legacy-job']]]);
    expect(r).toMatchObject({ errorCount: 1, warningCount: 0, suppressedCount: 1, internalError: false });
    expect(r.suppressedByFile).toEqual({ [file]: 1 });
    expect(r.model?.roles).toHaveLength(1);
  });

  it('a YAML syntax error is a parse-error finding and no rule runs', async () => {
    const file = write({ 'serverless.yml': 'service: svc\nprovider: [\n' });
    const r = await lint(file);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.ruleId === 'parse-error' && f.severity === 'error')).toBe(true);
    expect(r.internalError).toBe(false);
    expect(r.model).toBeUndefined();
  });

  it('a file that is not a service is one info finding and never fails', async () => {
    const file = write({ 'serverless.yml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n' });
    const r = await lint(file);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['not-serverless-config', 'info']]);
    expect(r).toMatchObject({ errorCount: 0, warningCount: 0, infoCount: 1 });
  });

  it('variable problems are config-error findings with the diagnostic code as messageId', async () => {
    const file = write({
      'serverless.yml': SERVICE.replace("Action: sqs:SendMessage", 'Action: ${self:custom.nothere}'),
    });
    const r = await lint(file);
    const ce = r.findings.filter((f) => f.ruleId === 'config-error');
    expect(ce.length).toBeGreaterThan(0);
    expect(ce[0]).toMatchObject({ messageId: 'unresolved-variable', line: 12 });
  });

  it('a stage that throws is an internal error', async () => {
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file, {
      pipeline: {
        ...pipeline,
        synthesize: () => {
          throw new Error('synth bug');
        },
      },
    });
    expect(r.internalError).toBe(true);
    expect(r.findings.map((f) => [f.ruleId, f.line, f.message])).toEqual([
      ['internal-error', 1, 'iamlint failed while building the roles: synth bug'],
    ]);
  });

  it('a crashing rule sets internalError', async () => {
    const crash = fakeRule('crash', () => ({
      service: () => {
        throw new Error('bad rule');
      },
    }));
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file, {
      registry: { ...registry, crash },
      rules: { 'every-statement': { severity: 'warn' }, crash: { severity: 'error' } },
    });
    expect(r.internalError).toBe(true);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['internal-error', 'every-statement']);
    expect(r.warningCount).toBe(1);
    // The crashed rule's directive is not reported as unused: it may have been needed.
    const listed = await lint(write({ 'serverless.yml': SERVICE.replace('every-statement -- reviewed', 'crash -- reviewed') }), {
      registry: { ...registry, crash },
      rules: { 'every-statement': { severity: 'warn' }, crash: { severity: 'error' } },
    });
    expect(listed.findings.map((f) => f.ruleId)).toEqual(['internal-error', 'every-statement', 'every-statement']);
  });

  it('a Framework packaging failure is a framework-error at its setting', async () => {
    const file = write({ 'serverless.yml': `${SERVICE}custom:\n  fail: true\n` });
    const r = await lint(file);
    const fe = r.findings.find((f) => f.ruleId === 'framework-error')!;
    expect(fe).toMatchObject({ severity: 'error', message: 'The Framework says no', line: 20, path: 'custom.fail' });
  });

  it('findings and directives inside ${file()} includes', async () => {
    const file = write({
      'serverless.yml': `service: svc
provider:
  name: aws
  iam:
    role:
      statements: \${file(./iam.yml)}
functions:
  api:
    handler: h.api
`,
      'iam.yml': `- Effect: Allow
  Action: s3:GetObject
  Resource: '*'
# iamlint-disable-next-line every-statement
- Effect: Allow
  Action: "# iamlint-disable-line"
  Resource: '*'
`,
    });
    const r = await lint(file);
    const inc = join(file, '..', 'iam.yml');
    expect(r.findings.map((f) => [f.ruleId, f.file, f.line, f.path])).toEqual([
      ['every-statement', inc, 1, 'provider.iam.role.statements[0]'],
    ]);
    expect(r.findings[0]!.related).toEqual([
      expect.objectContaining({ kind: 'variable', file, line: 6, path: 'provider.iam.role.statements' }),
    ]);
    expect(r.suppressedByFile).toEqual({ [inc]: 1 });
    expect([...r.sources.keys()]).toEqual([file, inc]);
  });

  it('reports unused directives and missing justifications as configured', async () => {
    const file = write({ 'serverless.yml': `${SERVICE}  # iamlint-disable-next-line\n  other:\n    handler: h.o\n` });
    const r = await lint(file, { linterOptions: { reportUnusedDisableDirectives: 'error', requireJustification: true } });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['every-statement', 11, 'error'],
      ['missing-disable-justification', 19, 'error'],
      ['unused-disable-directive', 19, 'error'],
    ]);
  });

  it('fingerprints survive moving lines', async () => {
    const a = await lint(write({ 'serverless.yml': SERVICE }));
    const b = await lint(write({ 'serverless.yml': SERVICE.replace('functions:', '\n\nfunctions:').replace('provider:', '# hi\nprovider:') }));
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
    expect(a.findings.map((f) => f.line)).not.toEqual(b.findings.map((f) => f.line));
  });
});

describe('per-function overrides', () => {
  it('an override turning a rule off for some functions removes them; all off drops the finding', async () => {
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file, { functionOverrides: [{ functions: ['legacy-*'], rules: { 'every-statement': { severity: 'off' } } }] });
    expect(r.findings.map((f) => [f.severity, f.functions])).toEqual([['error', ['api']]]);
    const all = await lint(file, { functionOverrides: [{ functions: ['*'], rules: { 'every-statement': { severity: 'off' } } }] });
    expect(all.findings.filter((f) => f.ruleId === 'every-statement')).toEqual([]);
  });

  it('a finding whose functions all match a warn override is graded warning', async () => {
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file, { functionOverrides: [{ functions: ['*'], rules: { 'every-statement': { severity: 'warn' } } }] });
    expect(r.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('an override can enable a rule that is off for the file', async () => {
    const file = write({ 'serverless.yml': SERVICE });
    const r = await lint(file, {
      rules: {},
      functionOverrides: [{ functions: ['legacy-*'], rules: { 'every-statement': { severity: 'warn' } } }],
    });
    expect(r.findings.map((f) => [f.severity, f.functions])).toEqual([['warning', ['legacy-job']]]);
  });
});

// The config engineer's resolved config plugs straight into lintFile (checked by tsc).
export const configFits = (c: ResolvedConfig): Pick<LintFileOptions, 'rules' | 'functionOverrides' | 'linterOptions'> => c;

describe('enabledRules', () => {
  const schema = { type: 'object', properties: { n: { type: 'integer', default: 1 } }, additionalProperties: false };
  const r = fakeRule('r', () => ({}), { found: 'x' }, schema);
  const reg = { r };

  it('one plain entry without overrides; rules off are left out', () => {
    expect(enabledRules(reg, { r: { severity: 'warn', options: { n: 2 } } }, [], ['a'])).toEqual({
      entries: [{ rule: r, severity: 'warn', options: { n: 2 } }],
      unknown: [],
    });
    expect(enabledRules(reg, { r: { severity: 'off' } }, [], ['a']).entries).toEqual([]);
  });

  it('one entry per distinct options; severityFor picks the function setting', () => {
    const { entries } = enabledRules(
      reg,
      { r: { severity: 'error', options: { n: 2 } } },
      [
        { functions: ['legacy-*'], rules: { r: { severity: 'warn', options: { n: 5 } } } },
        { functions: ['legacy-b'], rules: { r: { severity: 'error' } } },
      ],
      ['a', 'legacy-a', 'legacy-b'],
    );
    expect(entries.map((e) => [e.severity, e.options])).toEqual([
      ['error', { n: 2 }],
      ['off', { n: 5 }],
    ]);
    const [base, legacy] = entries as [NonNullable<(typeof entries)[0]>, NonNullable<(typeof entries)[0]>];
    expect(['a', 'legacy-a', 'legacy-b'].map((f) => base.severityFor!(f))).toEqual(['error', 'off', 'off']);
    // A severity-only patch keeps the earlier options (n: 5).
    expect(['a', 'legacy-a', 'legacy-b'].map((f) => legacy.severityFor!(f))).toEqual(['off', 'warn', 'error']);
  });

  it('names rules missing from the registry', () => {
    expect(enabledRules({}, { gone: { severity: 'error' } }, [], []).unknown).toEqual(['gone']);
  });
});
