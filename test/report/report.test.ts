import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { formatJson, formatText, shouldUseColor, toJsonReport, type LintResult } from '../../src/report/index.js';
import { makeTree } from '../config/fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ANSI = /\u001b\[/;

const SERVICE = [
  'service: demo', //                                  1
  'provider:', //                                      2
  '  name: aws', //                                    3
  '  iam:', //                                         4
  '    role:', //                                      5
  '      statements:', //                              6
  '        - Effect: Allow', //                        7
  "          Action: '*'", //                          8
  "          Resource: '*'", //                        9
  'functions:', //                                    10
  '  api:', //                                        11
  '    handler: h.h', //                              12
  '\tbad: x', //                                      13
  '',
].join('\n');

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'no-admin-policies',
    messageId: 'star',
    severity: 'error',
    message: 'Statement allows every action',
    file: '/x/serverless.yml',
    line: 8,
    column: 19,
    endLine: 8,
    endColumn: 22,
    path: 'provider.iam.role.statements[0].Action',
    functions: ['api', 'worker'],
    fingerprint: 'f'.repeat(32),
    related: [],
    ...over,
  };
}

function setup() {
  const dir = makeTree({ 'serverless.yml': SERVICE, 'inc/vars.yml': 'table: orders\narn: "*"\n' });
  const file = join(dir, 'serverless.yml');
  return { dir, file, inc: join(dir, 'inc/vars.yml') };
}

describe('text reporter', () => {
  it('prints file:line:col: severity message [rule], the source line and a caret under the span', () => {
    const { dir, file } = setup();
    const out = formatText([{ filePath: file, findings: [finding({ file })] }], { cwd: dir, color: false });
    const lines = out.split('\n');
    expect(lines[0]).toBe('serverless.yml:8:19: error Statement allows every action [no-admin-policies]');
    expect(lines[1]).toBe('  |');
    expect(lines[2]).toBe("8 |           Action: '*'");
    expect(lines[3]).toBe('  |                   ^~~');
    // The caret is exactly under column 19 of the source line.
    expect(lines[3]!.indexOf('^') - '8 | '.length + 1).toBe(19);
    expect(lines[2]!.slice(lines[3]!.indexOf('^'), lines[3]!.indexOf('^') + 3)).toBe("'*'");
    expect(lines[4]).toBe('  = functions: api, worker');
    expect(out.endsWith('\n✖ 1 problem (1 error, 0 warnings)\n')).toBe(true);
    expect(out).not.toMatch(ANSI);
  });

  it('prints notes with file:line (files relative to cwd), a single function, and widths for 2-digit lines', () => {
    const { dir, file, inc } = setup();
    const f = finding({
      file,
      line: 12,
      column: 5,
      endLine: 12,
      endColumn: 12,
      severity: 'warning',
      functions: ['api'],
      related: [
        { message: 'reached through ${file(inc/vars.yml):arn}', file: inc, line: 2, column: 6, endLine: 2, endColumn: 9, path: 'arn', kind: 'variable' },
        { message: 'inherited from provider.iam.role.statements[0]', file, line: 7, column: 11, endLine: 9, endColumn: 24, path: 'x' },
      ],
    });
    const lines = formatText([{ filePath: file, findings: [f] }], { cwd: dir, color: false }).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'serverless.yml:12:5: warning Statement allows every action [no-admin-policies]',
      '   |',
      '12 |     handler: h.h',
      '   |     ^~~~~~~',
      '   = note: reached through ${file(inc/vars.yml):arn} (inc/vars.yml:2)',
      '   = note: inherited from provider.iam.role.statements[0] (serverless.yml:7)',
      '   = function: api',
    ]);
    expect(lines).toContain('✖ 1 problem (0 errors, 1 warning)');
  });

  it('keeps tabs before the span so the caret lines up; spans over several lines underline to the end of the line', () => {
    const { dir, file } = setup();
    const tab = finding({ file, line: 13, column: 2, endLine: 13, endColumn: 5 });
    const multi = finding({ file, line: 7, column: 11, endLine: 9, endColumn: 24, ruleId: 'x' });
    const out = formatText([{ filePath: file, findings: [tab, multi] }], { cwd: dir, color: false });
    expect(out).toContain('13 | \tbad: x\n   | \t^~~\n');
    expect(out).toContain('7 |         - Effect: Allow\n  |           ^~~~~~~~~~~~~\n');
  });

  it('reads snippets from the result sources first, and skips them when the file is unknown or the span is empty', () => {
    const file = '/nonexistent-iamlint/serverless.yml';
    const sources = [{ file, text: 'a: 1\nb: 2\n' }];
    const out = formatText([{ filePath: file, findings: [finding({ file, line: 2, column: 4, endColumn: 5 })], sources }], {
      cwd: '/nonexistent-iamlint',
      color: false,
    });
    expect(out).toContain('2 | b: 2\n  |    ^\n');
    const none = formatText([{ filePath: '/nope/s.yml', findings: [finding({ file: '/nope/s.yml' })] }], { cwd: '/nope', color: false });
    expect(none.split('\n')[1]).toBe('  = functions: api, worker');
    const zero = formatText([{ filePath: file, findings: [finding({ file, line: 1, column: 1, endLine: 1, endColumn: 1, functions: [] })], sources }], {
      cwd: '/nonexistent-iamlint',
      color: false,
    });
    expect(zero.split('\n')[1]).toBe('');
  });

  it('info findings are shown but are not problems; nothing at all prints nothing', () => {
    const { dir, file } = setup();
    const info = finding({ file, severity: 'info', ruleId: 'not-serverless-config', line: 1, column: 1, endLine: 1, endColumn: 1, functions: [] });
    const out = formatText([{ filePath: file, findings: [info] }], { cwd: dir, color: false });
    expect(out).toMatch(/^serverless.yml:1:1: info /);
    expect(out).not.toContain('problem');
    expect(formatText([{ filePath: file, findings: [] }], { cwd: dir })).toBe('');
  });

  it('sums problems over files', () => {
    const { dir, file, inc } = setup();
    const out = formatText(
      [{ filePath: file, findings: [finding({ file }), finding({ file: inc, line: 2, column: 6, endColumn: 9, severity: 'warning' }), finding({ file, severity: 'warning', line: 9 })] }],
      { cwd: dir, color: false },
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe('✖ 3 problems (1 error, 2 warnings)');
    // Findings of an included file come after the service file's, under its own name.
    expect(out.indexOf('inc/vars.yml:2:6: warning')).toBeGreaterThan(out.indexOf('serverless.yml:9:19'));
  });

  it('colours only when asked', () => {
    const { dir, file } = setup();
    expect(formatText([{ filePath: file, findings: [finding({ file })] }], { cwd: dir, color: true })).toMatch(ANSI);
  });
});

