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
import maxManagedPolicies from './max-managed-policies.js';
import maxRoleTags from './max-role-tags.js';
import noAdminPolicies from './no-admin-policies.js';
import noAllowNotAction from './no-allow-not-action.js';
import noAllowNotResource from './no-allow-not-resource.js';
import noLegacySyntax from './no-legacy-syntax.js';
import noUnresolvedValues from './no-unresolved-values.js';
import noWildcardPrincipal from './no-wildcard-principal.js';
import policySize from './policy-size.js';
import requirePermissionsBoundary from './require-permissions-boundary.js';
import roleNameLength from './role-name-length.js';
import validRolePath from './valid-role-path.js';
import validStatements from './valid-statements.js';

export const rules: Record<string, Rule> = {
  'max-managed-policies': maxManagedPolicies,
  'max-role-tags': maxRoleTags,
  'no-admin-policies': noAdminPolicies,
  'no-allow-not-action': noAllowNotAction,
  'no-allow-not-resource': noAllowNotResource,
  'no-legacy-syntax': noLegacySyntax,
  'no-unresolved-values': noUnresolvedValues,
  'no-wildcard-principal': noWildcardPrincipal,
  'policy-size': policySize,
  'require-permissions-boundary': requirePermissionsBoundary,
  'role-name-length': roleNameLength,
  'valid-role-path': validRolePath,
  'valid-statements': validStatements,
};

export default rules;
