import type { Rule } from '../src/engine/types.js';
import { formatPath, type Path } from '../src/load/node.js';
import type { FunctionModel, ServiceModel } from '../src/synthesize/model.js';
import { functionConfig, providerConfig } from './lib/config.js';
import { dedicatedRoleSettings, isExistingRoleRef } from './lib/framework.js';
import { has, isMap as isObj, truthy, type PlainMap as Obj } from './lib/plain.js';
import { nameList } from './lib/text.js';

function hasOwnRoleName(fnCfg: Obj): boolean {
  const role = isObj(fnCfg.iam) ? fnCfg.iam.role : undefined;
  return (isObj(role) && truthy(role.name)) || truthy(fnCfg.iamRoleStatementsName);
}

const GENERATED_ROLE = /IamRoleLambdaExecution$/;

const rule: Rule = {
  meta: {
    id: 'no-conflicting-roles',
    type: 'problem',
    description:
      'Report role settings the Framework refuses to package, or that wire functions to a role that is never created.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-conflicting-roles.md',
    messages: {
      roleWithStatements:
        'Function {{function}} sets both `role` and `{{setting}}`: the Framework refuses to package this ("Defining function \'role\' cannot be combined with per-function IAM settings"). Remove `role` so the Framework builds a dedicated role from the statements, or move the statements into the role `role` names.',
      providerRoleWithPerFunction:
        '`provider.role` cannot be combined with `provider.iam.role.mode: perFunction`: the Framework refuses to package this service. Remove `provider.role` (use `functions.<name>.role` where a function needs a custom role), or remove `mode: perFunction`.',
      providerRoleNull:
        '`provider.role` is present but empty, so the Framework generates no shared role yet points {{functions}} at IamRoleLambdaExecution — the deploy fails because that role does not exist. Remove the `role` key or give it a role.',
      roleNameWithDedicated:
        '`provider.iam.role.name` makes packaging fail ("Global Role Name is not in expected format"): the Framework generates dedicated roles for {{functions}}, which have no name of their own. Remove `provider.iam.role.name`, or set `iam.role.name` on each of them.',
      danglingGeneratedRole:
        '`{{setting}}` points {{functions}} at {{roleId}}, but the Framework does not generate that role here ({{reason}}), so the deploy fails. Remove `{{setting}}` to use the role the Framework generates, or point it at a role you declare in `resources`.',
      perFunctionWithPlugin:
        '`provider.iam.role.mode: perFunction` does not work with the serverless-iam-roles-per-function plugin: packaging crashes for functions with `iamRoleStatements` and leaves the others pointing at a role that is not created. Remove the plugin (per-function roles are built into v4) or remove `mode: perFunction`.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 3.0,
      precision: 'very-high',
      tags: ['security', 'iam', 'misconfiguration', 'deploy-failure', 'custom-role'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        if (service.functions.length === 0) return;
        const provider = providerConfig(service);
        const fnCfgOf = (fn: FunctionModel): Obj | undefined => functionConfig(service, fn);
        const iamRole = provider && isObj(provider.iam) ? provider.iam.role : undefined;
        const providerRef = isExistingRoleRef(iamRole);
        const providerRoleKey = has(provider, 'role');
        const perFunction = isObj(iamRole) && iamRole.mode === 'perFunction';
        const external = service.externalPerFunctionPlugin;
        const allKeys = service.functions.map((f) => f.key);

        if (providerRoleKey && perFunction) {
          context.report({
            messageId: 'providerRoleWithPerFunction',
            at: { path: ['provider', 'iam', 'role', 'mode'] },
            functions: allKeys,
            related: [{ message: '`provider.role` is set here', at: { path: ['provider', 'role'] } }],
          });
        } else if (providerRoleKey && provider!.role === null) {
          const affected = service.functions.filter((f) => !truthy(fnCfgOf(f)?.role));
          if (affected.length > 0) {
            const keys = affected.map((f) => f.key);
            context.report({ messageId: 'providerRoleNull', data: { functions: nameList(keys) }, at: { path: ['provider', 'role'] }, functions: keys });
          }
        }

        if (perFunction && external) {
          context.report({
            messageId: 'perFunctionWithPlugin',
            at: { path: ['provider', 'iam', 'role', 'mode'] },
            functions: allKeys,
          });
        }

        // Built-in per-function step: skipped entirely under a provider-level role (§2 rules 2, 3).
        const stepRuns = !providerRef && !providerRoleKey;
        const unnamedDedicated: string[] = [];
        for (const fn of service.functions) {
          const fnCfg = fnCfgOf(fn);
          if (!fnCfg) continue;
          const ownRole = truthy(fnCfg.role);
          const settings = dedicatedRoleSettings(fnCfg, external);
          if (stepRuns && ownRole && settings.length > 0) {
            const setting: Path = [...fn.path, ...settings[0]!];
            context.report({
              messageId: 'roleWithStatements',
              data: { function: fn.key, setting: formatPath(settings[0]!) },
              at: { path: [...fn.path, 'role'] },
              functions: [fn.key],
              related: [{ message: 'per-function IAM setting', at: { path: setting } }],
            });
          }
          const dedicated = stepRuns && !ownRole && !(perFunction && external) && (perFunction || settings.length > 0);
          if (dedicated && !hasOwnRoleName(fnCfg)) unnamedDedicated.push(fn.key);
        }
        if (isObj(iamRole) && truthy(iamRole.name) && unnamedDedicated.length > 0) {
          context.report({
            messageId: 'roleNameWithDedicated',
            data: { functions: nameList(unnamedDedicated) },
            at: { path: ['provider', 'iam', 'role', 'name'] },
            functions: unnamedDedicated,
          });
        }

        // Functions pointed at a generated role id that this service does not generate.
        const dangling = new Map<string, { setting: Path; roleId: string; fns: FunctionModel[] }>();
        for (const fn of service.functions) {
          if (!fn.dangling || fn.roleLogicalId === null || !GENERATED_ROLE.test(fn.roleLogicalId)) continue;
          // Only a role someone wrote; the plugin + perFunction crash is perFunctionWithPlugin.
          if (fn.choice !== 'function-role' && fn.choice !== 'provider-role' && fn.choice !== 'provider-iam-role') continue;
          if (fn.choice === 'provider-role' && providerRoleKey && provider!.role === null) continue; // providerRoleNull
          const key = formatPath(fn.choiceAt);
          const entry = dangling.get(key) ?? { setting: fn.choiceAt, roleId: fn.roleLogicalId, fns: [] };
          entry.fns.push(fn);
          dangling.set(key, entry);
        }
        for (const entry of dangling.values()) {
          const keys = entry.fns.map((f) => f.key);
          const reason =
            entry.roleId !== 'IamRoleLambdaExecution'
              ? 'it only generates a dedicated role for a function that asks for one'
              : perFunction
                ? 'in perFunction mode there is no shared role'
                : providerRoleKey || providerRef
                  ? 'a provider-level role replaces it'
                  : 'every function sets `role`, so no shared role is generated';
          context.report({
            messageId: 'danglingGeneratedRole',
            data: { functions: nameList(keys), roleId: entry.roleId, setting: formatPath(entry.setting), reason },
            at: { path: entry.setting },
            functions: keys,
          });
        }
      },
    };
  },
};

export default rule;
