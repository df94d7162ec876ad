import { describe, expect, it } from 'vitest';
import { locate, spanAt } from '../../src/engine/locate.js';
import { runRules } from '../../src/engine/runner.js';
import { nodeAt } from '../../src/load/node.js';
import type { StatementModel } from '../../src/synthesize/model.js';
import { fakeRule, graft, model, parseTree, perFunctionModel, role, sharedModel, statement } from './fixtures.js';

const shared = sharedModel();
const sharedRole = shared.roles[0]!;
const [st0, st1, auto] = sharedRole.statements as [StatementModel, StatementModel, StatementModel];

describe('locate', () => {
  it('a written statement: where it was written', () => {
    expect(locate(shared, st0, sharedRole)).toMatchObject({
      file: '/proj/svc/serverless.yml',
      line: 7,
      column: 11,
      path: ['provider', 'iam', 'role', 'statements', 0],
      related: [],
    });
  });

  it('a statement part: the key, and the list item when an index is given', () => {
    expect(locate(shared, { statement: st0, key: 'Resource' }, sharedRole)).toMatchObject({ line: 9, column: 11 });
    expect(locate(shared, { statement: st0, key: 'Resource', index: 1 }, sharedRole)).toMatchObject({
      line: 11,
      column: 15,
      path: ['provider', 'iam', 'role', 'statements', 0, 'Resource', 1],
    });
    // A scalar key is located from its key through the end of its value.
    expect(locate(shared, { statement: st1, key: 'Action' }, sharedRole)).toMatchObject({
      line: 13,
      column: 11,
      endLine: 13,
      endColumn: 24,
    });
  });

  it('a part that is not written falls back to the closest ancestor, keeping the asked path', () => {
    const loc = locate(shared, { statement: st1, key: 'Condition' }, sharedRole);
    expect(loc).toMatchObject({ line: 12, column: 11, path: ['provider', 'iam', 'role', 'statements', 1, 'Condition'] });
    expect(loc.spanPath).toEqual(['provider', 'iam', 'role', 'statements', 1]);
    // An index into a scalar Resource: the Resource key.
    expect(locate(shared, { statement: st1, key: 'Resource', index: 0 }, sharedRole)).toMatchObject({ line: 14 });
  });

  it('an auto-grant: the setting that caused it, with a note naming setting and function', () => {
    const loc = locate(shared, auto, sharedRole);
    expect(loc).toMatchObject({ line: 19, column: 9, path: ['functions', 'worker', 'events', 0, 'sqs'] });
    expect(loc.related).toEqual([
      expect.objectContaining({
        kind: 'auto-grant',
        message: 'added by the Framework because of functions.worker.events[0].sqs (function worker)',
        line: 19,
        path: 'functions.worker.events[0].sqs',
      }),
    ]);
    // A part of an auto-grant is not written anywhere: the cause again.
    expect(locate(shared, { statement: auto, key: 'Action', index: 0 }, sharedRole)).toMatchObject({ line: 19 });
  });

  it('an inherited statement: where the provider wrote it, with an "inherited from" note', () => {
    const m = perFunctionModel();
    const r = m.roles[0]!;
    const loc = locate(m, r.statements[0]!, r);
    expect(loc).toMatchObject({ line: 7, path: ['provider', 'iam', 'role', 'statements', 0] });
    expect(loc.related).toEqual([
      expect.objectContaining({ kind: 'inherited', message: 'inherited from provider.iam.role.statements[0]', line: 7 }),
    ]);
  });

  it('template provenance and roles: the role declaredAt; functions: their path', () => {
    const mp = sharedRole.managedPolicies[0]!;
    expect(locate(shared, mp, sharedRole)).toMatchObject({ line: 5, path: ['provider', 'iam', 'role'] });
    expect(locate(shared, sharedRole)).toMatchObject({ line: 5 });
    expect(locate(shared, shared.functions[1]!)).toMatchObject({ line: 20, column: 3, path: ['functions', 'api'] });
  });

  it('resources provenance: that path; changedBy adds notes', () => {
    const { tree } = parseTree(`service: svc
provider:
  name: aws
resources:
  Resources:
    MyRole:
      Type: AWS::IAM::Role
      Properties:
        Policies:
          - PolicyName: p
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: '*'
                  Resource: '*'
  extensions:
    IamRoleLambdaExecution:
      Properties:
        RoleName: x
`);
    const p = ['resources', 'Resources', 'MyRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0];
    const s: StatementModel = { ...statement({ kind: 'resources', path: p }), changedBy: [['resources', 'extensions', 'IamRoleLambdaExecution']] };
    const m = model(tree, { roles: [role('MyRole', { kind: 'resource', declaredAt: ['resources', 'Resources', 'MyRole'], statements: [s] })] });
    const loc = locate(m, { statement: s, key: 'Action' });
    expect(loc).toMatchObject({ line: 14, column: 19 });
    expect(loc.related).toEqual([
      expect.objectContaining({ kind: 'changed-by', message: 'changed by resources.extensions.IamRoleLambdaExecution', line: 17 }),
    ]);
  });

  it('{path}: the node, or its closest ancestor; the first line when nothing exists', () => {
    expect(locate(shared, { path: ['functions', 'worker', 'handler'] })).toMatchObject({ line: 17, column: 5 });
    expect(locate(shared, { path: ['functions', 'worker', 'role'] })).toMatchObject({ line: 16, column: 3 });
    expect(locate(shared, { path: ['nothing', 'here'] })).toMatchObject({ line: 1, column: 1, path: ['nothing', 'here'] });
    expect(locate(shared, shared)).toMatchObject({ line: 1, column: 1, path: [] });
    const empty = { ...shared, tree: undefined as never };
    expect(spanAt(empty.tree, ['a'], '/x/serverless.yml').span).toEqual({ file: '/x/serverless.yml', line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('a value from an included file: located there, with the variable site as related', () => {
    const { tree } = parseTree(`service: svc
provider:
  name: aws
  iam:
    role:
      statements: \${file(./iam.yml)}
`);
    const inc = parseTree(`# shared statements
- Effect: Allow
  Action: s3:*
  Resource: '*'
`, '/proj/svc/iam.yml');
    const site = nodeAt(tree, ['provider', 'iam', 'role', 'statements'])!;
    graft(tree, ['provider', 'iam', 'role', 'statements'], inc.tree, [{ text: '${file(./iam.yml)}', span: site.span }]);
    const s = statement({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 0] });
    const m = model(tree, { roles: [role('IamRoleLambdaExecution', { statements: [s] })] });
    const loc = locate(m, { statement: s, key: 'Action' });
    expect(loc).toMatchObject({ file: '/proj/svc/iam.yml', line: 3, column: 3 });
    expect(loc.related).toEqual([
      expect.objectContaining({
        kind: 'variable',
        message: 'reached through ${file(./iam.yml)}',
        file: '/proj/svc/serverless.yml',
        line: 6,
        column: 19,
        path: 'provider.iam.role.statements',
      }),
    ]);

    // The same through the runner: the finding's file is the include.
    const r = fakeRule('r', (ctx) => ({ statement: (st) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: st }) }));
    const [f] = runRules(m, [{ rule: r, severity: 'error' }]);
    expect(f).toMatchObject({ file: '/proj/svc/iam.yml', line: 2, path: 'provider.iam.role.statements[0]' });
    expect(f!.related[0]).toMatchObject({ kind: 'variable', line: 6 });
  });

  it('a value reached through ${self:} is located where it is written', () => {
    const { tree } = parseTree(`service: svc
custom:
  arn: arn:aws:s3:::bucket
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: \${self:custom.arn}
`);
    const target = ['provider', 'iam', 'role', 'statements', 0, 'Resource'];
    const site = nodeAt(tree, target)!;
    graft(tree, target, nodeAt(tree, ['custom', 'arn'])!, [{ text: '${self:custom.arn}', span: site.span }]);
    const s = statement({ kind: 'provider', path: target.slice(0, -1) });
    const m = model(tree, { roles: [role('IamRoleLambdaExecution', { statements: [s] })] });
    const loc = locate(m, { statement: s, key: 'Resource' });
    expect(loc).toMatchObject({ line: 3, column: 8 });
    expect(loc.related[0]).toMatchObject({ kind: 'variable', line: 11, column: 21, path: 'provider.iam.role.statements[0].Resource' });
  });
});

describe('locate: values the model coerced into lists', () => {
  // SHARED_YAML: statement 1 writes `Action: sqs:*` and `Resource: '*'` as scalars; statement 0 a Resource list.
  const sqsAction = ['provider', 'iam', 'role', 'statements', 1, 'Action'];

  it('an index into a scalar names the scalar the user wrote', () => {
    expect(locate(shared, { statement: st1, key: 'Action', index: 0 }, sharedRole)).toMatchObject({ path: sqsAction, line: 13, column: 11 });
    expect(locate(shared, { path: [...sqsAction, 0] })).toMatchObject({ path: sqsAction, line: 13 });
    expect(locate(shared, { statement: st1, key: 'Resource', index: 0 }, sharedRole).path).toEqual(['provider', 'iam', 'role', 'statements', 1, 'Resource']);
  });

  it('an index into a written list keeps its index, even one past its end', () => {
    expect(locate(shared, { statement: st0, key: 'Resource', index: 1 }, sharedRole).path).toEqual(['provider', 'iam', 'role', 'statements', 0, 'Resource', 1]);
    expect(locate(shared, { statement: st0, key: 'Resource', index: 5 }, sharedRole)).toMatchObject({
      path: ['provider', 'iam', 'role', 'statements', 0, 'Resource', 5],
      line: 9,
    });
  });

  it('a key not written at all: the index stays when the model holds a list there, else it goes', () => {
    const withList = { ...st1, document: { ...st1.document, NotAction: ['s3:*'] } };
    expect(locate(shared, { statement: withList, key: 'NotAction', index: 0 }, sharedRole).path).toEqual(['provider', 'iam', 'role', 'statements', 1, 'NotAction', 0]);
    const withScalar = { ...st1, document: { ...st1.document, NotAction: 's3:*' } };
    expect(locate(shared, { statement: withScalar, key: 'NotAction', index: 0 }, sharedRole).path).toEqual(['provider', 'iam', 'role', 'statements', 1, 'NotAction']);
  });

  it('reported findings name the written scalar', () => {
    const rule = fakeRule('action-item', (ctx) => ({
      statement: (s) => ctx.report({ messageId: 'found', data: { what: 'x' }, at: { statement: s, key: 'Action', index: 0 } }),
    }));
    const findings = runRules(shared, [{ rule, severity: 'error' }]);
    expect(findings.map((f) => f.path)).toEqual([
      'provider.iam.role.statements[0].Action',
      'provider.iam.role.statements[1].Action',
      'functions.worker.events[0].sqs',
    ]);
  });
});
