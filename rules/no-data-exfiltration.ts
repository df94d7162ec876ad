import type { Rule } from '../src/engine/types.js';
import { sensitiveActions, sensitiveActionsSchema, type SensitiveActionOptions } from './lib/action-options.js';
import { PolicyContext, broadGrants, formatsText, resourceText, statementListener } from './lib/policy.js';
import { nameList } from './lib/text.js';

/**
 * Reads that return stored data or secrets: objects, parameters, secrets, decrypted
 * ciphertext, table items. On `*` they let one compromised function read everything of that
 * kind the account holds (and what other accounts share with it).
 */
export const DATA_READ_ACTIONS: readonly string[] = [
  's3:GetObject',
  's3:GetObjectVersion',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];

const rule: Rule<SensitiveActionOptions> = {
  meta: {
    id: 'no-data-exfiltration',
    type: 'problem',
    description: 'Disallow unconstrained reads of stored data and secrets (s3:GetObject, ssm:GetParameter*, secretsmanager:GetSecretValue, kms:Decrypt, DynamoDB reads) on `*`.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-data-exfiltration.md',
    messages: {
      unscoped:
        'Resource `{{resource}}` lets the function read every {{what}} the account can reach ({{actions}}), so one code-injection bug leaks all of them. Scope Resource to what the function reads ({{formats}}).',
      unscopedSetting:
        'This setting is `{{resource}}`, which matches every resource of its type; the Framework grants {{actions}} on it, so the function can read every {{what}} the account can reach. Give the exact ARN ({{formats}}).',
    },
    schema: sensitiveActionsSchema({
      additionalActions: 'More actions that read data (exact names, e.g. `dynamodb:ExportTableToPointInTime`).',
      allowedActions: 'Action patterns (IAM wildcards) accepted on `*`, e.g. `["kms:Decrypt"]`.',
    }),
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 7,
      precision: 'high',
      tags: ['security', 'iam', 'data-exfiltration', 'secrets', 'CWE-200', 'CWE-732'],
    },
  },
  create(context) {
    const ctx = new PolicyContext(context.service);
    const actions = sensitiveActions(DATA_READ_ACTIONS, context.options);
    return {
      statement: statementListener(context, ctx, (statement) =>
        broadGrants(ctx, statement, actions)
          .filter((grant) => grant.scopable.length > 0)
          .map((grant) => {
            const all = [...grant.scopable, ...grant.wildcardOnly];
            return {
              messageId: grant.site.fromSetting ? 'unscopedSetting' : 'unscoped',
              data: { resource: resourceText(grant.pattern), what: whatOf(all), actions: nameList(all, 5), formats: formatsText(grant.scopable) },
              target: grant.site.target,
            };
          }),
      ),
    };
  },
};

const KIND_BY_SERVICE: Record<string, string> = {
  s3: 'S3 object',
  ssm: 'SSM parameter',
  secretsmanager: 'secret',
  kms: 'KMS-encrypted value',
  dynamodb: 'DynamoDB table',
};

/** `S3 object, secret and KMS-encrypted value`. */
function whatOf(actions: readonly string[]): string {
  const kinds = [...new Set(actions.map((a) => KIND_BY_SERVICE[a.split(':')[0]!.toLowerCase()] ?? `${a.split(':')[0]} resource`))];
  return nameList(kinds, 4);
}

export default rule;
