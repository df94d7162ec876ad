import type { Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type { ServiceModel } from '../src/synthesize/model.js';
import { functionConfigs, providerConfig } from './lib/config.js';
import { dedicatedRoleSettings, frameworkMajor, isExistingRoleRef } from './lib/framework.js';
import { has, isEmpty, isMap as isObj, truthy, type PlainMap as Obj } from './lib/plain.js';
import { nameList } from './lib/text.js';

type SettingKind = 'statements' | 'managedPolicies' | 'name' | 'path' | 'tags' | 'boundary' | 'inherit';

interface FnSetting {
  rel: Path;
  kind: SettingKind;
  legacy: boolean;
  value: Plain;
}

const ROLE_KEYS: ReadonlyArray<[string, SettingKind]> = [
  ['statements', 'statements'],
  ['managedPolicies', 'managedPolicies'],
  ['name', 'name'],
  ['path', 'path'],
  ['tags', 'tags'],
  ['permissionsBoundary', 'boundary'],
];

const LEGACY_KEYS: ReadonlyArray<[string, SettingKind]> = [
  ['iamRoleStatements', 'statements'],
  ['iamRoleStatementsName', 'name'],
  ['iamRoleStatementsInherit', 'inherit'],
  ['iamPermissionsBoundary', 'boundary'],
];

/** Every function-level IAM setting that is written, in source-key form. */
function functionIamSettings(fnCfg: Obj): FnSetting[] {
  const out: FnSetting[] = [];
  const iam = fnCfg.iam;
  if (isObj(iam)) {
    if (has(iam, 'inheritStatements')) out.push({ rel: ['iam', 'inheritStatements'], kind: 'inherit', legacy: false, value: iam.inheritStatements! });
    if (isObj(iam.role)) {
      for (const [key, kind] of ROLE_KEYS) {
        if (has(iam.role, key)) out.push({ rel: ['iam', 'role', key], kind, legacy: false, value: iam.role[key]! });
      }
    }
  }
  for (const [key, kind] of LEGACY_KEYS) {
    if (has(fnCfg, key)) out.push({ rel: [key], kind, legacy: true, value: fnCfg[key]! });
  }
  return out;
}

/** The text certainly at the start of the concatenated values: up to the first unknown piece. */
function knownLead(values: Plain[]): string {
  let out = '';
  for (const v of values) {
    if (!(v instanceof Unknown)) {
      out += String(v);
      continue;
    }
    for (const part of v.parts ?? []) {
      if (typeof part !== 'string') return out;
      out += part;
    }
    return out;
  }
  return out;
}

const rule: Rule = {
  meta: {
    id: 'no-ignored-settings',
    type: 'problem',
    description: 'Report IAM settings that the Serverless Framework silently ignores in the configuration they are written in.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-ignored-settings.md',
    messages: {
      underProviderRole:
        '`{{setting}}` is ignored: `{{providerSetting}}` makes every function run with that role, so the Framework builds no role for function {{function}} and applies none of its IAM settings. Grant this in that role, or remove `{{providerSetting}}`.',
      underOwnRole:
        '`{{setting}}` is ignored: function {{function}} runs with its own `role`, so the Framework builds no role for it. Put this into that role, or remove `role`.',
      withoutDedicatedRole:
        '`{{setting}}` is ignored: function {{function}} runs with the shared role, because only `iam.role.statements` or a non-empty `iam.role.managedPolicies` give a function its own role{{consequence}}. Add statements for it, or remove this setting.',
      withPlugin:
        '`{{setting}}` is ignored: with serverless-iam-roles-per-function in `plugins`, the built-in per-function roles are off and the plugin only reads `iamRoleStatements`, `iamRoleStatementsName`, `iamRoleStatementsInherit` and `iamPermissionsBoundary`. Use those keys, or remove the plugin.',
      legacyShadowed: '`{{setting}}` is ignored because `{{winner}}` is also set and the Framework only uses that one. Merge the two into `{{winner}}`.',
      frameworkV3:
        '`{{setting}}` is ignored: `frameworkVersion: {{version}}` is Serverless Framework v{{major}}, which has no built-in per-function roles. Add the serverless-iam-roles-per-function plugin (and use `iamRoleStatements`), or move to v4.',
      providerNameInPerFunction:
        '`provider.iam.role.name` is ignored: in perFunction mode there is no shared role, and every function role gets its own name (`iam.role.name` or a generated one). Remove it.',
      legacyProviderUnused:
        '`provider.iamRoleStatements` applies to no function: in perFunction mode only `provider.iam.role.statements` are copied into function roles. Move these statements to `provider.iam.role.statements`.',
      legacyProviderNotInherited:
        '`provider.iamRoleStatements` reaches the shared role but not the dedicated roles of {{functions}}, which are set to inherit provider statements: because `provider.iam` exists, only `provider.iam.role.statements` are inherited. Move these statements to `provider.iam.role.statements`.',
      providerManagedPoliciesPerFunction:
        '`provider.iamManagedPolicies` is ignored in perFunction mode: only `provider.iam.role.managedPolicies` reach the function roles. Move the policies there.',
      providerIamRoleRef:
        '`provider.iam.role: !Ref {{ref}}` is not used: the Framework only accepts a role ARN, a logical id or `Fn::GetAtt` here; with `Ref` it generates its own shared role and {{ref}} stays unused. Write `provider.iam.role: {{ref}}` or `!GetAtt {{ref}}.Arn`.',
      providerIamUnused: '`{{setting}}` is ignored: {{reason}}, so the Framework generates no role that would use it. Remove it, or set this on the role the functions use.',
      vpcOptOutIgnored:
        '`vpc: {{value}}` does not take function {{function}} out of `provider.vpc` for IAM: its role still gets AWSLambdaVPCAccessExecutionRole. If the function must not create network interfaces, give it a role of its own without that policy.',
      vpcKeyAttachesPolicy:
        '`vpc: {{value}}` on function {{function}} attaches AWSLambdaVPCAccessExecutionRole to the shared role — the Framework only checks that the key exists — though no function in this service runs in a VPC. Remove the `vpc` key.',
      tracingOptOutIgnored:
        '`tracing: false` is ignored: function {{function}} falls back to `provider.tracing.lambda`, so it is still traced and its role still gets the X-Ray grant. Use `tracing: PassThrough` to stop active tracing for it.',
      providerLogGroupIgnored:
        'The shared role does not grant writing to `provider.logs.lambda.logGroup` ({{group}}): it only grants the log groups under /aws/lambda/{{prefix}}*, so the logs of {{functions}} are not written. Add a statement for the group to `provider.iam.role.statements`, or use `provider.iam.role.mode: perFunction` (dedicated roles honour it).',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 4.0,
      precision: 'very-high',
      tags: ['security', 'iam', 'misconfiguration', 'silently-ignored', 'legacy-settings'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        if (service.functions.length === 0) return;
        const report = (messageId: string, path: Path, data: Record<string, string | number>, functions?: string[]) =>
          context.report({ messageId, data: { setting: formatPath(path), ...data }, at: { path }, functions });

        const config = service.config;
        const provider = providerConfig(service);
        if (!provider) return;
        const iam = isObj(provider.iam) ? provider.iam : undefined;
        const iamRole = iam?.role;
        const roleObj = isObj(iamRole) ? iamRole : undefined;
        const providerRef = isExistingRoleRef(iamRole);
        const providerRoleKey = has(provider, 'role');
        const perFunction = roleObj?.mode === 'perFunction';
        const external = service.externalPerFunctionPlugin;
        const major = frameworkMajor(config.frameworkVersion);
        const v3 = major !== undefined && major < 4;
        const fnCfgOf = functionConfigs(service);
        const ownRole = (key: string) => truthy(fnCfgOf(key)?.role);
        const anyGenerated = !providerRef && !providerRoleKey && service.functions.some((f) => !ownRole(f.key));
        const sharedRole = service.roles.find((r) => r.kind === 'shared');

        // ---- provider level ----
        if (roleObj && Object.hasOwn(roleObj, 'Ref') && !Object.keys(roleObj).some((k) => k.includes('::'))) {
          report('providerIamRoleRef', ['provider', 'iam', 'role'], { ref: String(roleObj.Ref) });
        }
        if (v3 && roleObj && has(roleObj, 'mode')) {
          report('frameworkV3', ['provider', 'iam', 'role', 'mode'], { version: String(config.frameworkVersion), major: major! });
        }

        const providerSettings: Path[] = [];
        if (roleObj) {
          for (const key of ['statements', 'managedPolicies', 'name', 'path', 'tags', 'permissionsBoundary', 'permissionBoundary']) {
            if (has(roleObj, key) && !isEmpty(roleObj[key])) providerSettings.push(['provider', 'iam', 'role', key]);
          }
        }
        for (const key of ['iamRoleStatements', 'iamManagedPolicies', 'rolePermissionsBoundary']) {
          if (has(provider, key) && !isEmpty(provider[key])) providerSettings.push(['provider', key]);
        }

        if (!anyGenerated) {
          const reason = providerRoleKey
            ? '`provider.role` makes every function use that role'
            : providerRef
              ? '`provider.iam.role` names an existing role that every function uses'
              : 'every function sets its own `role`';
          for (const path of providerSettings) report('providerIamUnused', path, { reason });
        } else {
          // Shadowed legacy keys (semantics §3.4, §3.2).
          if (roleObj && truthy(roleObj.statements) && has(provider, 'iamRoleStatements')) {
            report('legacyShadowed', ['provider', 'iamRoleStatements'], { winner: 'provider.iam.role.statements' });
          }
          if (roleObj && truthy(roleObj.managedPolicies) && has(provider, 'iamManagedPolicies')) {
            report('legacyShadowed', ['provider', 'iamManagedPolicies'], { winner: 'provider.iam.role.managedPolicies' });
          }
          if (roleObj && truthy(roleObj.permissionsBoundary) && has(roleObj, 'permissionBoundary')) {
            report('legacyShadowed', ['provider', 'iam', 'role', 'permissionBoundary'], { winner: 'provider.iam.role.permissionsBoundary' });
          }
          if (roleObj && (truthy(roleObj.permissionsBoundary) || truthy(roleObj.permissionBoundary)) && has(provider, 'rolePermissionsBoundary')) {
            const winner = truthy(roleObj.permissionsBoundary) ? 'provider.iam.role.permissionsBoundary' : 'provider.iam.role.permissionBoundary';
            report('legacyShadowed', ['provider', 'rolePermissionsBoundary'], { winner });
          }
          if (perFunction && roleObj && truthy(roleObj.name)) {
            // Only when no generated role lacks its own name (otherwise packaging fails: no-conflicting-roles).
            const unnamed = service.functions.some((f) => {
              const c = fnCfgOf(f.key);
              if (!c || ownRole(f.key)) return false;
              const r = isObj(c.iam) ? c.iam.role : undefined;
              return !(isObj(r) && truthy(r.name)) && !truthy(c.iamRoleStatementsName);
            });
            if (!unnamed) report('providerNameInPerFunction', ['provider', 'iam', 'role', 'name'], {});
          }
          const legacy = provider.iamRoleStatements;
          if (iam !== undefined || has(provider, 'iam')) {
            if (!(roleObj && truthy(roleObj.statements)) && Array.isArray(legacy) && legacy.length > 0) {
              if (perFunction) {
                report('legacyProviderUnused', ['provider', 'iamRoleStatements'], {});
              } else {
                const custom = isObj(config.custom) ? config.custom['serverless-iam-roles-per-function'] : undefined;
                const defaultInherit = has(custom, 'defaultInherit') ? truthy((custom as Obj).defaultInherit) : false;
                const inheriting = service.functions
                  .filter((f) => f.choice === 'dedicated-opt-in' || f.choice === 'dedicated-plugin')
                  .filter((f) => {
                    const c = fnCfgOf(f.key);
                    if (!c) return false;
                    if (isObj(c.iam) && has(c.iam, 'inheritStatements')) return truthy(c.iam.inheritStatements);
                    if (has(c, 'iamRoleStatementsInherit')) return truthy(c.iamRoleStatementsInherit);
                    return defaultInherit;
                  })
                  .map((f) => f.key);
                if (inheriting.length > 0) {
                  report('legacyProviderNotInherited', ['provider', 'iamRoleStatements'], { functions: nameList(inheriting) }, inheriting);
                }
              }
            }
          }
          if (perFunction && !(roleObj && truthy(roleObj.managedPolicies)) && Array.isArray(provider.iamManagedPolicies) && provider.iamManagedPolicies.length > 0) {
            report('providerManagedPoliciesPerFunction', ['provider', 'iamManagedPolicies'], {});
          }
        }

        // ---- function level ----
        const stepRuns = !providerRef && !providerRoleKey;
        const providerSetting = providerRoleKey ? 'provider.role' : 'provider.iam.role';
        for (const fn of service.functions) {
          const fnCfg = fnCfgOf(fn.key);
          if (!fnCfg) continue;
          const at = (s: FnSetting): Path => [...fn.path, ...s.rel];
          const settings = functionIamSettings(fnCfg).filter((s) => !isEmpty(s.value));
          const fnData = { function: fn.key };
          if (v3 && !external) {
            for (const s of settings) report('frameworkV3', at(s), { ...fnData, version: String(config.frameworkVersion), major: major! }, [fn.key]);
          } else if (!stepRuns) {
            for (const s of settings) {
              if (ownRole(fn.key)) report('underOwnRole', at(s), fnData, [fn.key]);
              else report('underProviderRole', at(s), { ...fnData, providerSetting }, [fn.key]);
            }
          } else if (ownRole(fn.key)) {
            for (const s of settings) {
              // `role` + statements / managed policies is a packaging error: no-conflicting-roles.
              if (s.kind === 'statements' && (!external || s.legacy)) continue;
              if (s.kind === 'managedPolicies' && !external) continue;
              if (external && !s.legacy) report('withPlugin', at(s), fnData, [fn.key]);
              else report('underOwnRole', at(s), fnData, [fn.key]);
            }
          } else if (external) {
            const optedIn = has(fnCfg, 'iamRoleStatements');
            for (const s of settings) {
              if (!s.legacy) report('withPlugin', at(s), fnData, [fn.key]);
              else if (!optedIn && s.kind !== 'statements' && !(s.kind === 'inherit' && s.value === true)) {
                report('withoutDedicatedRole', at(s), { ...fnData, consequence: consequenceOf(s) }, [fn.key]);
              }
            }
          } else {
            const role = isObj(fnCfg.iam) ? fnCfg.iam.role : undefined;
            const dedicated = perFunction || dedicatedRoleSettings(fnCfg, false).length > 0;
            if (dedicated) {
              const iamObj = isObj(fnCfg.iam) ? fnCfg.iam : undefined;
              const shadow = (legacyKey: string, winnerRel: Path, wins: boolean) => {
                if (has(fnCfg, legacyKey) && wins) {
                  report('legacyShadowed', [...fn.path, legacyKey], { ...fnData, winner: formatPath([...fn.path, ...winnerRel]) }, [fn.key]);
                }
              };
              shadow('iamRoleStatements', ['iam', 'role', 'statements'], has(role, 'statements'));
              shadow('iamRoleStatementsName', ['iam', 'role', 'name'], isObj(role) && truthy(role.name));
              shadow('iamPermissionsBoundary', ['iam', 'role', 'permissionsBoundary'], isObj(role) && truthy(role.permissionsBoundary));
              shadow('iamRoleStatementsInherit', ['iam', 'inheritStatements'], has(iamObj, 'inheritStatements'));
            } else {
              for (const s of settings) {
                if (s.kind === 'statements' || s.kind === 'managedPolicies') continue;
                if (s.kind === 'inherit' && s.value === true) continue; // the shared role has the provider statements anyway
                report('withoutDedicatedRole', at(s), { ...fnData, consequence: consequenceOf(s) }, [fn.key]);
              }
            }
          }
        }

        // ---- settings whose opt-out does not reach IAM ----
        const providerVpc = provider.vpc instanceof Unknown || (isObj(provider.vpc) && Object.keys(provider.vpc).length > 0);
        const realVpc = (v: Plain | undefined) => v instanceof Unknown || (isObj(v) && Object.keys(v).length > 0);
        const anyRealVpc = providerVpc || service.functions.some((f) => realVpc(fnCfgOf(f.key)?.vpc));
        const tracingLambda = isObj(provider.tracing) ? provider.tracing.lambda : undefined;
        for (const fn of service.functions) {
          const fnCfg = fnCfgOf(fn.key);
          if (!fnCfg) continue;
          const generated =
            fn.choice === 'shared' || fn.choice === 'dedicated-opt-in' || fn.choice === 'dedicated-per-function' || fn.choice === 'dedicated-plugin';
          if (has(fnCfg, 'vpc') && !realVpc(fnCfg.vpc)) {
            const value = fnCfg.vpc === null ? 'null' : JSON.stringify(fnCfg.vpc);
            if (providerVpc && generated) {
              report('vpcOptOutIgnored', [...fn.path, 'vpc'], { function: fn.key, value }, [fn.key]);
            } else if (!anyRealVpc && sharedRole && sharedRole.functions.length > 0) {
              report('vpcKeyAttachesPolicy', [...fn.path, 'vpc'], { function: fn.key, value }, [...sharedRole.functions]);
            }
          }
          if (fnCfg.tracing === false && truthy(tracingLambda) && generated) {
            report('tracingOptOutIgnored', [...fn.path, 'tracing'], { function: fn.key }, [fn.key]);
          }
        }

        // ---- provider-level log group the shared role does not grant (semantics §3.3) ----
        const logs = isObj(provider.logs) ? provider.logs : undefined;
        const group = logs && isObj(logs.lambda) ? logs.lambda.logGroup : undefined;
        if (typeof group === 'string' && sharedRole && sharedRole.functions.length > 0) {
          const prefix = `${String(service.service)}-${String(service.stage)}`;
          // With an unknown service or stage only their known leading text can rule the group out.
          const certain = knownLead([service.service, '-', service.stage]);
          const mentioned = sharedRole.statements.some((s) => s.provenance.kind !== 'auto' && JSON.stringify(s.document).includes(group));
          if (!group.startsWith(`/aws/lambda/${certain}`) && !mentioned) {
            const affected = sharedRole.functions.filter((key) => {
              const c = fnCfgOf(key);
              const fnLogs = c && isObj(c.logs) ? c.logs : undefined;
              return !(fnLogs && fnLogs.logGroup !== undefined) && !truthy(c?.disableLogs);
            });
            if (affected.length > 0) {
              report('providerLogGroupIgnored', ['provider', 'logs', 'lambda', 'logGroup'], { group, prefix, functions: nameList(affected) }, affected);
            }
          }
        }
      },
    };
  },
};

function consequenceOf(s: FnSetting): string {
  switch (s.kind) {
    case 'inherit':
      return ', so it still gets every provider statement';
    case 'boundary':
      return ', so the permissions boundary does not apply to it';
    case 'name':
      return ', so its role is not named this way';
    default:
      return '';
  }
}

export default rule;
