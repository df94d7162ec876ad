import type { Rule } from '../src/engine/types.js';
import { formatPath, type Path } from '../src/load/node.js';
import { valueAt as get } from './lib/config.js';
import { pinnedOldMajor } from './lib/framework.js';
import { has, isMap } from './lib/plain.js';

/** Legacy key → its v4 replacement (both relative to the object they live in). */
const PROVIDER_KEYS: Array<[legacy: string, replacement: Path]> = [
  ['iamRoleStatements', ['iam', 'role', 'statements']],
  ['iamManagedPolicies', ['iam', 'role', 'managedPolicies']],
  ['role', ['iam', 'role']],
  ['rolePermissionsBoundary', ['iam', 'role', 'permissionsBoundary']],
  ['cfnRole', ['iam', 'deploymentRole']],
];
const FUNCTION_KEYS: Array<[legacy: string, replacement: Path]> = [
  ['iamRoleStatements', ['iam', 'role', 'statements']],
  ['iamRoleStatementsInherit', ['iam', 'inheritStatements']],
  ['iamRoleStatementsName', ['iam', 'role', 'name']],
  ['iamPermissionsBoundary', ['iam', 'role', 'permissionsBoundary']],
];

const rule: Rule = {
  meta: {
    id: 'no-legacy-syntax',
    type: 'suggestion',
    description: 'Report deprecated IAM settings (`provider.iamRoleStatements`, `provider.role`, function `iamRoleStatements`, …) and name their Serverless Framework v4 replacement.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-legacy-syntax.md',
    messages: {
      deprecated: '`{{key}}` is deprecated; move it to `{{replacement}}`.{{note}}',
      pluginSyntax:
        '`{{key}}` is syntax of the serverless-iam-roles-per-function plugin, which Framework v4 has built in. Remove the plugin from `plugins` and move this to `{{replacement}}`.{{note}}',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 2,
      precision: 'very-high',
      tags: ['security', 'iam', 'deprecated', 'maintainability', 'config'],
    },
  },
  create(context) {
    const service = context.service;
    const config = service.config;
    const provider = config.provider;

    return {
      service() {
        if (isMap(provider)) {
          const providerRole = get(provider, ['iam', 'role']);
          const perFunction = isMap(providerRole) && providerRole.mode === 'perFunction';
          for (const [legacy, replacement] of PROVIDER_KEYS) {
            if (!(legacy in provider)) continue;
            let note = '';
            const newValue = get(provider, replacement);
            if (legacy === 'role' && provider.role === null) {
              note =
                ' It is empty here, which is worse: no execution role is generated and every function points at IamRoleLambdaExecution, which does not exist. Remove the key, or give provider.iam.role the role to use.';
            } else if (legacy === 'role') {
              note = ' Its value (ARN, logical id or `!GetAtt`) goes there as is.';
            } else if (legacy === 'iamRoleStatements' && newValue) {
              note = ' It is ignored: `provider.iam.role.statements` is also set.';
            } else if (legacy === 'iamRoleStatements' && 'iam' in provider) {
              note = ' Because `provider.iam` exists, functions with a dedicated role never inherit these statements.';
            } else if (legacy === 'iamManagedPolicies' && newValue) {
              note = ' It is ignored: `provider.iam.role.managedPolicies` is also set.';
            } else if (legacy === 'iamManagedPolicies' && perFunction) {
              note = ' It is ignored in `mode: perFunction`.';
            } else if (legacy === 'rolePermissionsBoundary' && (has(providerRole, 'permissionsBoundary') || has(providerRole, 'permissionBoundary'))) {
              note = ' It is ignored: a boundary is also set under `provider.iam.role`.';
            } else if (legacy === 'cfnRole' && get(provider, replacement) !== undefined) {
              note = ' `provider.iam.deploymentRole` is also set.';
            }
            context.report({
              messageId: 'deprecated',
              data: { key: `provider.${legacy}`, replacement: formatPath(['provider', ...replacement]), note },
              at: { path: ['provider', legacy] },
            });
          }
          // The misspelled boundary key inside provider.iam.role.
          if (isMap(providerRole) && 'permissionBoundary' in providerRole) {
            context.report({
              messageId: 'deprecated',
              data: {
                key: 'provider.iam.role.permissionBoundary',
                replacement: 'provider.iam.role.permissionsBoundary',
                note: has(providerRole, 'permissionsBoundary') ? ' It is ignored: `permissionsBoundary` is also set.' : '',
              },
              at: { path: ['provider', 'iam', 'role', 'permissionBoundary'] },
            });
          }
        }

        const oldMajor = pinnedOldMajor(config.frameworkVersion);
        // The model's functions give each function's path (`functions.<key>`, or `functions[i].<key>`
        // when `functions` is a list of maps).
        for (const f of service.functions) {
          const fn = get(config, f.path);
          if (!isMap(fn)) continue;
          for (const [legacy, replacement] of FUNCTION_KEYS) {
            if (!(legacy in fn)) continue;
            const replacementPath = formatPath([...f.path, ...replacement]);
            // The external plugin reads only the legacy keys, so nothing is "ignored" under it.
            const note = service.externalPerFunctionPlugin
              ? oldMajor !== undefined
                ? ` \`frameworkVersion\` pins Framework v${oldMajor}, which needs the plugin: do this when you move to v4.`
                : ''
              : get(fn, replacement) !== undefined
                ? ` It is ignored: \`${replacementPath}\` is also set.`
                : '';
            context.report({
              messageId: service.externalPerFunctionPlugin ? 'pluginSyntax' : 'deprecated',
              data: { key: formatPath([...f.path, legacy]), replacement: replacementPath, note },
              at: { path: [...f.path, legacy] },
              functions: [f.key],
            });
          }
        }
      },
    };
  },
};

export default rule;
