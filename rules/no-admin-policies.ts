import type { Rule } from '../src/engine/types.js';
import type { RoleModel } from '../src/synthesize/model.js';
import { HOLE, render } from './lib/intrinsics.js';

/**
 * AWS managed policies that make the function an administrator, or let it make itself one
 * (IAM write access, `iam:PassRole` on any role, or every service but IAM).
 */
const ADMIN_POLICIES: Record<string, string> = {
  AdministratorAccess: 'full access to every AWS service and resource',
  PowerUserAccess: 'full access to every service except most of IAM',
  IAMFullAccess: 'full IAM access, so the function can grant itself anything',
  'AdministratorAccess-Amplify': 'broad administrator access, including IAM role creation and iam:PassRole',
  'AdministratorAccess-AWSElasticBeanstalk': 'broad administrator access, including iam:PassRole',
  AWSOrganizationsFullAccess: 'full control of the AWS Organization, its accounts and policies',
  'job-function/SystemAdministrator': 'broad system administration access, including iam:PassRole',
};

interface Options {
  /** Extra AWS managed policy names (the part after `policy/`, path included) to report. */
  policies: string[];
  /** AWS managed policy names this project accepts. */
  allow: string[];
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-admin-policies',
    type: 'problem',
    description: 'Disallow administrator-level AWS managed policies (AdministratorAccess, PowerUserAccess, IAMFullAccess, …) on Lambda execution roles.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-admin-policies.md',
    messages: {
      adminPolicy:
        'The AWS managed policy {{policy}} is attached to an execution role: it gives {{what}} to the function code (and to anyone who can inject code into it). Remove it and grant only the actions the function needs in `iam.role.statements`.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        policies: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          default: [],
          description: 'More AWS managed policy names (after `policy/`, e.g. `AmazonS3FullAccess`) to report.',
        },
        allow: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          default: [],
          description: 'AWS managed policy names not to report.',
        },
      },
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 9.5,
      precision: 'very-high',
      tags: ['security', 'iam', 'least-privilege', 'privilege-escalation', 'managed-policy', 'CWE-250'],
    },
  },
  create(context) {
    const extra = context.options.policies ?? [];
    const allow = new Set(context.options.allow ?? []);
    const names = new Map<string, string>();
    for (const [name, what] of Object.entries(ADMIN_POLICIES)) if (!allow.has(name)) names.set(name, what);
    for (const name of extra) if (!allow.has(name) && !names.has(name)) names.set(name, 'access this project does not allow on execution roles');
    const region = context.service.region;
    // An unknown region stays a hole in rendered ARNs.
    const pseudo = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com', ...(typeof region === 'string' ? { 'AWS::Region': region } : {}) };
    const isExecutionRole = (role: RoleModel) => role.kind !== 'resource' || role.functions.length > 0;

    return {
      managedPolicy(policy, role) {
        if (!isExecutionRole(role)) return;
        const arn = render(policy.arn, pseudo);
        if (arn === undefined) return;
        // The partition may be unknown; the account must be the literal `aws` (AWS managed policies).
        const m = /^arn:[^:]*:iam::aws:policy\/(.+)$/.exec(arn);
        if (!m || m[1]!.includes(HOLE)) return;
        const what = names.get(m[1]!);
        if (what === undefined) return;
        context.report({
          messageId: 'adminPolicy',
          data: { policy: m[1]!, what },
          at: policy,
          role,
        });
      },
    };
  },
};

export default rule;
