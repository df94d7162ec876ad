/**
 * The state of one simulated `serverless package` run: the normalized config, the generated
 * roles, and what each function compiled to (its `Role`, `DependsOn`, how the role was chosen).
 */
import type { Diagnostic, Path, Plain } from '../load/node.js';
import type { RoleChoice } from './model.js';
import type { FunctionInfo, NormalizedService } from './normalize.js';
import { get, isObj, isUnknown, newObj, type Obj, type Val } from './plain.js';
import type { GenRole } from './role-build.js';

export interface CompiledFunction {
  info: FunctionInfo;
  /** `Properties.Role` of the function resource. */
  role: Plain;
  /** `DependsOn` of the function resource (undefined when it has none). */
  dependsOn?: string[];
  choice: RoleChoice;
  choiceAt: Path;
  /** `Properties.VpcConfig` was written (both security groups and subnets known). */
  hasVpcConfig: boolean;
  /** The value `getCustomExecutionRole` returned (falsy when none). */
  customRole: Val;
}

export interface Sim {
  n: NormalizedService;
  /** `provider.iam.role`, or `{}` when absent (as `_.get(iam, 'role', {})`). */
  iamRole: Val;
  /** `provider.iam.role` names an existing role (a string or an object with a `::` key). */
  existingProviderRole: boolean;
  /** The key `role` exists in `provider`. */
  providerRoleKey: boolean;
  perFunction: boolean;
  /** Generated roles, in creation order. */
  roles: Map<string, GenRole>;
  shared?: GenRole;
  compiled: Map<string, CompiledFunction>;
  /** Compile-time prediction `usesDedicatedPerFunctionRole` per function key. */
  dedicated: Map<string, boolean>;
  diagnostics: Diagnostic[];
}

/** `provider.isExistingRoleProvided`: a string, or an object with at least one key containing `::`. */
export function isExistingRoleProvided(v: Val): boolean {
  if (typeof v === 'string' || isUnknown(v)) return true; // an Unknown stands for a string (a role name/ARN) here
  return isObj(v) && Object.keys(v).some((k) => k.includes('::'));
}

export function createSim(n: NormalizedService): Sim {
  const iam = n.provider.iam;
  let iamRole: Val = isObj(iam) && 'role' in iam ? iam.role : newObj();
  const diagnostics: Diagnostic[] = [];
  if (iamRole === null) {
    // `_.get` returns null here and the Framework's next read would crash, unless its schema
    // coercion turned null into '' first; neither is certain: treated as absent.
    iamRole = newObj();
    diagnostics.push({
      code: 'null-provider-iam-role',
      severity: 'warning',
      message: 'provider.iam.role is empty (null); iamlint treats it as absent, the Framework may refuse it.',
      path: ['provider', 'iam', 'role'],
    });
  }
  const sim: Sim = {
    n,
    iamRole,
    existingProviderRole: isExistingRoleProvided(iamRole),
    providerRoleKey: Object.prototype.hasOwnProperty.call(n.provider, 'role'),
    perFunction: isObj(iamRole) && iamRole.mode === 'perFunction',
    roles: new Map(),
    compiled: new Map(),
    dedicated: new Map(),
    diagnostics,
  };
  for (const info of n.functions) sim.dedicated.set(info.key, usesDedicatedPerFunctionRole(sim, info.fn));
  return sim;
}

/** `usesDedicatedPerFunctionRole` (§4.1): the built-in will give this function its own role. */
export function usesDedicatedPerFunctionRole(sim: Sim, fn: Obj): boolean {
  if (sim.n.externalPlugin) return false;
  if (fn.role) return false;
  if (sim.existingProviderRole) return false;
  if (sim.providerRoleKey && !sim.perFunction) return false;
  if (sim.perFunction) return true;
  return hasPerFunctionIamConfig(fn);
}

/** `iamRoleStatements` / `iam.role.statements` present (any value), or non-empty `iam.role.managedPolicies`. */
export function hasPerFunctionIamConfig(fn: Obj): boolean {
  if (fn.iamRoleStatements !== undefined) return true;
  if (get(fn, 'iam', 'role', 'statements') !== undefined) return true;
  const mp = get(fn, 'iam', 'role', 'managedPolicies');
  return Array.isArray(mp) && mp.length > 0;
}

/** Where the opt-in is written, for provenance. */
export function perFunctionIamConfigPath(info: FunctionInfo): Path {
  const fn = info.fn;
  if (get(fn, 'iam', 'role', 'statements') !== undefined) return [...info.path, 'iam', 'role', 'statements'];
  if (fn.iamRoleStatements !== undefined) return [...info.path, 'iamRoleStatements'];
  return [...info.path, 'iam', 'role', 'managedPolicies'];
}

/** `provider.getCustomExecutionRole(fn)`: `fn.role` if truthy, else an existing `provider.iam.role`, else `provider.role`. */
export function customExecutionRole(sim: Sim, fn: Obj): Val {
  if (fn.role) return fn.role;
  if (sim.existingProviderRole) return sim.iamRole;
  return sim.n.provider.role;
}

export const isDedicated = (sim: Sim, key: string): boolean => sim.dedicated.get(key) === true;
