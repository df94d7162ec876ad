import rule from '../../rules/no-admin-policies.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'read-only AWS managed policy',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              managedPolicies:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
        functions:
          nightly:
            handler: handler.nightly
      `,
    },
    {
      name: 'a customer managed policy that happens to be called AdministratorAccess is not the AWS one',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              managedPolicies:
                - arn:aws:iam::123456789012:policy/AdministratorAccess
        functions:
          nightly:
            handler: handler.nightly
      `,
    },
    {
      name: 'a role in resources that no function runs with (e.g. a CI role) is not an execution role',
      yaml: `
        service: reports
        provider:
          name: aws
        functions:
          nightly:
            handler: handler.nightly
        resources:
          Resources:
            DeployRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal:
                        Service: codebuild.amazonaws.com
                      Action: sts:AssumeRole
                ManagedPolicyArns:
                  - arn:aws:iam::aws:policy/AdministratorAccess
      `,
    },
    {
      name: 'allowed by option',
      options: { allow: ['PowerUserAccess'] },
      yaml: `
        service: sandbox
        provider:
          name: aws
          iam:
            role:
              managedPolicies:
                - arn:aws:iam::aws:policy/PowerUserAccess
        functions:
          play:
            handler: handler.play
      `,
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess on the shared role',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              managedPolicies:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
                - arn:aws:iam::aws:policy/AdministratorAccess
        functions:
          nightly:
            handler: handler.nightly
          weekly:
            handler: handler.weekly
      `,
      errors: [
        {
          messageId: 'adminPolicy',
          path: 'provider.iam.role.managedPolicies[1]',
          line: 8,
          functions: ['nightly', 'weekly'],
          data: { policy: 'AdministratorAccess', what: 'full access to every AWS service and resource' },
        },
      ],
    },
    {
      name: 'built with !Sub and the partition on a dedicated role',
      yaml: `
        service: reports
        provider:
          name: aws
        functions:
          nightly:
            handler: handler.nightly
          ops:
            handler: handler.ops
            iam:
              role:
                managedPolicies:
                  - !Sub arn:\${AWS::Partition}:iam::aws:policy/PowerUserAccess
      `,
      errors: [{ messageId: 'adminPolicy', path: 'functions.ops.iam.role.managedPolicies[0]', functions: ['ops'] }],
    },
    {
      name: 'built with Fn::Join (long form), legacy provider.iamManagedPolicies',
      yaml: `
        service: reports
        provider:
          name: aws
          iamManagedPolicies:
            - Fn::Join:
                - ''
                - - 'arn:'
                  - Ref: AWS::Partition
                  - ':iam::aws:policy/IAMFullAccess'
        functions:
          nightly:
            handler: handler.nightly
      `,
      errors: [{ messageId: 'adminPolicy', path: 'provider.iamManagedPolicies[0]', data: { policy: 'IAMFullAccess', what: 'full IAM access, so the function can grant itself anything' } }],
    },
    {
      name: 'perFunction mode: the provider policy lands on every role, reported once',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              managedPolicies:
                - arn:aws:iam::aws:policy/job-function/SystemAdministrator
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'adminPolicy', path: 'provider.iam.role.managedPolicies[0]', functions: ['a', 'b'] }],
    },
    {
      name: 'extra policy names from options; a resources role used by a function',
      options: { policies: ['AmazonS3FullAccess'] },
      yaml: `
        service: reports
        provider:
          name: aws
        functions:
          nightly:
            handler: handler.nightly
            role: ReportsRole
        resources:
          Resources:
            ReportsRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal:
                        Service: lambda.amazonaws.com
                      Action: sts:AssumeRole
                ManagedPolicyArns:
                  - arn:aws:iam::aws:policy/AmazonS3FullAccess
      `,
      errors: [
        {
          messageId: 'adminPolicy',
          path: 'resources.Resources.ReportsRole.Properties.ManagedPolicyArns[0]',
          functions: ['nightly'],
          data: { policy: 'AmazonS3FullAccess', what: 'access this project does not allow on execution roles' },
        },
      ],
    },
  ],
});
