import type { Rule, RelatedDescriptor } from '../src/engine/types.js';
import type { ManagedPolicyModel } from '../src/synthesize/model.js';
import { managedPolicyName as policyName } from './lib/intrinsics.js';

const AUTO_WHY: Record<string, string> = {
  vpc: 'VPC access',
  durable: 'durable execution',
};

interface Options {
  /** Managed policies allowed on one role. */
  max: number;
}

const rule: Rule<Options> = {
  meta: {
    id: 'max-managed-policies',
    type: 'problem',
    description: 'Report roles with more managed policies than the IAM quota (10 by default), counting the policies the Framework attaches by itself.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/max-managed-policies.md',
    messages: {
      tooMany:
        'This execution role gets {{count}} managed policies ({{auto}}); the quota is {{max}} per role, so the deploy will fail with "Cannot exceed quota for PoliciesPerRole". Drop some, merge them into one customer managed policy, or ask AWS to raise the quota (then set this rule\'s `max`).',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        max: {
          type: 'integer',
          minimum: 1,
          default: 10,
          description: 'Managed policies allowed per role (the account quota "Managed policies per role", 10 unless AWS raised it for the account).',
        },
      },
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 1,
      precision: 'very-high',
      tags: ['security', 'iam', 'quota', 'deployment', 'managed-policy'],
    },
  },
  create(context) {
    const max = context.options.max ?? 10;
    return {
      role(role) {
        // Attaching the same ARN twice is one attachment.
        const distinct = new Map<string, ManagedPolicyModel>();
        for (const p of role.managedPolicies) {
          const key = JSON.stringify(p.arn);
          if (!distinct.has(key)) distinct.set(key, p);
        }
        if (distinct.size <= max) return;
        const policies = [...distinct.values()];
        const auto = policies.filter((p) => p.provenance.kind === 'auto');
        const autoText = auto.length
          ? `${auto.length} attached by the Framework: ${auto
              .map((p) => `${policyName(p.arn)} for ${p.provenance.kind === 'auto' ? (AUTO_WHY[p.provenance.grant] ?? p.provenance.grant) : ''}`)
              .join(', ')}`
          : 'all written in the configuration';
        const related: RelatedDescriptor[] = policies.map((p, i) => ({
          message: `managed policy ${i + 1} of ${policies.length}: ${policyName(p.arn)}`,
          // An auto-attached policy is pointed at its first cause only (the policy itself would
          // list every function with a \`vpc\` key).
          at: p.provenance.kind === 'auto' && p.provenance.causes[0] ? { path: p.provenance.causes[0].setting } : p,
        }));
        context.report({
          messageId: 'tooMany',
          data: {
            count: distinct.size,
            auto: autoText,
            max,
          },
          // Point at the last policy written in the configuration: that list is where to cut.
          at: [...policies].reverse().find((p) => p.provenance.kind !== 'auto') ?? role,
          role,
          related,
        });
      },
    };
  },
};

export default rule;
