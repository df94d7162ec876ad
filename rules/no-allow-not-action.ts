import type { Rule } from '../src/engine/types.js';
import { Unknown, type Plain } from '../src/load/node.js';

/** `["s3:*", "iam:*"]` → `s3:*, iam:*` (long lists shortened). */
function listText(value: Plain | undefined): string {
  const items = Array.isArray(value) ? value : [value];
  const shown = items.slice(0, 5).map((v) => (typeof v === 'string' || v instanceof Unknown ? String(v) : JSON.stringify(v)));
  return items.length > 5 ? `${shown.join(', ')}, … (${items.length} in all)` : shown.join(', ');
}

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
          data: { actions: listText(doc.NotAction) },
          at: { statement, key: 'NotAction' },
        });
      },
    };
  },
};

export default rule;
