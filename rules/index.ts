/**
 * The rule registry: every rule iamlint ships, by id.
 *
 * Rule authors: add ONE import line and ONE registry line for your rule, keeping both lists
 * sorted by id, e.g.
 *
 *   import noAdminPolicies from './no-admin-policies.js';
 *   ...
 *   'no-admin-policies': noAdminPolicies,
 *
 * The key must equal the rule's `meta.id` and its file name `rules/<id>.ts`
 * (test/engine/registry.test.ts checks this).
 */
import type { Rule } from '../src/engine/types.js';
import customRoleLogs from './custom-role-logs.js';
import maxManagedPolicies from './max-managed-policies.js';
import maxRoleTags from './max-role-tags.js';
import noAdminPolicies from './no-admin-policies.js';
import noAllowNotAction from './no-allow-not-action.js';
import noAllowNotResource from './no-allow-not-resource.js';
import noBroadInheritance from './no-broad-inheritance.js';
import noConflictingRoles from './no-conflicting-roles.js';
import noDroppedInheritance from './no-dropped-inheritance.js';
import noDuplicateStatements from './no-duplicate-statements.js';
import noIgnoredSettings from './no-ignored-settings.js';
import noLeakedGrants from './no-leaked-grants.js';
import noLegacySyntax from './no-legacy-syntax.js';
import noRedundantGrants from './no-redundant-grants.js';
import noSharedRole from './no-shared-role.js';
import noUnresolvedValues from './no-unresolved-values.js';
import noUnusedGrants from './no-unused-grants.js';
import noWildcardPrincipal from './no-wildcard-principal.js';
import policySize from './policy-size.js';
import requirePermissionsBoundary from './require-permissions-boundary.js';
import roleNameLength from './role-name-length.js';
import validRolePath from './valid-role-path.js';
import validStatements from './valid-statements.js';

export const rules: Record<string, Rule> = {
  'custom-role-logs': customRoleLogs,
  'max-managed-policies': maxManagedPolicies,
  'max-role-tags': maxRoleTags,
  'no-admin-policies': noAdminPolicies,
  'no-allow-not-action': noAllowNotAction,
  'no-allow-not-resource': noAllowNotResource,
  'no-broad-inheritance': noBroadInheritance,
  'no-conflicting-roles': noConflictingRoles,
  'no-dropped-inheritance': noDroppedInheritance,
  'no-duplicate-statements': noDuplicateStatements,
  'no-ignored-settings': noIgnoredSettings,
  'no-leaked-grants': noLeakedGrants,
  'no-legacy-syntax': noLegacySyntax,
  'no-redundant-grants': noRedundantGrants,
  'no-shared-role': noSharedRole,
  'no-unresolved-values': noUnresolvedValues,
  'no-unused-grants': noUnusedGrants,
  'no-wildcard-principal': noWildcardPrincipal,
  'policy-size': policySize,
  'require-permissions-boundary': requirePermissionsBoundary,
  'role-name-length': roleNameLength,
  'valid-role-path': validRolePath,
  'valid-statements': validStatements,
};

export default rules;
