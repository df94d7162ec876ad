import type { Rule } from '../src/engine/types.js';
import { formatPath, type Path, type Plain } from '../src/load/node.js';
import type { FunctionModel, RoleModel, ServiceModel } from '../src/synthesize/model.js';
import { functionConfig, providerConfig } from './lib/config.js';
import { dedicatedRoleSettings } from './lib/framework.js';
import { has, isMap, listOf, type PlainMap } from './lib/plain.js';
import { contentKey } from './lib/statements.js';

/** The setting that gave the function its dedicated role, as the Framework checks them (semantics §4.1). */
function optInSetting(fn: FunctionModel, fnCfg: PlainMap, external: boolean): Path {
  const first = dedicatedRoleSettings(fnCfg, external)[0];
  return first ? [...fn.path, ...first] : fn.choiceAt;
}

/** The provider statements the function's role does not have anyway (a function may repeat the ones it needs). */
function droppedStatements(statements: Plain | undefined, role: RoleModel | undefined): number {
  const list = listOf(statements ?? undefined);
  if (!role) return list.length;
  const present = new Set(role.statements.map((s) => contentKey(s.document)));
  return list.filter((s) => !(isMap(s) && present.has(contentKey(s)))).length;
}

const rule: Rule = {
  meta: {
    id: 'no-dropped-inheritance',
    type: 'problem',
    description:
      'In shared mode, report a function that gets a dedicated role without saying whether it inherits the provider statements, which then silently stop applying to it.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-dropped-inheritance.md',
    messages: {
      dropped:
        'Function {{function}} gets its own role because of `{{setting}}`, so {{count}} provider statement(s) in `{{providerPath}}` no longer apply to it (in shared mode a dedicated role does not inherit them by default). Set `{{inheritKey}}: true` if it still needs them, or `{{inheritKey}}: false` to confirm it does not.',
      droppedLegacy:
        'Function {{function}} gets its own role because of `{{setting}}`, so {{count}} statement(s) in `provider.iamRoleStatements` no longer apply to it — and cannot be inherited, because `provider.iam` exists and only `provider.iam.role.statements` are inherited. Move them to `provider.iam.role.statements` and set `{{inheritKey}}: true`, or set `{{inheritKey}}: false` to confirm the function does not need them.',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 3.0,
      precision: 'high',
      tags: ['security', 'iam', 'inheritance', 'per-function-roles', 'surprising-default'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        if (service.mode !== 'shared') return;
        const config = service.config;
        const provider = providerConfig(service);
        if (!provider) return;
        const custom = isMap(config.custom) ? config.custom['serverless-iam-roles-per-function'] : undefined;
        // A service-wide default is an explicit choice.
        if (has(custom, 'defaultInherit')) return;

        // Which provider statements a dedicated role would inherit (semantics §4.4).
        const iamExists = has(provider, 'iam');
        const iamRole = isMap(provider.iam) ? provider.iam.role : undefined;
        const inheritable = iamExists ? (isMap(iamRole) ? iamRole.statements : undefined) : provider.iamRoleStatements;
        const inheritablePath: Path = iamExists ? ['provider', 'iam', 'role', 'statements'] : ['provider', 'iamRoleStatements'];
        const legacy = provider.iamRoleStatements;
        // With `provider.iam` present, the shared role still gets the legacy list when `iam.role.statements` is absent (§3.4).
        const legacyOnShared = iamExists && !(isMap(iamRole) && iamRole.statements) && Array.isArray(legacy) && legacy.length > 0;

        const roles = new Map<string, RoleModel>();
        for (const role of service.roles) if (role.dedicatedTo !== undefined) roles.set(role.dedicatedTo, role);

        for (const fn of service.functions) {
          if (fn.choice !== 'dedicated-opt-in' && fn.choice !== 'dedicated-plugin') continue;
          const fnCfg = functionConfig(service, fn);
          if (!fnCfg) continue;
          // The plugin reads only the legacy key (semantics §12).
          const newKey = !service.externalPerFunctionPlugin && isMap(fnCfg.iam) && has(fnCfg.iam, 'inheritStatements');
          if (newKey || has(fnCfg, 'iamRoleStatementsInherit')) continue;
          const setting = optInSetting(fn, fnCfg, service.externalPerFunctionPlugin);
          const inheritKey = service.externalPerFunctionPlugin ? 'iamRoleStatementsInherit' : 'iam.inheritStatements';
          const role = roles.get(fn.key);
          const dropped = Array.isArray(inheritable) ? droppedStatements(inheritable, role) : 0;
          if (dropped > 0) {
            context.report({
              messageId: 'dropped',
              data: { function: fn.key, setting: formatPath(setting), count: dropped, providerPath: formatPath(inheritablePath), inheritKey },
              at: { path: setting },
              functions: [fn.key],
              related: [{ message: 'provider statements that no longer apply', at: { path: inheritablePath } }],
            });
          } else if (legacyOnShared && droppedStatements(legacy, role) > 0) {
            context.report({
              messageId: 'droppedLegacy',
              data: { function: fn.key, setting: formatPath(setting), count: droppedStatements(legacy, role), inheritKey },
              at: { path: setting },
              functions: [fn.key],
              related: [{ message: 'legacy provider statements', at: { path: ['provider', 'iamRoleStatements'] } }],
            });
          }
        }
      },
    };
  },
};

export default rule;
