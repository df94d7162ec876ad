import type { Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type { FunctionModel, ServiceModel } from '../src/synthesize/model.js';

type Obj = { [key: string]: Plain };

function isObj(v: Plain | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

function valueAt(root: Plain | undefined, path: Path): Plain | undefined {
  let cur: Plain | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isObj(cur) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

function has(o: Plain | undefined, key: string): boolean {
  return isObj(o) && Object.hasOwn(o, key);
}

/** The setting that gave the function its dedicated role, as the Framework checks them (semantics §4.1). */
function optInSetting(fn: FunctionModel, fnCfg: Obj, external: boolean): Path {
  const base = fn.path;
  const role = isObj(fnCfg.iam) ? fnCfg.iam.role : undefined;
  if (!external) {
    if (has(role, 'statements')) return [...base, 'iam', 'role', 'statements'];
    if (isObj(role) && Array.isArray(role.managedPolicies) && role.managedPolicies.length > 0) return [...base, 'iam', 'role', 'managedPolicies'];
  }
  if (has(fnCfg, 'iamRoleStatements')) return [...base, 'iamRoleStatements'];
  return fn.choiceAt;
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
        'Function {{function}} gets its own role because of `{{setting}}`, so the {{count}} provider statement(s) in `{{providerPath}}` no longer apply to it (in shared mode a dedicated role does not inherit them by default). Set `{{inheritKey}}: true` if it still needs them, or `{{inheritKey}}: false` to confirm it does not.',
      droppedLegacy:
        'Function {{function}} gets its own role because of `{{setting}}`, so the {{count}} statement(s) in `provider.iamRoleStatements` no longer apply to it — and cannot be inherited, because `provider.iam` exists and only `provider.iam.role.statements` are inherited. Move them to `provider.iam.role.statements` and set `{{inheritKey}}: true`, or set `{{inheritKey}}: false` to confirm the function does not need them.',
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
        const provider = isObj(config.provider) ? config.provider : undefined;
        if (!provider) return;
        const custom = isObj(config.custom) ? config.custom['serverless-iam-roles-per-function'] : undefined;
        // A service-wide default is an explicit choice.
        if (has(custom, 'defaultInherit')) return;

        // Which provider statements a dedicated role would inherit (semantics §4.4).
        const iamExists = has(provider, 'iam');
        const iamRole = isObj(provider.iam) ? provider.iam.role : undefined;
        const inheritable = iamExists ? (isObj(iamRole) ? iamRole.statements : undefined) : provider.iamRoleStatements;
        const inheritablePath: Path = iamExists ? ['provider', 'iam', 'role', 'statements'] : ['provider', 'iamRoleStatements'];
        const legacy = provider.iamRoleStatements;
        // With `provider.iam` present, the shared role still gets the legacy list when `iam.role.statements` is absent (§3.4).
        const legacyOnShared = iamExists && !(isObj(iamRole) && iamRole.statements) && Array.isArray(legacy) && legacy.length > 0;

        for (const fn of service.functions) {
          if (fn.choice !== 'dedicated-opt-in' && fn.choice !== 'dedicated-plugin') continue;
          const fnCfg = valueAt(config, fn.path);
          if (!isObj(fnCfg)) continue;
          // The plugin reads only the legacy key (semantics §12).
          const newKey = !service.externalPerFunctionPlugin && isObj(fnCfg.iam) && has(fnCfg.iam, 'inheritStatements');
          if (newKey || has(fnCfg, 'iamRoleStatementsInherit')) continue;
          const setting = optInSetting(fn, fnCfg, service.externalPerFunctionPlugin);
          const inheritKey = service.externalPerFunctionPlugin ? 'iamRoleStatementsInherit' : 'iam.inheritStatements';
          if (Array.isArray(inheritable) && inheritable.length > 0) {
            context.report({
              messageId: 'dropped',
              data: { function: fn.key, setting: formatPath(setting), count: inheritable.length, providerPath: formatPath(inheritablePath), inheritKey },
              at: { path: setting },
              functions: [fn.key],
              related: [{ message: 'provider statements that no longer apply', at: { path: inheritablePath } }],
            });
          } else if (legacyOnShared) {
            context.report({
              messageId: 'droppedLegacy',
              data: { function: fn.key, setting: formatPath(setting), count: (legacy as Plain[]).length, inheritKey },
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
