import { describe, expect, it } from 'vitest';
import { applyDirectives, parseDirectiveBody, parseDirectives, type LinterOptions } from '../../src/engine/directives.js';
import type { Finding, RelatedLocation } from '../../src/engine/types.js';

const FILE = '/proj/serverless.yml';

function finding(ruleId: string, line: number, column = 5, file = FILE, related: RelatedLocation[] = []): Finding {
  return {
    ruleId,
    messageId: 'm',
    severity: 'error',
    message: `${ruleId} at ${line}`,
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 3,
    path: 'x',
    functions: [],
    fingerprint: `fp-${ruleId}-${line}`,
    related,
  };
}

const apply = (text: string, findings: Finding[], options: LinterOptions = { reportUnusedDisableDirectives: 'off' }, more: Array<{ file: string; text: string }> = []) =>
  applyDirectives(findings, [{ file: FILE, text }, ...more], options);

const ids = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.line}`);

describe('parseDirectives', () => {
  it('reads kinds, rule lists and justifications', () => {
    const text = `# iamlint-disable
a: 1 # iamlint-disable-line rule-a, rule-b -- legacy bucket
# iamlint-disable-next-line rule-c
b: 2
#iamlint-enable rule-a
# iamlint-disabled is not a directive
# iamlint-enable
`;
    const ds = parseDirectives(FILE, text);
    expect(ds.map((d) => [d.kind, d.rules, d.justification, d.line, d.column, d.targetLine, d.fileWide])).toEqual([
      ['disable', null, undefined, 1, 1, undefined, true],
      ['disable-line', ['rule-a', 'rule-b'], 'legacy bucket', 2, 6, 2, false],
      ['disable-next-line', ['rule-c'], undefined, 3, 1, 4, false],
      ['enable', ['rule-a'], undefined, 5, 1, undefined, false],
      ['enable', null, undefined, 7, 1, undefined, false],
    ]);
  });

  it('never reads a # inside quoted or block scalars', () => {
    const text = `a: "x # iamlint-disable"
b: 'y # iamlint-disable-line'
c: |
  # iamlint-disable
  z
d: >-
  # iamlint-disable-next-line
e: [1, 2] # iamlint-disable-line r
f: plain#iamlint-disable
`;
    const ds = parseDirectives(FILE, text);
    expect(ds.map((d) => [d.kind, d.line])).toEqual([['disable-line', 8]]);
  });

  it('next-line skips blank and comment-only lines', () => {
    const text = `a:
  # iamlint-disable-next-line r1
  # iamlint-disable-next-line r2

  # why: reasons
  b: 1
`;
    expect(parseDirectives(FILE, text).map((d) => d.targetLine)).toEqual([6, 6]);
  });

  it('a disable after the first key is not file-wide; one after --- is', () => {
    expect(parseDirectives(FILE, 'a: 1\n# iamlint-disable\n')[0]!.fileWide).toBe(false);
    expect(parseDirectives(FILE, '---\n# iamlint-disable r\nservice: x\n')[0]!.fileWide).toBe(true);
    expect(parseDirectives(FILE, '# iamlint-disable-next-line\nservice: x\n')[0]!.fileWide).toBe(false);
  });

  it('splits rule lists on commas and spaces; -- needs spaces around it', () => {
    expect(parseDirectiveBody(' a,b  c -- because -- really')).toEqual({ rules: ['a', 'b', 'c'], justification: 'because -- really' });
    expect(parseDirectiveBody(' -- only a reason')).toEqual({ rules: null, justification: 'only a reason' });
    expect(parseDirectiveBody(' a --')).toEqual({ rules: ['a'], justification: undefined });
    expect(parseDirectiveBody('')).toEqual({ rules: null, justification: undefined });
  });
});

describe('applyDirectives', () => {
  it('disable-next-line and disable-line hide the listed rules only', () => {
    const text = `a:
  # iamlint-disable-next-line r1 -- ok
  b: 1
  c: 2 # iamlint-disable-line r2
  d: 3
`;
    const r = apply(text, [finding('r1', 3), finding('r2', 3), finding('r2', 4), finding('r1', 4), finding('r2', 5)]);
    expect(ids(r.findings)).toEqual(['r2@3', 'r1@4', 'r2@5']);
    expect(ids(r.suppressed)).toEqual(['r1@3', 'r2@4']);
    expect(r.suppressedByFile.get(FILE)).toBe(2);
  });

  it('a directive without rules hides every rule', () => {
    const r = apply('a: 1 # iamlint-disable-line\nb: 2\n', [finding('r1', 1), finding('r2', 1), finding('r1', 2)]);
    expect(ids(r.findings)).toEqual(['r1@2']);
  });

  it('disable/enable ranges, for all rules or some', () => {
    const text = `a: 1
