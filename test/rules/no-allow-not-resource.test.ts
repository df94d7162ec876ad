import rule from '../../rules/no-allow-not-resource.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'Allow with a Resource list',
      yaml: `
        service: media
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource:
                    - arn:aws:s3:::media-bucket/*
        functions:
          thumbnail:
            handler: handler.thumbnail
      `,
    },
    {
      name: 'Deny with NotResource (allow-list guard)',
      yaml: `
        service: media
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::media-bucket/*
                - Effect: Deny
                  Action: s3:*
                  NotResource:
                    - arn:aws:s3:::media-bucket
                    - arn:aws:s3:::media-bucket/*
        functions:
          thumbnail:
            handler: handler.thumbnail
      `,
    },
    {
      name: 'dedicated role without NotResource',
      yaml: `
        service: media
        provider:
          name: aws
        functions:
          upload:
            handler: handler.upload
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:PutObject]
                    Resource: [arn:aws:s3:::uploads/*]
      `,
    },
  ],
  invalid: [
    {
      name: 'provider statement',
      yaml: `
        service: media
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:DeleteObject
                  NotResource: arn:aws:s3:::audit-logs/*
        functions:
          cleanup:
            handler: handler.cleanup
      `,
      errors: [
        {
          messageId: 'allowNotResource',
          path: 'provider.iam.role.statements[0].NotResource',
          line: 9,
          functions: ['cleanup'],
          data: { actions: 's3:DeleteObject', resources: 'arn:aws:s3:::audit-logs/*' },
        },
      ],
    },
    {
      name: 'function statement with NotAction and NotResource',
      yaml: `
        service: media
        provider:
          name: aws
        functions:
          ops:
            handler: handler.ops
            iam:
              role:
                statements:
                  - Effect: Allow
                    NotAction: iam:*
                    NotResource:
                      - arn:aws:s3:::secrets/*
      `,
      errors: [
        {
          messageId: 'allowNotResource',
          path: 'functions.ops.iam.role.statements[0].NotResource',
          functions: ['ops'],
          data: { actions: 'every action except iam:*', resources: 'arn:aws:s3:::secrets/*' },
        },
      ],
    },
    {
      name: 'inherited into dedicated roles: reported once where written',
      yaml: `
        service: media
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: [sqs:SendMessage]
                  NotResource: [arn:aws:sqs:us-east-1:123456789012:internal]
        functions:
          one:
            handler: handler.one
          two:
            handler: handler.two
          three:
            handler: handler.three
      `,
      errors: [{ messageId: 'allowNotResource', path: 'provider.iam.role.statements[0].NotResource', functions: ['one', 'two', 'three'] }],
    },
  ],
});
