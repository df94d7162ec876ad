import type { Rule } from '../src/engine/types.js';
import { valuesText } from './lib/text.js';

const rule: Rule = {
  meta: {
    id: 'no-allow-not-action',
    type: 'problem',
    description: 'Disallow `Effect: Allow` statements that use `NotAction` (they allow every other action of every service).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-allow-not-action.md',
    messages: {
      allowNotAction:
        'This statement allows every AWS action except {{actions}} — including IAM, and any action AWS adds later. List the actions the function needs under `Action` instead of using `NotAction` with `Effect: Allow`.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 8.5,
      precision: 'very-high',
      tags: ['security', 'iam', 'least-privilege', 'privilege-escalation', 'CWE-269'],
    },
  },
  create(context) {
    return {
      statement(statement) {
        const doc = statement.document;
        if (doc.Effect !== 'Allow' || !('NotAction' in doc)) return;
        context.report({
          messageId: 'allowNotAction',
          data: { actions: valuesText(doc.NotAction, 5) },
          at: { statement, key: 'NotAction' },
        });
      },
    };
  },
};

export default rule;
