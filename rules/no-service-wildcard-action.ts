import type { Rule } from '../src/engine/types.js';
import { accessLevelOf, actionsOfService, hasWildcard, serviceExists, serviceName, wildcardMatches } from '../src/iam/index.js';
import { PolicyContext, actionItems, isAllActionsPattern, isAllow, servicesMatching, statementListener, type PendingFinding } from './lib/policy.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Service prefixes (IAM wildcards allowed) whose `<service>:*` is accepted, e.g. `xray`. */
  allowedServices: string[];
}

/** `s3:*`, `s3:**`, `s3*:*`: every action of a service (or of a few services); `*`/`*:*` are not this rule's. */
function servicePart(pattern: string): string | undefined {
  const match = /^([^:]+):\*+$/.exec(pattern.trim());
  if (!match || isAllActionsPattern(pattern)) return undefined;
  return match[1];
}

/** Well-known destructive or privilege-changing actions, shown as examples when the service has them. */
const NOTABLE = [
  'iam:PassRole',
  'iam:AttachRolePolicy',
  'iam:CreateAccessKey',
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  's3:DeleteObject',
  'dynamodb:DeleteTable',
  'dynamodb:DeleteItem',
  'lambda:UpdateFunctionCode',
  'lambda:AddPermission',
  'kms:ScheduleKeyDeletion',
  'kms:PutKeyPolicy',
  'sqs:DeleteQueue',
  'sqs:SetQueueAttributes',
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'secretsmanager:DeleteSecret',
  'secretsmanager:PutResourcePolicy',
  'ssm:PutParameter',
  'ssm:SendCommand',
  'ec2:TerminateInstances',
  'ec2:AuthorizeSecurityGroupIngress',
  'logs:DeleteLogGroup',
  'states:DeleteStateMachine',
  'events:PutRule',
  'kinesis:DeleteStream',
  'cloudformation:DeleteStack',
  'sts:AssumeRole',
  'ecr:DeleteRepository',
  'rds:DeleteDBInstance',
  'cognito-idp:AdminSetUserPassword',
];

/** Up to three sensitive actions of the services for the message: well-known ones, else Permissions management, then Delete…. */
function examples(prefixes: readonly string[]): { count: string; examples: string } {
  // Reading many services' data for a message is not worth it (`a*:*` spans dozens).
  if (prefixes.length > 8) return { count: 'every action', examples: '' };
  const actions = prefixes.flatMap((p) => actionsOfService(p)).map((a) => a.action);
  const known = NOTABLE.filter((n) => actions.some((a) => a.toLowerCase() === n.toLowerCase()));
  const pm = actions.filter((a) => accessLevelOf(a) === 'Permissions management');
  const deletes = actions.filter((a) => /:Delete/.test(a) && accessLevelOf(a) === 'Write');
  const sensitive = [...new Set([...known, ...pm.slice(0, 1), ...deletes.slice(0, 1), ...pm])].slice(0, 3);
  return { count: `all ${actions.length} actions`, examples: sensitive.length ? `, including ${sensitive.join(', ')}` : '' };
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-service-wildcard-action',
    type: 'suggestion',
    description: 'Disallow `Effect: Allow` statements with `<service>:*` actions (every action of a service).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-service-wildcard-action.md',
    messages: {
      serviceWildcard:
        '`{{action}}` allows {{count}} of {{service}}{{examples}}. List only the actions the function calls instead.',
    },
    schema: {
      type: 'object',
      properties: {
        allowedServices: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'Service prefixes whose `<service>:*` is accepted (IAM wildcards allowed), e.g. `["xray", "cloudwatch"]`.',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 7,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'CWE-250'],
    },
  },
  create(context) {
    const ctx = new PolicyContext(context.service);
    const allowed = context.options.allowedServices;
    return {
      statement: statementListener(context, ctx, (statement) => {
        const out: PendingFinding[] = [];
        if (!isAllow(statement)) return out;
        for (const item of actionItems(statement, 'Action')) {
          const part = item.text === undefined ? undefined : servicePart(item.text);
          if (part === undefined) continue;
          const prefixes = hasWildcard(part) ? servicesMatching(part) : serviceExists(part) ? [part.toLowerCase()] : [];
          const reported = prefixes.filter((p) => !allowed.some((a) => wildcardMatches(a, p, { ignoreCase: true })));
          if (reported.length === 0) continue;
          const names = reported.map((p) => `${serviceName(p) ?? p} (${p})`);
          const { count, examples: sample } = examples(reported);
          out.push({
            messageId: 'serviceWildcard',
            data: { action: item.text!, count, service: nameList(names, 3), examples: sample },
            target: { kind: 'part', key: 'Action', index: item.index },
          });
        }
        return out;
      }),
    };
  },
};

export default rule;
