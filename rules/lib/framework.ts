/**
 * How Serverless Framework v4 reads IAM settings (shared/spec/framework-semantics.md): the
 * predicates several rules need to agree on.
 *
 * Not a rule: this module has no default export.
 */
import { Unknown, type Path, type Plain } from '../../src/load/node.js';
import { has, isMap, truthy, type PlainMap } from './plain.js';

/** `isExistingRoleProvided`: a string, or an object with a key containing `::` (semantics §2). `{Ref: X}` is not. */
export function isExistingRoleRef(value: Plain | undefined): boolean {
  if (typeof value === 'string' || value instanceof Unknown) return true;
  return isMap(value) && Object.keys(value).some((k) => k.includes('::'));
}

/** Major version of a `frameworkVersion` that names exactly one major (`3`, `^3.38.0`, `~3.1`, `3.x`); else undefined. */
export function frameworkMajor(version: Plain | undefined): number | undefined {
  if (typeof version !== 'string' && typeof version !== 'number') return undefined;
  const m = /^\s*[~^=]?\s*v?(\d+)(?:\.(?:\d+|x|\*)){0,2}\s*$/.exec(String(version));
  return m ? Number(m[1]) : undefined;
}

/**
 * The major version of a `frameworkVersion` pin that can only mean a Framework before v4
 * (`'3'`, `^3.26.0`, `>=1.21.0 <2.0.0`, `>=2.0.0 <4.0.0`); undefined when v4 may run the service.
 */
export function pinnedOldMajor(version: Plain | undefined): number | undefined {
  const exact = frameworkMajor(version);
  if (exact !== undefined) return exact < 4 ? exact : undefined;
  if (typeof version !== 'string') return undefined;
  // A range with an upper bound at or below 4.0.0: `<4`, `<4.0.0`, `<=3.x`, `<2.1.0`.
  const upper = /<(=?)\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/.exec(version);
  if (!upper) return undefined;
  const major = Number(upper[2]);
  const rest = [upper[3], upper[4]].filter((p) => p !== undefined && p !== 'x' && p !== '*').map(Number);
  const inclusive = upper[1] === '=';
  const bound = inclusive || rest.some((n) => n > 0) ? major : major - 1;
  return bound < 4 ? bound : undefined;
}

/**
 * The function-level settings that give a function a dedicated role in shared mode (semantics
 * §4.1), as paths below the function, in the Framework's order: `iam.role.statements` (any value),
 * a non-empty `iam.role.managedPolicies`, `iamRoleStatements` (any value). With the external
 * serverless-iam-roles-per-function plugin only `iamRoleStatements` counts (§12).
 */
export function dedicatedRoleSettings(fnCfg: PlainMap, external: boolean): Path[] {
  const out: Path[] = [];
  const role = isMap(fnCfg.iam) ? fnCfg.iam.role : undefined;
  if (!external && has(role, 'statements')) out.push(['iam', 'role', 'statements']);
  if (!external && isMap(role) && Array.isArray(role.managedPolicies) && role.managedPolicies.length > 0) {
    out.push(['iam', 'role', 'managedPolicies']);
  }
  if (has(fnCfg, 'iamRoleStatements')) out.push(['iamRoleStatements']);
  return out;
}

/** Is the function traced (`tracing` on the function, else `provider.tracing.lambda`; `false` does not opt out, §3.5)? */
export function isTraced(provider: PlainMap | undefined, fnCfg: PlainMap | undefined): boolean {
  const lambda = provider && isMap(provider.tracing) ? provider.tracing.lambda : undefined;
  return truthy(fnCfg?.tracing) || truthy(lambda);
}
