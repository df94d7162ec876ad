import type { Rule } from '../src/engine/types.js';
import type { Plain } from '../src/load/node.js';
import { valuesText } from './lib/text.js';

function actionText(value: Plain | undefined): string {
  if (value === undefined) return 'its actions';
  return valuesText(value, 3);
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
            actions: 'NotAction' in doc ? `every action except ${valuesText(doc.NotAction, 3)}` : actionText(doc.Action),
            resources: valuesText(doc.NotResource, 3),
          },
          at: { statement, key: 'NotResource' },
        });
      },
    };
  },
};

export default rule;
