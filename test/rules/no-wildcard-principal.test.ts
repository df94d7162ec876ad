import rule from '../../rules/no-wildcard-principal.js';
import { ruleTester } from '../helpers/rule-tester.js';

const service = (trust: string) => `
service: partners
provider:
  name: aws
functions:
  sync:
    handler: handler.sync
    role: PartnerRole
resources:
  Resources:
    PartnerRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
${trust}
`;

ruleTester(rule).run({
  valid: [
    {
      name: 'generated roles trust lambda.amazonaws.com only',
      yaml: `
        service: partners
        provider:
          name: aws
        functions:
          sync:
            handler: handler.sync
      `,
    },
    {
      name: 'service principal',
      yaml: service(`
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole`),
    },
    {
      name: 'AWS "*" narrowed by a Condition on the organization',
      yaml: service(`
            - Effect: Allow
              Principal:
                AWS: '*'
              Action: sts:AssumeRole
              Condition:
                StringEquals:
                  aws:PrincipalOrgID: o-a1b2c3d4e5`),
    },
    {
      name: 'a named account, and a Deny with "*"',
      yaml: service(`
            - Effect: Allow
              Principal:
                AWS: arn:aws:iam::210987654321:root
              Action: sts:AssumeRole
            - Effect: Deny
              Principal: '*'
              Action: sts:AssumeRole`),
    },
  ],
  invalid: [
    {
      name: 'AWS: "*" without a condition',
      yaml: service(`
            - Effect: Allow
              Principal:
                AWS: '*'
              Action: sts:AssumeRole`),
      errors: [{ messageId: 'wildcard', functions: ['sync'], data: { role: 'PartnerRole', principal: '`Principal: {AWS: "*"}`', used: '; functions run with it' } }],
    },
    {
      name: 'Principal: "*" as a plain string, in a second statement',
      yaml: service(`
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole
            - Effect: Allow
              Principal: '*'
              Action: [sts:AssumeRole, sts:TagSession]`),
      errors: [{ messageId: 'wildcard', data: { role: 'PartnerRole', principal: '`Principal: "*"`', used: '; functions run with it' } }],
    },
    {
      name: '"*" inside a list of AWS principals, with an empty Condition',
      yaml: service(`
            - Effect: Allow
              Principal:
                AWS:
                  - arn:aws:iam::210987654321:root
                  - '*'
              Action: sts:AssumeRole
              Condition: {}`),
      errors: [{ messageId: 'wildcard' }],
    },
    {
      name: 'Allow with NotPrincipal',
      yaml: service(`
            - Effect: Allow
              NotPrincipal:
                AWS: arn:aws:iam::210987654321:root
              Action: sts:AssumeRole`),
      errors: [{ messageId: 'notPrincipal' }],
    },
    {
      name: 'a generated role whose trust is widened through resources (merged by index)',
      yaml: `
        service: partners
        provider:
          name: aws
        functions:
          sync:
            handler: handler.sync
        resources:
          Resources:
            IamRoleLambdaExecution:
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Principal:
                        AWS: '*'
      `,
      errors: [{ messageId: 'wildcard', functions: ['sync'], data: { role: 'IamRoleLambdaExecution', principal: '`Principal: {AWS: "*"}`', used: '; functions run with it' } }],
    },
    {
      name: 'a role nobody runs with is still assumable by anyone',
      yaml: `
        service: partners
        provider:
          name: aws
        functions:
          sync:
            handler: handler.sync
        resources:
          Resources:
            OpenRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    Effect: Allow
                    Principal: { AWS: '*' }
                    Action: sts:AssumeRole
      `,
      errors: [{ messageId: 'wildcard', data: { role: 'OpenRole', principal: '`Principal: {AWS: "*"}`', used: '' } }],
    },
  ],
});
