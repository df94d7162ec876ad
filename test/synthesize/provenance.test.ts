/**
 * Provenance: every statement, managed policy, trust principal and role property says where it
 * came from, as logical config paths (and for auto-grants, the setting and function that caused it).
 */
import { describe, expect, it } from 'vitest';
import type { RoleModel } from '../../src/synthesize/index.js';
import { synth } from './helpers.js';

const fn = { handler: 'h.h' };
const role = (roles: RoleModel[], id: string) => roles.find((r) => r.logicalId === id)!;

describe('provenance', () => {
  const model = synth({
    service: 'svc',
    provider: {
      name: 'aws',
      vpc: { securityGroupIds: ['sg'], subnetIds: ['sn'] },
      iam: {
        role: {
          path: '/p/',
          statements: [
            { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
            { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
          ],
          managedPolicies: ['arn:mp'],
        },
      },
    },
    functions: {
      x: { ...fn, events: [{ sqs: 'arn:aws:sqs:us-east-1:1:q' }, { schedule: { rate: 'rate(1 hour)', method: 'scheduler' } }] },
      y: { ...fn, events: [{ sqs: { arn: 'arn:aws:sqs:us-east-1:1:q2' } }] },
      ded: {
        ...fn,
        iam: { inheritStatements: true, role: { statements: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }], tags: { T: '1' } } },
      },
    },
  });
  const shared = role(model.roles, 'IamRoleLambdaExecution');
  const ded = role(model.roles, 'DedIamRoleLambdaExecution');

  it("an SQS grant's causes point at each functions.<x>.events[i].sqs", () => {
    const sqs = shared.statements.find((s) => JSON.stringify(s.document.Action).includes('sqs:ReceiveMessage'))!;
    expect(sqs.provenance).toEqual({
      kind: 'auto',
      grant: 'sqs',
      causes: [
        { function: 'x', setting: ['functions', 'x', 'events', 0, 'sqs'] },
        { function: 'y', setting: ['functions', 'y', 'events', 0, 'sqs'] },
      ],
    });
  });

  it('provider statements on the shared role point at provider.iam.role.statements[i]', () => {
    expect(shared.statements[2]!.provenance).toEqual({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 0] });
    expect(shared.statements[3]!.provenance).toEqual({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 1] });
  });

  it("an inherited statement's path points at provider.iam.role.statements[1], with its function", () => {
    const inherited = ded.statements.filter((s) => s.provenance.kind === 'inherited');
    expect(inherited.map((s) => s.provenance)).toEqual([
      { kind: 'inherited', function: 'ded', path: ['provider', 'iam', 'role', 'statements', 0] },
      { kind: 'inherited', function: 'ded', path: ['provider', 'iam', 'role', 'statements', 1] },
    ]);
    expect(ded.statements.at(-1)!.provenance).toEqual({ kind: 'function', function: 'ded', path: ['functions', 'ded', 'iam', 'role', 'statements', 0] });
    expect(ded.statements.map((s) => s.statementIndex)).toEqual([0, 1, 2, 3]);
  });

  it('a dedicated role lists its function; the shared role lists the functions that run with it', () => {
    expect(ded.functions).toEqual(['ded']);
    expect(ded.dedicatedTo).toBe('ded');
    expect(ded.declaredAt).toEqual(['functions', 'ded', 'iam', 'role', 'statements']);
    expect(shared.functions).toEqual(['x', 'y']);
  });

  it('auto log statements name their causes; managed policies and trust have provenance', () => {
    expect(shared.statements[0]!.provenance).toEqual({
      kind: 'auto',
      grant: 'logs',
      causes: [
        { function: 'x', setting: ['functions', 'x'] },
        { function: 'y', setting: ['functions', 'y'] },
        { function: 'ded', setting: ['functions', 'ded'] },
      ],
    });
    expect(shared.managedPolicies.map((m) => m.provenance)).toEqual([
      { kind: 'provider', path: ['provider', 'iam', 'role', 'managedPolicies', 0] },
      { kind: 'auto', grant: 'vpc', causes: [{ setting: ['provider', 'vpc'] }] },
    ]);
    expect(shared.trust.map((t) => [t.principal, t.provenance])).toEqual([
      ['lambda.amazonaws.com', { kind: 'template' }],
      ['scheduler.amazonaws.com', { kind: 'auto', grant: 'scheduler', causes: [{ function: 'x', setting: ['functions', 'x', 'events', 1, 'schedule'] }] }],
    ]);
    // The dedicated clone keeps the trust (and its provenance) from the shared role.
    expect(ded.trust.map((t) => t.principal)).toEqual(['lambda.amazonaws.com', 'scheduler.amazonaws.com']);
    expect(ded.managedPolicies.map((m) => m.provenance)).toEqual([{ kind: 'auto', grant: 'vpc', causes: [{ setting: ['provider', 'vpc'] }] }]);
  });

  it('role properties: provider values on the shared role, inherited or function values on dedicated roles', () => {
    expect(shared.path).toEqual({ value: '/p/', provenance: { kind: 'provider', path: ['provider', 'iam', 'role', 'path'] } });
    expect(shared.roleName?.provenance).toEqual({ kind: 'template' });
    expect(ded.path).toEqual({ value: '/p/', provenance: { kind: 'inherited', function: 'ded', path: ['provider', 'iam', 'role', 'path'] } });
    expect(ded.tags).toEqual({ value: [{ Key: 'T', Value: '1' }], provenance: { kind: 'function', function: 'ded', path: ['functions', 'ded', 'iam', 'role', 'tags'] } });
  });

  it('an unused shared role lists no function', () => {
    const m = synth({ service: 'svc', provider: { name: 'aws' }, functions: { a: { ...fn, iamRoleStatements: [] } } });
    expect(role(m.roles, 'IamRoleLambdaExecution').functions).toEqual([]);
  });

  it('function role choice and where it was decided', () => {
    expect(model.functions.map((f) => [f.key, f.choice, f.choiceAt])).toEqual([
      ['x', 'shared', ['functions', 'x']],
      ['y', 'shared', ['functions', 'y']],
      ['ded', 'dedicated-opt-in', ['functions', 'ded', 'iam', 'role', 'statements']],
    ]);
  });

  it('perFunction roles: inherited managed policies and statements, declared by provider.iam.role.mode', () => {
    const m = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { mode: 'perFunction', managedPolicies: ['arn:mp'], statements: [{ Effect: 'Allow', Action: 'a:b', Resource: '*' }] } } },
      functions: { a: fn },
    });
    const r = role(m.roles, 'AIamRoleLambdaExecution');
    expect(r.declaredAt).toEqual(['provider', 'iam', 'role', 'mode']);
    expect(r.managedPolicies[0]!.provenance).toEqual({ kind: 'inherited', function: 'a', path: ['provider', 'iam', 'role', 'managedPolicies', 0] });
    expect(r.statements[1]!.provenance).toEqual({ kind: 'inherited', function: 'a', path: ['provider', 'iam', 'role', 'statements', 0] });
    expect(m.functions[0]!.choiceAt).toEqual(['provider', 'iam', 'role', 'mode']);
  });

  it('a statement that de-duplicated (KMS/X-Ray union, memoized destination) names every cause', () => {
    const m = synth({
      service: 'svc',
      provider: { name: 'aws' },
      functions: {
        a: { ...fn, tracing: 'Active', kmsKeyArn: 'K', destinations: { onFailure: 'arn:aws:sqs:us-east-1:1:q' } },
        b: { ...fn, tracing: 'Active', kmsKeyArn: 'K', destinations: { onFailure: 'arn:aws:sqs:us-east-1:1:q' } },
      },
    });
    const provs = m.roles[0]!.statements.slice(2).map((s) => s.provenance);
    expect(provs).toEqual([
      {
        kind: 'auto',
        grant: 'kms',
        causes: [
          { function: 'a', setting: ['functions', 'a', 'kmsKeyArn'] },
          { function: 'b', setting: ['functions', 'b', 'kmsKeyArn'] },
        ],
      },
      {
        kind: 'auto',
        grant: 'xray',
        causes: [
          { function: 'a', setting: ['functions', 'a', 'tracing'] },
          { function: 'b', setting: ['functions', 'b', 'tracing'] },
        ],
      },
      {
        kind: 'auto',
        grant: 'destination',
        causes: [
          { function: 'a', setting: ['functions', 'a', 'destinations', 'onFailure'] },
          { function: 'b', setting: ['functions', 'b', 'destinations', 'onFailure'] },
        ],
      },
    ]);
  });

  it('failures point at the setting that causes them', () => {
    const m = synth({ service: 'svc', provider: { name: 'aws', iam: { role: { name: 'custom' } } }, functions: { a: { ...fn, iamRoleStatements: [] } } });
    expect(m.failure).toMatchObject({ at: ['provider', 'iam', 'role', 'name'], function: 'a' });
    expect(m.roles).toEqual([]);
    expect(m.functions[0]).toMatchObject({ key: 'a', role: null, roleLogicalId: null, choice: 'dedicated-opt-in' });
  });
});