# iamlint-disable r1
b: 2
# iamlint-enable r1
c: 3
# iamlint-disable
d: 4
# iamlint-enable r2
e: 5
# iamlint-enable
f: 6
`;
    const fs = [3, 5, 7, 9, 11].flatMap((l) => [finding('r1', l), finding('r2', l)]);
    const r = apply(text, fs);
    expect(ids(r.findings)).toEqual(['r2@3', 'r1@5', 'r2@5', 'r2@9', 'r1@11', 'r2@11']);
  });

  it('a range starts after its comment on the same line', () => {
    const r = apply('a: 1 # iamlint-disable\nb: 2\n', [finding('r', 1, 1), finding('r', 2, 1)]);
    expect(ids(r.findings)).toEqual(['r@1']);
  });

  it('a disable before the first key covers the whole file, even findings at its top', () => {
    const text = `# iamlint-disable r1 -- generated file
service: x
`;
    const r = apply(text, [finding('r1', 1, 1), finding('r1', 2, 1), finding('r2', 2, 1)]);
    expect(ids(r.findings)).toEqual(['r2@2']);
  });

  it('never hides internal errors, parse errors or directive findings', () => {
    const r = apply('# iamlint-disable\na: 1\n', [finding('internal-error', 2), finding('parse-error', 2), finding('r', 2)]);
    expect(ids(r.findings)).toEqual(['internal-error@2', 'parse-error@2']);
  });

  it('directives of an included file apply to findings located there only', () => {
    const inc = { file: '/proj/iam.yml', text: '- Effect: Allow\n  # iamlint-disable-next-line r\n  Action: "*"\n' };
    const r = apply('a: 1\nb: 2\nc: 3\n', [finding('r', 3, 3, '/proj/iam.yml'), finding('r', 3, 3)], undefined, [inc]);
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['/proj/serverless.yml:3']);
    expect(r.suppressedByFile.get('/proj/iam.yml')).toBe(1);
  });

  it('a line directive at a variable site hides findings reached through it', () => {
    const text = `custom:
  arn: x
provider:
  # iamlint-disable-next-line r
  res: \${self:custom.arn}
`;
    const via: RelatedLocation = { message: 'reached through', file: FILE, line: 5, column: 8, endLine: 5, endColumn: 25, path: 'provider.res', kind: 'variable' };
    const note: RelatedLocation = { ...via, kind: 'note' };
    const r = apply(text, [finding('r', 2, 8, FILE, [via]), finding('q', 2, 8, FILE, [note])]);
    expect(ids(r.findings)).toEqual(['q@2']);
  });

  it('noInlineConfig ignores directives', () => {
    const r = apply('a: 1 # iamlint-disable-line\n', [finding('r', 1)], { noInlineConfig: true, reportUnusedDisableDirectives: 'error' });
    expect(ids(r.findings)).toEqual(['r@1']);
    expect(r.suppressed).toEqual([]);
  });

  it('JSON files have no comments', () => {
    const r = applyDirectives([finding('r', 1, 1, '/proj/serverless.json')], [{ file: '/proj/serverless.json', text: '{"a": "# iamlint-disable"}' }], {});
    expect(r.findings).toHaveLength(1);
  });
});

describe('unused directives and justifications', () => {
  it('reports unused directives and unused rules of a list, at the comment', () => {
    const text = `a: 1 # iamlint-disable-line r1, r2
# iamlint-disable-next-line
b: 2
# iamlint-disable r3 -- later
c: 3
`;
    const r = apply(text, [finding('r1', 1)], { reportUnusedDisableDirectives: 'warn' });
    const unused = r.findings.filter((f) => f.ruleId === 'unused-disable-directive');
    expect(unused.map((f) => [f.messageId, f.severity, f.line, f.column, f.message])).toEqual([
      ['unused-rules', 'warning', 1, 6, "Unused iamlint-disable-line directive (no problems were reported from 'r2')."],
      ['unused', 'warning', 2, 1, 'Unused iamlint-disable-next-line directive (no problems were reported).'],
      ['unused', 'warning', 4, 1, "Unused iamlint-disable directive (no problems were reported from 'r3')."],
    ]);
    expect(new Set(unused.map((f) => f.fingerprint)).size).toBe(3);
    expect(unused.every((f) => /^[0-9a-f]{32}$/.test(f.fingerprint))).toBe(true);
  });

  it('off reports nothing; error grades as error; true means error', () => {
    const text = 'a: 1 # iamlint-disable-line\n';
    expect(apply(text, [], { reportUnusedDisableDirectives: 'off' }).findings).toEqual([]);
    expect(apply(text, [], { reportUnusedDisableDirectives: 'error' }).findings[0]!.severity).toBe('error');
    expect(apply(text, [], { reportUnusedDisableDirectives: true }).findings[0]!.severity).toBe('error');
    // Default: warn.
    expect(applyDirectives([], [{ file: FILE, text }]).findings[0]!.severity).toBe('warning');
  });

  it('requireJustification reports directives without a reason; they still suppress', () => {
    const text = `a: 1 # iamlint-disable-line r
b: 2 # iamlint-disable-line r -- reviewed
# iamlint-enable
`;
    const r = apply(text, [finding('r', 1), finding('r', 2)], { requireJustification: true, reportUnusedDisableDirectives: 'off' });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([['missing-disable-justification', 1, 'error']]);
    expect(r.suppressed).toHaveLength(2);
  });
});