describe('shouldUseColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [tty, {}, true],
    [pipe, {}, false],
    [tty, { NO_COLOR: '1' }, false],
    [tty, { NO_COLOR: '' }, true],
    [pipe, { FORCE_COLOR: '1' }, true],
    [pipe, { FORCE_COLOR: '' }, true],
    [tty, { FORCE_COLOR: '0' }, false],
    [tty, { FORCE_COLOR: 'false' }, false],
    [tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, true],
    [tty, { TERM: 'dumb' }, false],
  ] as const)('%j %j → %s', (stream, env, expected) => {
    expect(shouldUseColor(stream, env as NodeJS.ProcessEnv)).toBe(expected);
  });
});

describe('json reporter', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/iamlint-results.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

  it('matches the documented contract (schema/iamlint-results.schema.json)', () => {
    const { file, inc } = setup();
    const results: LintResult[] = [
      {
        filePath: file,
        findings: [
          finding({ file, related: [{ message: 'n', file: inc, line: 1, column: 1, endLine: 1, endColumn: 2, path: 'table', kind: 'variable' }] }),
          finding({ file: inc, severity: 'warning', line: 2 }),
          finding({ file, severity: 'info', ruleId: 'not-serverless-config', functions: [] }),
        ],
      },
      { filePath: '/other/serverless.yml', findings: [] },
    ];
    const report = JSON.parse(formatJson(results)) as ReturnType<typeof toJsonReport>;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.results.map((r) => [r.filePath, r.findings.length, r.errorCount, r.warningCount])).toEqual([
      [file, 2, 1, 0],
      [inc, 1, 0, 1],
      ['/other/serverless.yml', 0, 0, 0],
    ]);
    expect([report.errorCount, report.warningCount]).toEqual([1, 1]);
    expect(Object.keys(report.results[0]!.findings[0]!)).toEqual([
      'ruleId', 'messageId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'path', 'functions', 'fingerprint', 'related',
    ]);
  });

  it('the schema rejects a finding with a missing or an extra field', () => {
    const { file } = setup();
    const report = toJsonReport([{ filePath: file, findings: [finding({ file })] }]) as unknown as {
      results: Array<{ findings: Array<Record<string, unknown>> }>;
    };
    const f = report.results[0]!.findings[0]!;
    delete f.fingerprint;
    expect(validate(report)).toBe(false);
    f.fingerprint = 'x';
    f.file = file;
    expect(validate(report)).toBe(false);
  });
});
