import type { Rule } from '../src/engine/types.js';
import { sensitiveActions, sensitiveActionsSchema, type SensitiveActionOptions } from './lib/action-options.js';
import { PolicyContext, broadGrants, formatsText, resourceText, statementListener, type PendingFinding } from './lib/policy.js';
import { nameList } from './lib/text.js';

/**
 * Actions whose response holds credentials (keys, session tokens, passwords, signed tokens) —
 * for another principal, another role, or a database. `ecr:GetAuthorizationToken` and
 * `codeartifact:GetAuthorizationToken` are left out: they only open registries and every
 * container build needs the former on `*`.
 */
export const CREDENTIAL_ACTIONS: readonly string[] = [
  'sts:AssumeRole',
  'sts:AssumeRoot',
  'sts:GetFederationToken',
  'sts:GetSessionToken',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'cognito-identity:GetCredentialsForIdentity',
  'cognito-identity:GetOpenIdToken',
  'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'rds-db:Connect',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'gamelift:GetInstanceAccess',
  'gamelift:RequestUploadCredentials',
  'connect:GetFederationToken',
  'chime:CreateApiKey',
];

const rule: Rule<SensitiveActionOptions> = {
  meta: {
    id: 'no-credentials-exposure',
    type: 'problem',
    description: 'Disallow actions that return credentials (sts:AssumeRole, iam:CreateAccessKey, redshift:GetClusterCredentials, …) on `*`.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-credentials-exposure.md',
    messages: {
      unscoped:
        'Resource `{{resource}}` lets the function obtain credentials for any role, user or database its calls name: {{actions}}. Whoever runs code in the function can then act as them. Scope Resource to the exact ARNs it needs ({{formats}}).',
      unscopable:
        '{{actions}} return credentials and cannot be scoped by Resource (they only accept `*`): whoever runs code in the function can mint them. Remove them unless the function really needs them, and then limit them with a Condition.',
    },
    schema: sensitiveActionsSchema({
      additionalActions: 'More actions that return credentials (exact names, e.g. `sso:GetRoleCredentials`).',
      allowedActions: 'Action patterns (IAM wildcards) accepted on `*`, e.g. `["rds-db:Connect"]`.',
    }),
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 8,
      precision: 'high',
      tags: ['security', 'iam', 'credentials', 'lateral-movement', 'CWE-522', 'CWE-269'],
    },
  },
  create(context) {
    const ctx = new PolicyContext(context.service);
    const actions = sensitiveActions(CREDENTIAL_ACTIONS, context.options);
    return {
      statement: statementListener(context, ctx, (statement) => {
        const out: PendingFinding[] = [];
        for (const grant of broadGrants(ctx, statement, actions)) {
          if (grant.scopable.length > 0) {
            out.push({
              messageId: 'unscoped',
              data: { resource: resourceText(grant.pattern), actions: nameList(grant.scopable, 5), formats: formatsText(grant.scopable) },
              target: grant.site.target,
            });
          }
          if (grant.wildcardOnly.length > 0) {
            out.push({ messageId: 'unscopable', data: { actions: nameList(grant.wildcardOnly, 5) }, target: grant.site.target });
          }
        }
        return out;
      }),
    };
  },
};

export default rule;
