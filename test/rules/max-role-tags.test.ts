import rule from '../../rules/max-role-tags.js';
import { ruleTester } from '../helpers/rule-tester.js';

const tags = (n: number, indent: string, prefix = 'tag') =>
  Array.from({ length: n }, (_, i) => `${indent}${prefix}${i + 1}: value-${i + 1}`).join('\n');

ruleTester(rule).run({
  valid: [
    {
      name: 'fifty tags',
      yaml: `
service: inventory
provider:
  name: aws
  iam:
    role:
      tags:
${tags(50, '        ')}
functions:
  sync:
    handler: handler.sync
`,
    },
    {
      name: 'function tags that override provider keys do not add up',
      yaml: `
service: inventory
provider:
  name: aws
  iam:
    role:
      tags:
${tags(40, '        ')}
functions:
  sync:
    handler: handler.sync
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Inventory
        tags:
${tags(20, '          ')}
`,
    },
    {
      name: 'provider.tags and stackTags are not written on the role',
      yaml: `
service: inventory
provider:
  name: aws
  tags:
${tags(30, '    ')}
  stackTags:
${tags(30, '    ', 'stack')}
  iam:
    role:
      tags:
${tags(30, '        ', 'role')}
functions:
  sync:
    handler: handler.sync
`,
    },
  ],
  invalid: [
    {
      name: 'fifty-one provider role tags',
      yaml: `
service: inventory
provider:
  name: aws
  iam:
    role:
      tags:
${tags(51, '        ')}
functions:
  sync:
    handler: handler.sync
`,
      errors: [{ messageId: 'tooMany', path: 'provider.iam.role.tags', line: 6, functions: ['sync'], data: { count: 51, merged: '', excess: 1, setting: 'provider.iam.role.tags' } }],
    },
    {
      name: 'provider and function tags merged on a dedicated role',
      yaml: `
service: inventory
provider:
  name: aws
  iam:
    role:
      tags:
${tags(40, '        ')}
functions:
  sync:
    handler: handler.sync
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Inventory
        tags:
${tags(15, '          ', 'fn')}
  report:
    handler: handler.report
`,
      errors: [{ messageId: 'tooMany', path: 'functions.sync.iam.role.tags', functions: ['sync'] }],
    },
    {
      name: 'perFunction mode: the provider tags are too many for every role, one finding',
      yaml: `
service: inventory
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      tags:
${tags(55, '        ')}
functions:
  sync:
    handler: handler.sync
  report:
    handler: handler.report
`,
      errors: [{ messageId: 'tooMany', path: 'provider.iam.role.tags', functions: ['report', 'sync'], data: { count: 55, merged: '', excess: 5, setting: 'provider.iam.role.tags' } }],
    },
    {
      name: 'Tags of a role in resources',
      yaml: `
service: inventory
provider:
  name: aws
functions:
  sync:
    handler: handler.sync
    role: SyncRole
resources:
  Resources:
    SyncRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: { Service: lambda.amazonaws.com }
              Action: sts:AssumeRole
        Tags:
${Array.from({ length: 52 }, (_, i) => `          - Key: k${i}\n            Value: v${i}`).join('\n')}
`,
      errors: [{ messageId: 'tooMany', path: 'resources.Resources.SyncRole.Properties.Tags', functions: ['sync'] }],
    },
  ],
});
