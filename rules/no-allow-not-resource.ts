import type { Rule } from '../src/engine/types.js';
import { Unknown, type Plain } from '../src/load/node.js';

/** `["arn:…:a", "arn:…:b"]` → `arn:…:a, arn:…:b` (long lists shortened). */
function listText(value: Plain | undefined): string {
  const items = Array.isArray(value) ? value : [value];
  const shown = items.slice(0, 3).map((v) => (typeof v === 'string' || v instanceof Unknown ? String(v) : JSON.stringify(v)));
  return items.length > 3 ? `${shown.join(', ')}, … (${items.length} in all)` : shown.join(', ');
}

function actionText(value: Plain | undefined): string {
  if (value === undefined) return 'its actions';
  return listText(value);
}

const rule: Rule = {
  meta: {
    id: 'no-allow-not-resource',
    type: 'problem',
    description: 'Disallow `Effect: Allow` statements that use `NotResource` (they allow the actions on every other resource, in every account the role can reach).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-allow-not-resource.md',
    messages: {
      allowNotResource:
        'This statement allows {{actions}} on every resource except {{resources}} — including resources created later and resources of other services and accounts. List the resources the function needs under `Resource` instead of using `NotResource` with `Effect: Allow`.',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 7,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'CWE-732'],
    },
  },
  create(context) {
    return {
      statement(statement) {
        const doc = statement.document;
        if (doc.Effect !== 'Allow' || !('NotResource' in doc)) return;
        context.report({
          messageId: 'allowNotResource',
          data: {
            actions: 'NotAction' in doc ? `every action except ${listText(doc.NotAction)}` : actionText(doc.Action),
            resources: listText(doc.NotResource),
          },
          at: { statement, key: 'NotResource' },
        });
      },
    };
  },
};

export default rule;
