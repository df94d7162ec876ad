import type { Rule } from '../src/engine/types.js';
import { actionItems, isAllActionsPattern, isAllow, isUsedRole, partTarget } from './lib/policy.js';

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
    const service = context.service;
    return {
      statement(statement, role) {
        if (!isUsedRole(role) || !isAllow(statement)) return;
        for (const item of actionItems(statement, 'Action')) {
          if (item.text === undefined || !isAllActionsPattern(item.text)) continue;
          context.report({
            messageId: 'wildcardAction',
            data: { action: JSON.stringify(item.text) },
            at: partTarget(service, statement, 'Action', item.index),
          });
        }
      },
    };
  },
};

export default rule;
