import rule from '../../rules/no-conflicting-roles.js';
import { ruleTester } from '../helpers/rule-tester.js';

const statements = `
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::reports/*`;

ruleTester(rule).run({
  valid: [
    {
      name: 'a function with its own role and no per-function IAM',
      yaml: `
service: reports
provider:
  name: aws
functions:
  render:
    handler: handler.render
    role: arn:aws:iam::123456789012:role/renderer
`,
    },
    {
      name: 'provider.role makes function statements ignored, not an error',
      yaml: `
service: reports
provider:
  name: aws
  role: arn:aws:iam::123456789012:role/reports-lambda
functions:
  render:
    handler: handler.render
    role: arn:aws:iam::123456789012:role/renderer
    iam:
      role:
        statements:${statements}
`,
    },
    {
      name: 'provider role name with only the shared role',
      yaml: `
service: reports
provider:
  name: aws
  iam:
    role:
      name: reports-lambda
functions:
  render:
    handler: handler.render
`,
    },
    {
      name: 'pinning the shared role while another function makes it exist',
      yaml: `
service: reports
provider:
  name: aws
functions:
  render:
    handler: handler.render
    role: IamRoleLambdaExecution
  mail:
    handler: handler.mail
`,
    },
    {
      name: 'provider role name when every dedicated role names itself',
      yaml: `
service: reports
provider:
  name: aws
  iam:
    role:
      name: reports-lambda
functions:
  render:
    handler: handler.render
    iam:
      role:
        name: reports-render
        statements:${statements}
  mail:
    handler: handler.mail
`,
    },
  ],
  invalid: [
    {
      name: 'function role together with iam.role.statements',
      yaml: `
service: reports
provider:
  name: aws
functions:
  render:
    handler: handler.render
    role: arn:aws:iam::123456789012:role/renderer
    iam:
      role:
        statements:${statements}
`,
      errors: [
        {
          messageId: 'roleWithStatements',
          path: 'functions.render.role',
          functions: ['render'],
          data: { function: 'render', setting: 'iam.role.statements' },
        },
      ],
    },
    {
      name: 'provider.role with perFunction mode',
      yaml: `
service: reports
provider:
  name: aws
  role: arn:aws:iam::123456789012:role/reports-lambda
  iam:
    role:
      mode: perFunction
functions:
  render:
    handler: handler.render
`,
      errors: [{ messageId: 'providerRoleWithPerFunction', path: 'provider.iam.role.mode' }],
    },
    {
      name: 'provider role name with a generated dedicated role',
      yaml: `
service: reports
provider:
  name: aws
  iam:
    role:
      name: reports-lambda
functions:
  render:
    handler: handler.render
    iam:
      role:
        statements:${statements}
  mail:
    handler: handler.mail
`,
      errors: [{ messageId: 'roleNameWithDedicated', path: 'provider.iam.role.name', functions: ['render'] }],
    },
    {
      name: 'provider role name in perFunction mode',
      yaml: `
service: reports
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      name: reports-lambda
functions:
  render:
    handler: handler.render
  mail:
    handler: handler.mail
    role: arn:aws:iam::123456789012:role/mailer
`,
      errors: [{ messageId: 'roleNameWithDedicated', functions: ['render'] }],
    },
    {
      name: 'every function pins the shared role, so it is never created',
      yaml: `
service: reports
provider:
  name: aws
functions:
  render:
    handler: handler.render
    role: IamRoleLambdaExecution
  mail:
    handler: handler.mail
    role: IamRoleLambdaExecution
`,
      errors: [
        { messageId: 'danglingGeneratedRole', path: 'functions.render.role', functions: ['render'] },
        { messageId: 'danglingGeneratedRole', path: 'functions.mail.role', functions: ['mail'] },
      ],
    },
    {
      name: 'an empty provider.role',
      yaml: `
service: reports
provider:
  name: aws
  role: ~
functions:
  render:
    handler: handler.render
  mail:
    handler: handler.mail
`,
      errors: [{ messageId: 'providerRoleNull', path: 'provider.role', functions: ['mail', 'render'] }],
    },
    {
      name: 'perFunction mode with the external plugin',
      yaml: `
service: reports
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  render:
    handler: handler.render
`,
      errors: [{ messageId: 'perFunctionWithPlugin', path: 'provider.iam.role.mode' }],
    },
  ],
});
