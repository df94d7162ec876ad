import { describe, expect, it } from 'vitest';
import rule, { mayMatch } from '../../rules/require-permissions-boundary.js';
import { ruleTester } from '../helpers/rule-tester.js';

describe('mayMatch (IAM wildcard pattern vs a value with unknown parts)', () => {
  const HOLE = '\u0000';
  it('matches literal and wildcard patterns', () => {
    expect(mayMatch('arn:aws:iam::*:policy/boundary', 'arn:aws:iam::123456789012:policy/boundary')).toBe(true);
    expect(mayMatch('arn:aws:iam::*:policy/boundary', 'arn:aws:iam::123456789012:policy/other')).toBe(false);
    expect(mayMatch('arn:aws:iam::12345678901?:policy/b', 'arn:aws:iam::123456789012:policy/b')).toBe(true);
    expect(mayMatch('arn:aws:iam::12345678901?:policy/b', 'arn:aws:iam::1234567890123:policy/b')).toBe(false);
  });
  it('an unknown part may be anything, but the known text must still fit', () => {
    expect(mayMatch('arn:aws:iam::123456789012:policy/boundary', `arn:aws:iam::${HOLE}:policy/boundary`)).toBe(true);
    expect(mayMatch('arn:aws:iam::123456789012:policy/boundary', `arn:aws:iam::${HOLE}:policy/other`)).toBe(false);
    expect(mayMatch('*', HOLE)).toBe(true);
  });
});

ruleTester(rule).run({
  valid: [
    {
      name: 'provider boundary on the shared role',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
      `,
    },
    {
      name: 'shared and dedicated roles both get the provider boundary',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          refund:
            handler: handler.refund
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: sqs:SendMessage
                    Resource: arn:aws:sqs:us-east-1:123456789012:refunds
      `,
    },
    {
      name: 'boundary built with !Sub matches the required pattern',
      options: { pattern: 'arn:aws:iam::*:policy/lambda-boundary' },
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              permissionsBoundary: !Sub arn:aws:iam::\${AWS::AccountId}:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          refund:
            handler: handler.refund
      `,
    },
    {
      name: 'roles declared in resources are not checked by default',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          legacy:
            handler: handler.legacy
            role: LegacyRole
        resources:
          Resources:
            LegacyRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
      `,
    },
    {
      name: 'legacy provider.rolePermissionsBoundary still sets the boundary',
      yaml: `
        service: payments
        provider:
          name: aws
          rolePermissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
      `,
    },
  ],
  invalid: [
    {
      name: 'no boundary anywhere: one finding for the generated roles',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: dynamodb:GetItem
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
        functions:
          charge:
            handler: handler.charge
          refund:
            handler: handler.refund
      `,
      errors: [{ messageId: 'missing', path: 'provider.iam.role', functions: ['charge', 'refund'] }],
    },
    {
      name: 'shared and dedicated roles without a boundary (no provider.iam at all: reported at provider)',
      yaml: `
        service: payments
        provider:
          name: aws
        functions:
          charge:
            handler: handler.charge
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: sqs:SendMessage
                    Resource: arn:aws:sqs:us-east-1:123456789012:charges
          refund:
            handler: handler.refund
      `,
      errors: [{ messageId: 'missing', path: 'provider', functions: ['charge', 'refund'] }],
    },
    {
      name: 'a function overrides the boundary with one that does not match the pattern',
      options: { pattern: ['arn:aws:iam::*:policy/lambda-boundary'] },
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          refund:
            handler: handler.refund
            iam:
              role:
                permissionsBoundary: arn:aws:iam::123456789012:policy/wide-open
      `,
      errors: [
        {
          messageId: 'mismatch',
          path: 'functions.refund.iam.role.permissionsBoundary',
          functions: ['refund'],
        },
      ],
    },
    {
      name: 'perFunction: a provider boundary that does not match is reported once, for every function',
      options: { pattern: 'arn:aws:iam::*:policy/org/*' },
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          refund:
            handler: handler.refund
      `,
      errors: [
        {
          messageId: 'mismatch',
          path: 'provider.iam.role.permissionsBoundary',
          line: 7,
          functions: ['charge', 'refund'],
          data: {
            boundary: 'arn:aws:iam::123456789012:policy/lambda-boundary',
            expected: 'arn:aws:iam::*:policy/org/*',
            setting: 'provider.iam.role.permissionsBoundary',
          },
        },
      ],
    },
    {
      name: 'includeResourceRoles: a role from resources that runs a function',
      options: { includeResourceRoles: true },
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
        functions:
          charge:
            handler: handler.charge
          legacy:
            handler: handler.legacy
            role: LegacyRole
        resources:
          Resources:
            LegacyRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
      `,
      errors: [{ messageId: 'missingResource', path: 'resources.Resources.LegacyRole', functions: ['legacy'] }],
    },
  ],
});
