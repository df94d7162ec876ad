import type { Rule } from '../src/engine/types.js';
import { PolicyContext, actionItems, isAllActionsPattern, isAllow, statementListener } from './lib/policy.js';

const rule: Rule = {
  meta: {
    id: 'no-wildcard-action',
    type: 'problem',
    description: 'Disallow `Effect: Allow` statements with `Action: "*"` (every action of every AWS service).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-wildcard-action.md',
    messages: {
      wildcardAction:
        '`Action: {{action}}` allows every action of every AWS service — IAM, KMS, Lambda code updates included — on the resources this statement names. List only the actions the function calls (e.g. `dynamodb:GetItem`).',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 9,
      precision: 'very-high',
      tags: ['security', 'iam', 'least-privilege', 'privilege-escalation', 'CWE-250', 'CWE-269'],
    },
  },
  create(context) {
    const ctx = new PolicyContext(context.service);
    return {
      statement: statementListener(context, ctx, (statement) => {
        if (!isAllow(statement)) return [];
        return actionItems(statement, 'Action')
          .filter((item) => item.text !== undefined && isAllActionsPattern(item.text))
          .map((item) => ({
            messageId: 'wildcardAction',
            data: { action: JSON.stringify(item.text) },
            target: { kind: 'part', key: 'Action', index: item.index },
          }));
      }),
    };
  },
};

export default rule;
