import type { Rule } from '../src/engine/types.js';
import { formatPath, type Path, type Plain } from '../src/load/node.js';
import { valueAt } from './lib/config.js';
import { isMap } from './lib/plain.js';

/** IAM's maximum path length. */
const MAX = 512;

const rule: Rule = {
  meta: {
    id: 'valid-role-path',
    type: 'problem',
    description: 'Report IAM role paths that IAM rejects: not starting and ending with `/`, longer than 512 characters, or with spaces or non-ASCII characters.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/valid-role-path.md',
    messages: {
      slashes:
        'The role path "{{value}}" must start and end with "/" (e.g. "{{suggestion}}"); IAM rejects it and the deploy fails. Fix {{setting}}.',
      tooLong: 'The role path at {{setting}} is {{length}} characters; IAM allows at most 512, so the deploy fails. Shorten it.',
      badChars:
        'The role path "{{value}}" contains {{chars}}; IAM allows only printable ASCII characters without spaces (U+0021–U+007E), so the deploy fails. Fix {{setting}}.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 1,
      precision: 'very-high',
      tags: ['security', 'iam', 'deployment', 'config'],
    },
  },
  create(context) {
    const service = context.service;
    const config = service.config;

    return {
      service() {
        // Which functions each written path reaches (one setting may feed many roles).
        const usedBy = new Map<string, Set<string>>();
        for (const role of service.roles) {
          const p = role.path?.provenance;
          if (!p || !('path' in p)) continue;
          const key = formatPath(p.path);
          let set = usedBy.get(key);
          if (!set) usedBy.set(key, (set = new Set()));
          for (const f of role.functions) set.add(f);
        }

        const check = (value: Plain | undefined, path: Path, fnKey?: string) => {
          // Unknown values are no-unresolved-values' business; intrinsics are not evaluated.
          if (typeof value !== 'string') return;
          const setting = formatPath(path);
          const fns = usedBy.get(setting);
          const functions = fns ? [...fns] : fnKey !== undefined ? [fnKey] : undefined;
          const report = (messageId: string, data: Record<string, string | number>) =>
            context.report({ messageId, data: { setting, ...data }, at: { path }, ...(functions ? { functions } : {}) });

          if (value.length > MAX) {
            report('tooLong', { length: value.length });
            return;
          }
          if (!value.startsWith('/') || !value.endsWith('/')) {
            const trimmed = value.replace(/^\/+|\/+$/g, '');
            report('slashes', { value, suggestion: trimmed ? `/${trimmed}/` : '/' });
            return;
          }
          const bad = [...new Set([...value].filter((c) => c < '\u0021' || c > '\u007e'))];
          if (bad.length > 0) {
            report('badChars', {
              value,
              chars: bad.map((c) => (c === ' ' ? 'a space' : `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`)).join(', '),
            });
          }
        };

        const provider = config.provider;
        if (isMap(provider) && isMap(provider.iam) && isMap(provider.iam.role)) {
          check(provider.iam.role.path, ['provider', 'iam', 'role', 'path']);
        }
        // The model's functions give each function's path (`functions.<key>` or `functions[i].<key>`).
        for (const f of service.functions) {
          const fn = valueAt(config, f.path);
          if (isMap(fn) && isMap(fn.iam) && isMap(fn.iam.role)) check(fn.iam.role.path, [...f.path, 'iam', 'role', 'path'], f.key);
        }
        const resources = isMap(config.resources) ? config.resources.Resources : undefined;
        if (isMap(resources)) {
          for (const [id, res] of Object.entries(resources)) {
            // A declared role, or properties merged over a generated one (`IamRoleLambdaExecution`, `<Fn>IamRoleLambdaExecution`).
            const isRole = isMap(res) && (res.Type === 'AWS::IAM::Role' || (res.Type === undefined && /IamRoleLambdaExecution$/.test(id)));
            if (isRole && isMap(res) && isMap(res.Properties)) {
              check(res.Properties.Path, ['resources', 'Resources', id, 'Properties', 'Path']);
            }
          }
        }
        // `resources.extensions.<id>.Properties` replaces the properties of a generated or declared role.
        const extensions = isMap(config.resources) ? config.resources.extensions : undefined;
        if (isMap(extensions)) {
          for (const [id, ext] of Object.entries(extensions)) {
            const target = isMap(resources) ? resources[id] : undefined;
            const isRole = /IamRoleLambdaExecution$/.test(id) || (isMap(target) && target.Type === 'AWS::IAM::Role');
            if (isRole && isMap(ext) && isMap(ext.Properties)) {
              check(ext.Properties.Path, ['resources', 'extensions', id, 'Properties', 'Path']);
            }
          }
        }
      },
    };
  },
};

export default rule;
