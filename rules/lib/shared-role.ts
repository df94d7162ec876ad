/**
 * Where the sharing of a role is decided: the setting that makes several functions run with
 * one role (shared by `no-shared-role`, and by `no-leaked-grants` for its per-role summary).
 *
 * Not a rule: this module has no default export.
 */
import type { ReportTarget } from '../../src/engine/types.js';
import type { Path } from '../../src/load/node.js';
import type { FunctionModel, RoleModel, ServiceModel } from '../../src/synthesize/model.js';
import { isMap as isObj, type PlainMap as Obj } from './plain.js';

/** Where the shared role's existence is decided: the provider IAM settings, most specific first. */
export function sharedRoleSetting(config: Obj): Path {
  const provider = config.provider;
  if (!isObj(provider)) return ['provider'];
  const iam = provider.iam;
  if (isObj(iam) && isObj(iam.role)) {
    return 'mode' in iam.role ? ['provider', 'iam', 'role', 'mode'] : ['provider', 'iam', 'role'];
  }
  if (isObj(iam)) return ['provider', 'iam'];
  if ('iamRoleStatements' in provider) return ['provider', 'iamRoleStatements'];
  if ('iamManagedPolicies' in provider) return ['provider', 'iamManagedPolicies'];
  return ['provider'];
}

export interface SharingSite {
  /** `generated`: the shared role; `provider`: a service-wide `provider.iam.role`/`provider.role`; `custom`: any other role. */
  kind: 'generated' | 'provider' | 'custom';
  at: ReportTarget;
  /** For `provider`: the first function that runs with the role because of the provider setting. */
  providerChosen?: FunctionModel;
}

/**
 * Where the sharing of `role` (in the stack, or `undefined` for an external role value) by the
 * functions `fns` (not empty) is decided.
 */
export function sharingSite(config: Obj, role: RoleModel | undefined, fns: readonly FunctionModel[]): SharingSite {
  if (role?.kind === 'shared') return { kind: 'generated', at: { path: sharedRoleSetting(config) } };
  const providerChosen = fns.find((f) => f.choice === 'provider-role' || f.choice === 'provider-iam-role');
  if (providerChosen) return { kind: 'provider', at: { path: providerChosen.choiceAt }, providerChosen };
  if (role) return { kind: 'custom', at: role };
  return { kind: 'custom', at: { path: fns[0]!.choiceAt } };
}

/** `sharingSite` for a role of the stack, with the functions that run with it. */
export function roleSharingSite(service: ServiceModel, role: RoleModel): SharingSite {
  const on = new Set(role.functions);
  return sharingSite(service.config, role, service.functions.filter((f) => on.has(f.key) && !f.dangling));
}
