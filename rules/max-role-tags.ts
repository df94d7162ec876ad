import type { Rule } from '../src/engine/types.js';
import { formatPath, Unknown, type Plain } from '../src/load/node.js';
import { isMap } from './lib/plain.js';

/** IAM's limit of tags per role (not adjustable). */
const MAX = 50;

/** Tag keys of a `Tags` value: CloudFormation's `[{Key, Value}]` list or a `{key: value}` map. Undefined when unknowable. */
function tagKeys(tags: Plain | undefined): string[] | undefined {
  if (Array.isArray(tags)) {
    const keys: string[] = [];
    for (const t of tags) {
      if (isMap(t) && t.Key !== undefined) keys.push(t.Key instanceof Unknown ? `\u0000${keys.length}` : JSON.stringify(t.Key));
      else if (t instanceof Unknown) return undefined; // a spliced-in unknown list: count unknowable
    }
    return keys;
  }
  if (isMap(tags)) return Object.keys(tags);
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'max-role-tags',
    type: 'problem',
    description: 'Report roles with more than the 50 tags IAM allows.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/max-role-tags.md',
    messages: {
      tooMany:
        'This execution role gets {{count}} tags{{merged}}; IAM allows at most 50 per role, so CloudFormation will fail to create it. Remove at least {{excess}} tag(s) from {{setting}}.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 1,
      precision: 'very-high',
      tags: ['security', 'iam', 'quota', 'deployment', 'tags'],
    },
  },
  create(context) {
    return {
      role(role) {
        const prop = role.tags;
        const keys = tagKeys(prop?.value ?? role.properties.Tags);
        if (!keys) return;
        const count = new Set(keys).size;
        if (count <= MAX) return;
        const p = prop?.provenance;
        const merged = role.kind === 'dedicated' && p?.kind === 'function';
        const setting =
          p && 'path' in p
            ? merged
              ? `provider.iam.role.tags or ${formatPath(p.path)}`
              : formatPath(p.path)
            : role.kind === 'resource'
              ? `resources.Resources.${role.logicalId}.Properties.Tags`
              : 'provider.iam.role.tags';
        context.report({
          messageId: 'tooMany',
          data: {
            count,
            merged: merged ? " (provider.iam.role.tags merged with the function's iam.role.tags)" : '',
            excess: count - MAX,
            setting,
          },
          at: prop ?? role,
          role,
        });
      },
    };
  },
};

export default rule;
