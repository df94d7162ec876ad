/**
 * The CI-facing formats one by one: GitHub workflow commands (escaping), the Markdown summary
 * (escaping, grouping, size limit) and the role graphs (Mermaid and DOT escaping and marks).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { lintFile } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/types.js';
import { annotation, escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { MARKDOWN_MARKER, formatMarkdown, githubLinkBase, markdownCell } from '../../src/report/markdown.js';
import { escapeDot, escapeMermaid, formatRolesDot, formatRolesMermaid, rolesGraph } from '../../src/report/roles-graph.js';
import { makeTree } from '../config/fixtures.js';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'no-admin-policies',
    messageId: 'm',
    severity: 'error',
    message: 'Bad thing',
    file: '/repo/svc/serverless.yml',
    line: 8,
    column: 11,
    endLine: 8,
    endColumn: 54,
    path: 'provider.iam.role',
    functions: ['api'],
    fingerprint: 'f'.repeat(32),
    related: [],
    ...over,
  };
}

describe('--format github', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\n')).toBe('a%3Ab%2Cc%25d%0A');
  });

  it('one command per finding: error, warning, notice; file relative to the repository root', () => {
    const out = formatGithub(
      [
        {
          filePath: '/repo/svc/serverless.yml',
          findings: [
            finding(),
            finding({ severity: 'warning', ruleId: 'no-shared-role', line: 3, endLine: 5, column: 5, endColumn: 2, functions: ['a', 'b'] }),
            finding({ severity: 'info', ruleId: 'not-serverless-config', line: 1, column: 1, endLine: 1, endColumn: 1, functions: [] }),
          ],
        },
      ],
      { repoRoot: '/repo' },
    );
    expect(out.split('\n')).toEqual([
      '::notice file=svc/serverless.yml,line=1,col=1,endLine=1,endColumn=1,title=iamlint (not-serverless-config)::Bad thing',
      '::warning file=svc/serverless.yml,line=3,col=5,endLine=5,endColumn=2,title=iamlint (no-shared-role)::Bad thing%0Afunctions: a, b',
      '::error file=svc/serverless.yml,line=8,col=11,endLine=8,endColumn=54,title=iamlint (no-admin-policies)::Bad thing%0Afunction: api',
      'iamlint: 1 error, 1 warning, 1 notice',
      '',
    ]);
  });

  it('a file name with , or : cannot break the command; notes follow the message', () => {
    const line = annotation(
      finding({
        file: '/repo/we,ird:dir/serverless.yml',
        message: 'line one\nline two 50%',
        related: [{ message: 'inherited from provider.iam.role.statements[0]', file: '/repo/we,ird:dir/serverless.yml', line: 4, column: 1, endLine: 4, endColumn: 2, path: 'x' }],
      }),
      '/repo',
    );
    expect(line).toBe(
      '::error file=we%2Cird%3Adir/serverless.yml,line=8,col=11,endLine=8,endColumn=54,title=iamlint (no-admin-policies)::line one%0Aline two 50%25%0Anote: inherited from provider.iam.role.statements[0] (we,ird:dir/serverless.yml:4)%0Afunction: api',
    );
    expect(line).not.toMatch(/[\r\n]/);
  });

  it('nothing to report: no output at all', () => {
    expect(formatGithub([{ filePath: '/repo/serverless.yml', findings: [] }], { repoRoot: '/repo' })).toBe('');
  });
});

describe('--format markdown', () => {
  it('cells: code spans kept, HTML, emphasis, pipes, mentions and line breaks neutralised', () => {
    expect(markdownCell('Set `a|b` on <b>x</b> *now* @team\nthen')).toBe('Set `a\\|b` on &lt;b&gt;x&lt;/b&gt; \\*now\\* &#64;team<br>then');
    expect(markdownCell('odd ` tick')).toBe('odd \\` tick');
    expect(markdownCell('arn:aws:s3:::b/* and [x](y)')).toBe('arn:aws:s3:::b/\\* and \\[x\\](y)');
  });

  it('link base from GitHub Actions environment', () => {
    expect(githubLinkBase({ GITHUB_SERVER_URL: 'https://ghe.example/', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 's' })).toBe('https://ghe.example/o/r/blob/s/');
    expect(githubLinkBase({ GITHUB_REPOSITORY: 'o/r' })).toBeUndefined();
  });

  it('counts, one collapsed table per function, service-wide findings last, links with line ranges', () => {
    const out = formatMarkdown(
      [
        {
          filePath: '/repo/svc/serverless.yml',
          findings: [
            finding({ functions: ['worker', 'api'] }),
            finding({ severity: 'warning', ruleId: 'unused-disable-directive', functions: [], line: 2, endLine: 4 }),
          ],
        },
      ],
      { repoRoot: '/repo', registry: rules, linkBase: 'https://github.com/o/r/blob/abc/' },
    );
    expect(out.startsWith(`${MARKDOWN_MARKER}\n### iamlint\n`)).toBe(true);
    expect(out).toContain('**1 error, 1 warning** in 1 service file.');
    expect(out).toContain('| ❌ Error | 1 |');
    const summaries = [...out.matchAll(/<summary>(.*)<\/summary>/g)].map((m) => m[1]);
    expect(summaries).toEqual([
      '<code>svc/serverless.yml</code> · function <code>api</code> — 1 error, 0 warnings',
      '<code>svc/serverless.yml</code> · function <code>worker</code> — 1 error, 0 warnings',
      '<code>svc/serverless.yml</code> · service-wide — 0 errors, 1 warning',
    ]);
    expect(out).toContain('[no-admin-policies](https://github.com/iamlint/iamlint/blob/main/docs/rules/no-admin-policies.md)');
    expect(out).toContain('[`svc/serverless.yml:8`](https://github.com/o/r/blob/abc/svc/serverless.yml#L8)');
    expect(out).toContain('[`svc/serverless.yml:2`](https://github.com/o/r/blob/abc/svc/serverless.yml#L2-L4)');
    expect(out).toContain('| `unused-disable-directive` |');
    expect((out.match(/<details>/g) ?? []).length).toBe((out.match(/<\/details>/g) ?? []).length);
  });

  it('a clean run says so', () => {
    expect(formatMarkdown([{ filePath: '/repo/serverless.yml', findings: [] }], { repoRoot: '/repo' })).toBe(`${MARKDOWN_MARKER}\n### iamlint\n\n✅ No problems in 1 service file.\n`);
  });

  it('stays within a GitHub comment, saying how much was left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding({ line: i + 1, endLine: i + 1, message: `Problem number ${i} `.repeat(5), functions: [`f${i % 7}`] }));
    const out = formatMarkdown([{ filePath: '/repo/svc/serverless.yml', findings: many }], { repoRoot: '/repo' });
    expect(out.length).toBeLessThanOrEqual(60_000);
    expect(out).toMatch(/_\d+ more rows left out to fit a GitHub comment/);
    expect((out.match(/<details>/g) ?? []).length).toBe((out.match(/<\/details>/g) ?? []).length);
  });
});

describe('iamlint roles --format mermaid|dot', () => {
  const SERVICE = `service: "weird <svc> & \\"co\\""
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: 's3:GetObject'
          Resource: 'arn:aws:s3:::b/#frag|x'
functions:
  api:
    handler: h.h
  worker:
    handler: h.w
    iam:
      inheritStatements: false
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:q
  ext:
    handler: h.e
    role: arn:aws:iam::123456789012:role/outside
`;

  async function inputs() {
    const dir = makeTree({ 'serverless.yml': SERVICE });
    const file = join(dir, 'serverless.yml');
    const r = await lintFile(file, { registry: rules, rules: {} });
    return { dir, inputs: [{ filePath: file, model: r.model! }] };
  }

  it('escapes every label character Mermaid or HTML would read', () => {
    expect(escapeMermaid('a "b" <c> & #d `e` |f|')).toBe('a #34;b#34; #60;c#62; #38; #35;d #96;e#96; #124;f#124;');
    expect(escapeDot('a "b" \\c')).toBe('a \\"b\\" \\\\c');
  });

  it('functions → roles → grouped permissions, inherited and auto-grants marked', async () => {
    const { dir, inputs: ins } = await inputs();
    const graph = rolesGraph(ins, { cwd: dir });
    expect(graph).toHaveLength(1);
    const labels = graph[0]!.nodes.map((n) => `${n.kind}${n.mark ? `:${n.mark}` : ''} ${n.lines[0]}`);
    expect(labels).toContain('function λ api');
    expect(labels).toContain('role ApiIamRoleLambdaExecution');
    expect(labels).toContain('permissions:inherited inherited from provider (1)');
    expect(labels.some((l) => l.startsWith('permissions:auto granted by the Framework'))).toBe(true);
    expect(labels).toContain('role:external arn:aws:iam::123456789012:role/outside');
    const auto = graph[0]!.nodes.find((n) => n.mark === 'auto' && n.lines.some((l) => l.includes('sqs:ReceiveMessage')))!;
    expect(auto.lines.find((l) => l.includes('sqs:ReceiveMessage'))).toMatch(/^\[sqs · worker\] Allow sqs:ReceiveMessage/);
    expect(graph[0]!.edges.filter((e) => e.mark === 'auto').every((e) => e.label === 'auto-grant')).toBe(true);
    expect(graph[0]!.edges.filter((e) => e.mark === 'inherited').every((e) => e.label === 'inherited')).toBe(true);
  });

  it('mermaid: a flowchart LR whose labels are all quoted and escaped', async () => {
    const { dir, inputs: ins } = await inputs();
    const out = formatRolesMermaid(ins, { cwd: dir });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(out).toContain('service weird #60;svc#62; #38; #34;co#34;');
    expect(out).toContain('arn:aws:s3:::b/#35;frag#124;x');
    const node = /^\s+([A-Za-z0-9]+)(\(\[|\[\[|\[|>)"([^"]*)"(\]\)|\]\]|\])$/;
    const edge = /^\s+([A-Za-z0-9]+) (-->|-\.->|==>)(\|[a-z-]+\|)? ([A-Za-z0-9]+)$/;
    const ids = new Set<string>();
    for (const line of lines.slice(1)) {
      if (/^\s+(direction LR|end|classDef .+|class [A-Za-z0-9,]+ [a-z]+)$/.test(line)) continue;
      if (/^\s+subgraph [A-Za-z0-9]+\["[^"]*"\]$/.test(line)) continue;
      const n = node.exec(line);
      if (n) {
        expect(ids.has(n[1]!), `duplicate id ${n[1]}`).toBe(false);
        ids.add(n[1]!);
        expect(n[3]!.replace(/<br\/>/g, ''), line).not.toMatch(/[<>&"`|]/);
        continue;
      }
      const e = edge.exec(line);
      expect(e, `not a node, edge or statement: ${line}`).toBeTruthy();
      expect(ids.has(e![1]!) && ids.has(e![4]!), line).toBe(true);
    }
    expect(out).toMatch(/-\.->\|auto-grant\|/);
    expect(out).toMatch(/==>\|inherited\|/);
    expect(out).toMatch(/classDef auto /);
    expect(out).toMatch(/classDef inherited /);
  });

  it('dot: a digraph with one cluster per service, quoted labels, marked edges', async () => {
    const { dir, inputs: ins } = await inputs();
    const out = formatRolesDot(ins, { cwd: dir });
    expect(out).toMatch(/^digraph iamlint_roles \{\n/);
    expect(out).toContain('subgraph cluster_s0 {');
    expect(out).toContain('service weird <svc> & \\"co\\"');
    expect(out).toMatch(/\[label="auto-grant", style=dashed/);
    expect(out).toMatch(/\[label="inherited", style=dotted/);
    const lines = out.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('}');
    expect(lines.filter((l) => /^\s+subgraph cluster_s\d+ \{$/.test(l)).length).toBe(lines.filter((l) => /^\s+\}$/.test(l)).length);
    // Every quote inside a label is escaped: unescaped quotes come in pairs on each line.
    for (const line of out.split('\n')) expect((line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? []).length % 2, line).toBe(0);
  });

  it('--function limits the graph; a service without a model says why', async () => {
    const { dir, inputs: ins } = await inputs();
    const one = rolesGraph(ins, { cwd: dir, functions: ['api'] });
    expect(one[0]!.nodes.filter((n) => n.kind === 'function').map((n) => n.lines[0])).toEqual(['λ api']);
    const none = formatRolesMermaid([{ filePath: join(dir, 'bad.yml'), error: 'bad.yml:1:1: broken "yaml" [parse-error]' }], { cwd: dir });
    expect(none).toContain('no roles<br/>bad.yml:1:1: broken #34;yaml#34; [parse-error]');
  });
});
