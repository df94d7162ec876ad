/** The IAM knowledge layer: what AWS defines (catalog), IAM wildcards, and `Resource` ARN evaluation. */
export { parseActionName, type ActionName } from './action-name.js';
export {
  accessLevelOf,
  actionExists,
  actionInfo,
  actionsOfService,
  catalogVersion,
  expandActionPattern,
  isWildcardOnlyAction,
  loadedServices,
  preloadServices,
  resourceTypesOf,
  resourceTypesOfService,
  serviceExists,
  serviceName,
  servicePrefixes,
  suggestAction,
  suggestServicePrefix,
  type AccessLevel,
  type ActionInfo,
  type CatalogVersion,
  type ResourceTypeInfo,
} from './catalog.js';
export { actionMatches, arnMatches, hasWildcard, wildcardCovers, wildcardMatches, wildcardsOverlap, type WildcardOptions } from './wildcard.js';
export {
  arnPatternText,
  isStarOnly,
  literalText,
  type ArnPart,
  type ArnPattern,
  type OpaqueOrigin,
  type OpaquePart,
  type ValueKind,
} from './arn-pattern.js';
export { evaluateArn, evaluateResources, type ArnContext } from './arn.js';
export { arnPatternCovers, arnPatternsOverlap, canMatchResourceType, isEffectivelyWildcard, isUnknown, resourceMatchKey, unknownParts } from './arn-checks.js';
export { arnProblem, isMalformedArn } from './arn-syntax.js';
export { CFN_REFERENCES, referenceShape, type ReferenceShape, type TypeReferences } from './cfn-references.js';
