import type { Rule } from '../src/engine/types.js';
import { formatPath } from '../src/load/node.js';
import type { ServiceModel, StatementModel } from '../src/synthesize/model.js';
import { contentKey, isWritten as written, writtenPath as pathOf } from './lib/statements.js';
import { nameList } from './lib/text.js';

/** Which of two equal statements to report: the one whose removal fixes it — a function's own over an inherited one, else the later one. */
function pickDuplicate(first: StatementModel, second: StatementModel): [dup: StatementModel, original: StatementModel] {
  const rank = (s: StatementModel) => (s.provenance.kind === 'inherited' ? 0 : 1);
  if (rank(first) > rank(second)) return [first, second];
  return [second, first];
}

const rule: Rule = {
  meta: {
    id: 'no-duplicate-statements',
    type: 'suggestion',
    description: 'Report a statement that appears twice in one effective policy (also through YAML aliases, variables or inheritance).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-duplicate-statements.md',
    messages: {
      duplicate:
        'This statement is the same as `{{original}}`{{how}}: the role of {{functions}} gets it twice. Remove one of them — duplicates only make the policy longer (its size is limited to 10 KB).',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 1.0,
      precision: 'very-high',
      tags: ['security', 'iam', 'maintainability', 'duplicates', 'policy-size'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const found = new Map<string, { dup: StatementModel; original: StatementModel; functions: Set<string> }>();
        for (const role of service.roles) {
          const seen = new Map<string, StatementModel>();
          for (const s of role.statements) {
            if (!written(s.provenance)) continue;
            const key = contentKey(s.document);
            const first = seen.get(key);
            if (!first) {
              seen.set(key, s);
              continue;
            }
            const [dup, original] = pickDuplicate(first, s);
            const dupPath = formatPath(pathOf(dup));
            const originalPath = formatPath(pathOf(original));
            if (dupPath === originalPath) continue; // one written statement cannot duplicate itself
            const id = `${dupPath}\u0000${originalPath}`;
            const entry = found.get(id) ?? { dup, original, functions: new Set<string>() };
            for (const f of role.functions) entry.functions.add(f);
            found.set(id, entry);
            if (dup === first) seen.set(key, s);
          }
        }
        // A pair reported both ways (A dup of B and B dup of A in different roles) is one problem.
        const reported = new Set<string>();
        for (const [id, entry] of found) {
          const [a, b] = id.split('\u0000');
          if (reported.has(`${b}\u0000${a}`)) continue;
          reported.add(id);
          const functions = [...entry.functions].sort();
          const originalPath = pathOf(entry.original);
          const how = entry.original.provenance.kind === 'inherited' ? ' (inherited from the provider)' : '';
          context.report({
            messageId: 'duplicate',
            data: { original: formatPath(originalPath), how, functions: functions.length ? nameList(functions) : 'no function' },
            at: entry.dup,
            functions,
            related: [{ message: 'the same statement', at: { path: originalPath } }],
          });
        }
      },
    };
  },
};

export default rule;
