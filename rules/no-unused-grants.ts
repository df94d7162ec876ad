import type { Rule } from '../src/engine/types.js';
import { formatPath } from '../src/load/node.js';
import type { FunctionModel, GrantCause, RoleModel, ServiceModel, TrustPrincipalModel } from '../src/synthesize/model.js';
import { causeRoot, isFunctionCause, realVpc, roleGrantsOf } from './lib/auto-grants.js';
import { valueAt } from './lib/config.js';
import { stableKey } from './lib/plain.js';
import { nameList, plural } from './lib/text.js';

interface Stray {
  role: RoleModel;
  cause: GrantCause & { function: string };
  grants: string[];
}

const rule: Rule = {
  meta: {
    id: 'no-unused-grants',
    type: 'problem',
    description:
      'Report grants that reach no function needing them: grants caused by a function that runs with another role, a generated shared role no function uses, and trust a dedicated role copies for events its function does not have.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-unused-grants.md',
    messages: {
      customRoleGrant:
        'Function {{source}} runs with its own role ({{sourceRole}}), yet `{{setting}}` makes the Framework add {{grant}} to the role {{role}} instead — where no function needs it (it reaches {{functions}}) — while {{source}}\'s own role gets nothing. Grant it in {{source}}\'s role; to keep it off {{role}}, set `provider.iam.role.mode: perFunction`.',
      strayGrant:
        'Function {{source}} runs with its own role, yet `{{setting}}` also adds {{grant}} to the role {{role}}, where no function needs it (it reaches {{functions}}). Set `provider.iam.role.mode: perFunction` so the Framework only grants it to {{source}}.',
      pluginGrant:
        'Function {{source}} runs with the role serverless-iam-roles-per-function made for it, yet `{{setting}}` also adds {{grant}} to the role {{role}}, where no function needs it (it reaches {{functions}}): the plugin does not keep dedicated functions\' grants off the shared role. Remove the plugin — per-function roles are built into Framework v4 (≥ 4.40 keeps these grants off the shared role).',
      unusedRole:
        'The Framework generates the shared role IamRoleLambdaExecution ({{contents}}), but no function runs with it: every function has a role of its own. Set `provider.iam.role.mode: perFunction` so it is not deployed.',
      unusedRolePlugin:
        'The Framework generates the shared role IamRoleLambdaExecution ({{contents}}), but no function runs with it: every function has a role made by serverless-iam-roles-per-function. The plugin cannot prevent it (with `provider.iam.role.mode: perFunction` it crashes): remove the plugin and set `provider.iam.role.mode: perFunction` — per-function roles are built into Framework v4.',
      inheritedTrust:
        'The dedicated roles of {{functions}} trust {{principal}} only because function {{source}} has `{{setting}}`: in shared mode a dedicated role copies the shared role\'s trust. {{principal}} can assume these roles though their functions have no such event. Set `provider.iam.role.mode: perFunction` (trust is then per function).',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 5.0,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'unused-permissions', 'auto-grants', 'trust-policy'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const fnByKey = new Map<string, FunctionModel>(service.functions.map((f) => [f.key, f]));
        const strays = new Map<string, Stray>();
        const trusts = new Map<string, { principal: string; cause: GrantCause & { function: string }; functions: Set<string>; at: TrustPrincipalModel }>();

        for (const role of service.roles) {
          if (role.kind === 'shared' && role.functions.length === 0) {
            context.report({
              messageId: service.externalPerFunctionPlugin ? 'unusedRolePlugin' : 'unusedRole',
              data: { contents: `${plural(role.statements.length, 'statement')}, ${plural(role.managedPolicies.length, 'managed policy', 'managed policies')}` },
              at: role,
              functions: [],
              role,
            });
            continue;
          }
          if (role.functions.length === 0) continue;
          const onRole = new Set(role.functions);

          // 1. Grants caused by functions that do not run with this role and needed by none that do.
          const { items, needs: index } = roleGrantsOf(service.config, role);
          // Does a set of needing functions include one that runs with this role? Once per set.
          const met = new Map<Set<string>, boolean>();
          const meets = (set: Set<string>): boolean => {
            let r = met.get(set);
            if (r === undefined) {
              r = false;
              for (const f of set) {
                if (onRole.has(f)) {
                  r = true;
                  break;
                }
              }
              met.set(set, r);
            }
            return r;
          };
          for (const item of items) {
            const p = item.provenance;
            // Trust a dedicated role copied from the shared role is case 3 below.
            if (item.what === 'trust' && role.kind === 'dedicated') continue;
            if (p.grant === 'logs' || p.grant === 'logs-deny' || p.grant === 'lambda-trust') continue;
            if (p.causes.length === 0 || !p.causes.every(isFunctionCause)) continue;
            for (const c of p.causes) {
              if (!isFunctionCause(c) || onRole.has(c.function)) continue;
              if (p.grant === 'vpc' && !realVpc(valueAt(service.config, c.setting))) continue;
              if (index.sets(item, c).some(meets)) continue;
              const key = `${role.logicalId}\u0000${formatPath(causeRoot(c))}`;
              const stray = strays.get(key) ?? { role, cause: c, grants: [] };
              if (!stray.grants.includes(item.grant)) stray.grants.push(item.grant);
              strays.set(key, stray);
            }
          }

          // 3. Trust a dedicated role copied from the shared role for other functions' events.
          if (role.kind === 'dedicated' && role.dedicatedTo !== undefined) {
            for (const t of role.trust) {
              const p = t.provenance;
              if (p.kind !== 'auto' || p.grant === 'lambda-trust') continue;
              if (p.causes.some((c) => c.function === role.dedicatedTo || !isFunctionCause(c))) continue;
              const cause = p.causes.find(isFunctionCause);
              if (!cause) continue;
              const principal = String(t.principal);
              const key = `${principal}\u0000${formatPath(causeRoot(cause))}`;
              const entry = trusts.get(key) ?? { principal, cause, functions: new Set<string>(), at: t };
              entry.functions.add(role.dedicatedTo);
              trusts.set(key, entry);
            }
          }
        }

        for (const stray of strays.values()) {
          const source = fnByKey.get(stray.cause.function);
          const messageId =
            source?.choice === 'dedicated-plugin'
              ? 'pluginGrant'
              : source !== undefined && source.choice !== 'dedicated-opt-in' && source.choice !== 'dedicated-per-function' && source.choice !== 'shared'
                ? 'customRoleGrant'
                : 'strayGrant';
          const at = causeRoot(stray.cause);
          const sourceRole = source ? (source.roleLogicalId ?? (typeof source.role === 'string' ? source.role : stableKey(source.role))) : '?';
          context.report({
            messageId,
            data: {
              source: stray.cause.function,
              sourceRole,
              setting: formatPath(at),
              grant: stray.grants.join('; '),
              role: stray.role.logicalId,
              functions: nameList(stray.role.functions),
            },
            at: { path: at },
            functions: [...stray.role.functions],
            role: stray.role,
          });
        }
        for (const t of trusts.values()) {
          const functions = [...t.functions].sort();
          context.report({
            messageId: 'inheritedTrust',
            data: { functions: nameList(functions), principal: t.principal, source: t.cause.function, setting: formatPath(causeRoot(t.cause)) },
            at: { path: causeRoot(t.cause) },
            functions,
          });
        }
      },
    };
  },
};

export default rule;
