import type { Rule, RelatedDescriptor } from '../src/engine/types.js';
import type { Provenance, RoleModel, StatementModel } from '../src/synthesize/model.js';
import { formatPath, type Plain } from '../src/load/node.js';
import { isMap } from './lib/plain.js';

/** IAM's quota for the aggregate size of a role's inline policies (not adjustable). */
const LIMIT = 10_240;

/** Minified JSON, as CloudFormation sends it (an unknown value counts as its source text). */
const size = (value: Plain): number => JSON.stringify(value).length;

/** The inline policy documents of the role as CloudFormation receives them. */
function policyDocuments(role: RoleModel): Plain[] {
  const policies = role.properties.Policies;
  if (Array.isArray(policies)) {
    const docs = policies.filter(isMap).map((p) => p.PolicyDocument).filter((d): d is Plain => d !== undefined && d !== null);
    if (docs.length > 0) return docs;
  }
  if (role.statements.length === 0) return [];
  return [{ Version: '2012-10-17', Statement: role.statements.map((s) => s.document) }];
}

/** Where a statement comes from, in a few words. */
function origin(p: Provenance): string {
  switch (p.kind) {
    case 'provider':
    case 'resources':
      return formatPath(p.path);
    case 'function':
      return formatPath(p.path);
    case 'inherited':
      return `${formatPath(p.path)} (inherited)`;
    case 'template':
      return 'the generated log statement';
    case 'auto': {
      const first = p.causes[0];
      const more = p.causes.length > 1 ? ` and ${p.causes.length - 1} more` : '';
      return `the Framework's ${p.grant} grant${first ? ` (for ${formatPath(first.setting)}${more})` : ''}`;
    }
  }
}

interface Options {
  /** Warn when the policy reaches this percentage of the limit. */
  threshold: number;
}

const rule: Rule<Options> = {
  meta: {
    id: 'policy-size',
    type: 'problem',
    description: "Report execution roles whose inline policy exceeds, or comes close to, IAM's 10,240-character limit.",
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/policy-size.md',
    messages: {
      exceeded:
        'The inline policy of {{role}} is {{size}} characters, over IAM\'s limit of 10,240 ({{percent}}%): the deploy will fail with "Maximum policy size of 10240 bytes exceeded". Largest statements: {{top}}. {{advice}}',
      nearLimit:
        "The inline policy of {{role}} is {{size}} characters, {{percent}}% of IAM's 10,240 limit (warning at {{threshold}}%); a few more functions or events will break the deploy. Largest statements: {{top}}. {{advice}}",
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        threshold: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 100,
          default: 90,
          description: 'Warn (nearLimit) when the inline policy reaches this percentage of 10,240 characters.',
        },
      },
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 1,
      precision: 'high',
      tags: ['security', 'iam', 'quota', 'deployment', 'policy-size'],
    },
  },
  create(context) {
    const threshold = context.options.threshold ?? 90;
    return {
      role(role) {
        const docs = policyDocuments(role);
        if (docs.length === 0) return;
        const total = docs.reduce<number>((n, d) => n + size(d), 0);
        const over = total > LIMIT;
        if (!over && total * 100 < threshold * LIMIT) return;

        const weighed = role.statements
          .map((s) => ({ s, n: size(s.document) }))
          .sort((a, b) => b.n - a.n || a.s.statementIndex - b.s.statementIndex)
          .slice(0, 3);
        const top = weighed.map(({ s, n }) => `${n} chars from ${origin(s.provenance)}`).join('; ');
        const related: RelatedDescriptor[] = weighed.map(({ s, n }: { s: StatementModel; n: number }) => ({
          message: `${n} characters (${Math.round((n * 1000) / total) / 10}% of the policy)`,
          // An auto-grant is pointed at its first cause only: the statement itself would list every
          // cause (one per function on a shared role).
          at: s.provenance.kind === 'auto' && s.provenance.causes[0] ? { path: s.provenance.causes[0].setting } : s,
        }));
        context.report({
          messageId: over ? 'exceeded' : 'nearLimit',
          data: {
            role: role.kind === 'shared' ? 'the shared role IamRoleLambdaExecution' : `role ${role.logicalId}`,
            size: total,
            percent: Math.floor((total * 100) / LIMIT),
            threshold,
            top: top || 'none',
            advice:
              role.kind === 'shared'
                ? 'Split the permissions with per-function roles (functions.<name>.iam.role.statements, or provider.iam.role.mode: perFunction), merge statements that share actions, or move stable permissions into a customer managed policy.'
                : 'Merge statements that share actions, drop inherited statements the function does not need (iam.inheritStatements: false), or move stable permissions into a customer managed policy.',
          },
          at: role,
          role,
          related,
          ...(over ? {} : { severity: 'warn' as const }),
        });
      },
    };
  },
};

export default rule;
