import rule from '../../rules/max-managed-policies.js';
import { ruleTester } from '../helpers/rule-tester.js';

const policies = (n: number, indent: string) =>
  Array.from({ length: n }, (_, i) => `${indent}- arn:aws:iam::123456789012:policy/team-policy-${i + 1}`).join('\n');

ruleTester(rule).run({
  valid: [
    {
      name: 'ten managed policies',
      yaml: `
service: analytics
provider:
  name: aws
  iam:
    role:
      managedPolicies:
${policies(10, '        ')}
functions:
  ingest:
    handler: handler.ingest
`,
    },
    {
      name: 'nine policies plus the VPC policy the Framework adds',
      yaml: `
service: analytics
provider:
  name: aws
  vpc:
    securityGroupIds: [sg-0123456789abcdef0]
    subnetIds: [subnet-0123456789abcdef0]
  iam:
    role:
      managedPolicies:
${policies(9, '        ')}
functions:
  ingest:
    handler: handler.ingest
`,
    },
    {
      name: 'a raised quota',
      options: { max: 20 },
      yaml: `
service: analytics
provider:
  name: aws
  iam:
    role:
      managedPolicies:
${policies(15, '        ')}
functions:
  ingest:
    handler: handler.ingest
`,
    },
    {
      name: 'in shared mode, dedicated roles do not get the provider managed policies',
      yaml: `
service: analytics
provider:
  name: aws
  iam:
    role:
      managedPolicies:
${policies(8, '        ')}
functions:
  ingest:
    handler: handler.ingest
  report:
    handler: handler.report
    iam:
      role:
        managedPolicies:
${policies(5, '          ')}
`,
    },
  ],
  invalid: [
    {
      name: 'eleven policies on the shared role',
      yaml: `
service: analytics
provider:
  name: aws
  iam:
    role:
      managedPolicies:
${policies(11, '        ')}
functions:
  ingest:
    handler: handler.ingest
`,
      errors: [
        {
          messageId: 'tooMany',
          path: 'provider.iam.role.managedPolicies[10]',
          functions: ['ingest'],
          data: { count: 11, auto: 'all written in the configuration', max: 10 },
        },
      ],
    },
    {
      name: 'ten policies plus the VPC policy added because a function has a vpc key',
      yaml: `
service: analytics
provider:
  name: aws
  iam:
    role:
      managedPolicies:
${policies(10, '        ')}
functions:
  ingest:
    handler: handler.ingest
    vpc:
      securityGroupIds: [sg-0123456789abcdef0]
      subnetIds: [subnet-0123456789abcdef0]
`,
      errors: [
        {
          messageId: 'tooMany',
          path: 'provider.iam.role.managedPolicies[9]',
          data: { count: 11, auto: '1 attached by the Framework: service-role/AWSLambdaVPCAccessExecutionRole for VPC access', max: 10 },
        },
      ],
    },
    {
      name: 'perFunction: provider policies + the function\'s own + VPC on one dedicated role',
      yaml: `
service: analytics
provider:
  name: aws
  vpc:
    securityGroupIds: [sg-0123456789abcdef0]
    subnetIds: [subnet-0123456789abcdef0]
  iam:
    role:
      mode: perFunction
      managedPolicies:
${policies(6, '        ')}
functions:
  ingest:
    handler: handler.ingest
  report:
    handler: handler.report
    iam:
      role:
        managedPolicies:
          - arn:aws:iam::aws:policy/AmazonAthenaFullAccess
          - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
          - arn:aws:iam::aws:policy/AWSGlueConsoleFullAccess
          - arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess
`,
      errors: [{ messageId: 'tooMany', path: 'functions.report.iam.role.managedPolicies[3]', functions: ['report'] }],
    },
  ],
});
