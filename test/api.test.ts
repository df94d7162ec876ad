/** The library entry point: `import { loadService, synthesize } from 'iamlint'`. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadService, nodeAt, synthesize, toCloudFormation, Unknown } from '../src/index.js';

function service(text: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-api-'));
  writeFileSync(join(dir, 'serverless.yml'), text);
  for (const [name, body] of Object.entries(extra)) writeFileSync(join(dir, name), body);
  return join(dir, 'serverless.yml');
}

describe('library API', () => {
  it('loads, resolves and synthesizes a service with provenance and spans', () => {
    const file = service(
      [
        'service: api',
        'provider:',
        '  name: aws',
        '  iam:',
        '    role:',
        '      statements: ${file(./iam.yml):statements}',
        'functions:',
        '  worker:',
        '    handler: h.h',
        '    events:',
        '      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs',
        '',
      ].join('\n'),
      { 'iam.yml': 'statements:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::b/*\n' },
    );
    const { service: resolved, diagnostics } = loadService(file, { stage: 'prod' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(resolved).toBeDefined();
    const model = synthesize(resolved!);
    expect(model.stage).toBe('prod');
    const shared = model.roles.find((r) => r.logicalId === 'IamRoleLambdaExecution')!;
    expect(shared.functions).toEqual(['worker']);
    const written = shared.statements.find((s) => s.provenance.kind === 'provider')!;
    expect(written.document.Action).toEqual(['s3:GetObject']);
    // The statement was written in the included file: its span says so.
    const path = (written.provenance as { path: (string | number)[] }).path;
    expect(path).toEqual(['provider', 'iam', 'role', 'statements', 0]);
    const node = nodeAt(model.tree, path)!;
    expect(node.span.file).toBe(join(resolved!.dir, 'iam.yml'));
    expect(node.span.line).toBe(2);
    // The variable is recorded once, on the value it produced (the list).
    expect(nodeAt(model.tree, path.slice(0, -1))!.via?.[0]?.text).toBe('${file(./iam.yml):statements}');
    const sqs = shared.statements.find((s) => s.provenance.kind === 'auto' && s.provenance.grant === 'sqs')!;
    expect(sqs.provenance).toMatchObject({ causes: [{ function: 'worker', setting: ['functions', 'worker', 'events', 0, 'sqs'] }] });
    const cfn = toCloudFormation(model) as { functions: Record<string, { roleLogicalId: string }> };
    expect(cfn.functions.worker!.roleLogicalId).toBe('IamRoleLambdaExecution');
  });

  it('keeps values it cannot know offline as Unknown, never as "*"', () => {
    const file = service(
      'service: api\nprovider:\n  name: aws\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: s3:GetObject\n          Resource: ${ssm:/bucket-arn}\nfunctions:\n  a:\n    handler: h.h\n',
    );
    const model = synthesize(loadService(file).service!);
    const st = model.roles[0]!.statements.find((s) => s.provenance.kind === 'provider')!;
    expect(st.document.Resource).toBeInstanceOf(Unknown);
    expect(String(st.document.Resource)).toBe('${ssm:/bucket-arn}');
  });

  it('reports a file that is not a service instead of a model', () => {
    const file = service('Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n');
    const loaded = loadService(file);
    expect(loaded.service).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.code)).toContain('not-serverless-config');
  });
});
