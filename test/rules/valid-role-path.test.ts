import rule from '../../rules/valid-role-path.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'default path',
      yaml: `
        service: shipping
        provider:
          name: aws
        functions:
          label:
            handler: handler.label
      `,
    },
    {
      name: 'nested provider and function paths',
      yaml: `
        service: shipping
        provider:
          name: aws
          iam:
            role:
              path: /teams/logistics/
        functions:
          label:
            handler: handler.label
            iam:
              role:
                path: /teams/logistics/labels/
                statements:
                  - Effect: Allow
                    Action: s3:PutObject
                    Resource: arn:aws:s3:::labels/*
      `,
    },
    {
      name: 'a path from a variable and a role in resources with "/"',
      yaml: `
        service: shipping
        custom:
          rolePath: /shipping/\${sls:stage}/
        provider:
          name: aws
          iam:
            role:
              path: \${self:custom.rolePath}
        functions:
          label:
            handler: handler.label
            role: LabelRole
        resources:
          Resources:
            LabelRole:
              Type: AWS::IAM::Role
              Properties:
                Path: /
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
      `,
    },
  ],
  invalid: [
    {
      name: 'provider path without slashes',
      yaml: `
        service: shipping
        provider:
          name: aws
          iam:
            role:
              path: teams/logistics
        functions:
          label:
            handler: handler.label
          track:
            handler: handler.track
      `,
      errors: [
        {
          messageId: 'slashes',
          path: 'provider.iam.role.path',
          line: 6,
          functions: ['label', 'track'],
          data: { value: 'teams/logistics', suggestion: '/teams/logistics/', setting: 'provider.iam.role.path' },
        },
      ],
    },
    {
      name: 'function path missing its trailing slash, and one with a space',
      yaml: `
        service: shipping
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
        functions:
          label:
            handler: handler.label
            iam:
              role:
                path: /teams/logistics
          track:
            handler: handler.track
            iam:
              role:
                path: /teams/last mile/
      `,
      errors: [
        { messageId: 'slashes', path: 'functions.label.iam.role.path', functions: ['label'] },
        { messageId: 'badChars', path: 'functions.track.iam.role.path', functions: ['track'], data: { value: '/teams/last mile/', chars: 'a space', setting: 'functions.track.iam.role.path' } },
      ],
    },
    {
      name: 'a role in resources with a path over 512 characters',
      yaml: `
        service: shipping
        provider:
          name: aws
        functions:
          label:
            handler: handler.label
            role: LabelRole
        resources:
          Resources:
            LabelRole:
              Type: AWS::IAM::Role
              Properties:
                Path: /${'segment/'.repeat(70)}
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
      `,
      errors: [{ messageId: 'tooLong', path: 'resources.Resources.LabelRole.Properties.Path', data: { setting: 'resources.Resources.LabelRole.Properties.Path', length: 561 } }],
    },
  ],
});
