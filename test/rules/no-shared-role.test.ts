import rule from '../../rules/no-shared-role.js';
import { ruleTester } from '../helpers/rule-tester.js';

const workerRole = (id: string) => `
    ${id}:
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
          - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`;

ruleTester(rule).run({
  valid: [
    {
      name: 'a single function cannot share its role',
      yaml: `
service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  create:
    handler: handler.create
`,
    },
    {
      name: 'perFunction mode gives every function its own role',
      yaml: `
service: orders
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
`,
    },
    {
      name: 'each function runs with a role of its own from resources',
      yaml: `
service: orders
provider:
  name: aws
functions:
  create:
    handler: handler.create
    role: CreateRole
  list:
    handler: handler.list
    role: ListRole
resources:
  Resources:${workerRole('CreateRole')}${workerRole('ListRole')}
`,
    },
    {
      name: 'one function on the shared role, the other with a dedicated role',
      yaml: `
service: orders
provider:
  name: aws
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:Query
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
`,
    },
    {
      name: 'a role shared on purpose is allowed by option',
      options: { allow: ['SharedRole'] },
      yaml: `
service: orders
provider:
  name: aws
functions:
  create:
    handler: handler.create
    role: SharedRole
  list:
    handler: handler.list
    role: SharedRole
resources:
  Resources:${workerRole('SharedRole')}
`,
    },
  ],
  invalid: [
    {
      name: 'two functions on the default generated role: reported at provider',
      yaml: `
service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'sharedGenerated', path: 'provider', functions: ['create', 'list'] }],
    },
    {
      name: 'provider statements on the shared role: reported at provider.iam.role',
      yaml: `
service: orders
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:PutItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
  remove:
    handler: handler.remove
`,
      errors: [
        {
          messageId: 'sharedGenerated',
          path: 'provider.iam.role',
          functions: ['create', 'list', 'remove'],
          data: { count: 3, functions: 'create, list and remove' },
        },
      ],
    },
    {
      name: 'explicit shared mode: reported at the mode',
      yaml: `
service: orders
provider:
  name: aws
  iam:
    role:
      mode: shared
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'sharedGenerated', path: 'provider.iam.role.mode' }],
    },
    {
      name: 'provider.iam.role names an existing role for every function',
      yaml: `
service: orders
provider:
  name: aws
  iam:
    role: arn:aws:iam::123456789012:role/orders-lambda
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'sharedProviderRole', path: 'provider.iam.role', functions: ['create', 'list'] }],
    },
    {
      name: 'legacy provider.role',
      yaml: `
service: orders
provider:
  name: aws
  role: arn:aws:iam::123456789012:role/orders-lambda
functions:
  create:
    handler: handler.create
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'sharedProviderRole', path: 'provider.role' }],
    },
    {
      name: 'one role from resources used by two functions: reported at its declaration',
      yaml: `
service: orders
provider:
  name: aws
functions:
  create:
    handler: handler.create
    role: WorkerRole
  list:
    handler: handler.list
    role: WorkerRole
  report:
    handler: handler.report
    role: ReportRole
resources:
  Resources:${workerRole('WorkerRole')}${workerRole('ReportRole')}
`,
      errors: [{ messageId: 'sharedCustomRole', path: 'resources.Resources.WorkerRole', functions: ['create', 'list'] }],
    },
  ],
});
