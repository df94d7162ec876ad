/** Service files for CLI tests (written to temp folders with makeTree). */
export const CLEAN = `service: clean
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
functions:
  api:
    handler: h.h
`;

/** One no-admin-policies error (recommended: error), at 8:11–8:54, for functions api and worker. */
export const ADMIN = `service: admin
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      managedPolicies:
        - arn:aws:iam::aws:policy/AdministratorAccess
functions:
  api:
    handler: h.h
  worker:
    handler: h.w
`;

/** One no-legacy-syntax warning (recommended: warn). */
export const LEGACY = `service: legacy
provider:
  name: aws
  runtime: nodejs20.x
  iamRoleStatements:
    - Effect: Allow
      Action: dynamodb:GetItem
      Resource: arn:aws:dynamodb:us-east-1:123456789012:table/orders
functions:
  api:
    handler: h.h
`;

export const BROKEN = 'service: broken\nprovider:\n  name: aws\n  iam: [\n';

export const NOT_A_SERVICE = 'name: not-a-service\nversion: 1\n';
