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
import noCredentialsExposure from './no-credentials-exposure.js';
import noDataExfiltration from './no-data-exfiltration.js';
import noDroppedInheritance from './no-dropped-inheritance.js';
import noDuplicateStatements from './no-duplicate-statements.js';
import noIgnoredSettings from './no-ignored-settings.js';
import noLeakedGrants from './no-leaked-grants.js';
import noLegacySyntax from './no-legacy-syntax.js';
import noPrivilegeEscalation from './no-privilege-escalation.js';
import noRedundantGrants from './no-redundant-grants.js';
import noServiceWildcardAction from './no-service-wildcard-action.js';
import noSharedRole from './no-shared-role.js';
import noUnresolvedValues from './no-unresolved-values.js';
import noUnscopedPassrole from './no-unscoped-passrole.js';
import noUnscopedPermissionsManagement from './no-unscoped-permissions-management.js';
import noUnusedGrants from './no-unused-grants.js';
import noWildcardAction from './no-wildcard-action.js';
import noWildcardPrincipal from './no-wildcard-principal.js';
import noWildcardResource from './no-wildcard-resource.js';
import policySize from './policy-size.js';
import requirePermissionsBoundary from './require-permissions-boundary.js';
import roleNameLength from './role-name-length.js';
import validActions from './valid-actions.js';
import validResources from './valid-resources.js';
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
  'no-credentials-exposure': noCredentialsExposure,
  'no-data-exfiltration': noDataExfiltration,
  'no-dropped-inheritance': noDroppedInheritance,
  'no-duplicate-statements': noDuplicateStatements,
  'no-ignored-settings': noIgnoredSettings,
  'no-leaked-grants': noLeakedGrants,
  'no-legacy-syntax': noLegacySyntax,
  'no-privilege-escalation': noPrivilegeEscalation,
  'no-redundant-grants': noRedundantGrants,
  'no-service-wildcard-action': noServiceWildcardAction,
  'no-shared-role': noSharedRole,
  'no-unresolved-values': noUnresolvedValues,
  'no-unscoped-passrole': noUnscopedPassrole,
  'no-unscoped-permissions-management': noUnscopedPermissionsManagement,
  'no-unused-grants': noUnusedGrants,
  'no-wildcard-action': noWildcardAction,
  'no-wildcard-principal': noWildcardPrincipal,
  'no-wildcard-resource': noWildcardResource,
  'policy-size': policySize,
  'require-permissions-boundary': requirePermissionsBoundary,
  'role-name-length': roleNameLength,
  'valid-actions': validActions,
  'valid-resources': validResources,
  'valid-role-path': validRolePath,
  'valid-statements': validStatements,
};

export default rules;
