/**
 * The ARN formats an action, an `Action` pattern or a service prefix acts on, parsed once.
 *
 * `isEffectivelyWildcard` and `canMatchResourceType` are asked about the same few actions for
 * every `Resource` value of every role; expanding `s3:GetObject` scans all of S3's actions and
 * re-parsing its formats is not free either. The answers are cached per service, so the cache
 * is bounded by the services a run loads: concrete actions (the service's action list bounds
 * them) and the service itself always, `Action` patterns up to `MAX_PATTERNS` per service.
 * Patterns whose service part is a wildcard are not cached (they span services).
 */
import { parseActionName } from './action-name.js';
import { fieldOfPieces, parseArnFormat, type FormatPiece } from './arn-format.js';
import { actionInfo, expandActionPattern, resourceTypesOfService, serviceExists, type ActionInfo } from './catalog.js';
import { hasWildcard } from './wildcard.js';

export interface ParsedArnFormat {
  /** As the catalog writes it, e.g. `arn:${Partition}:s3:::${BucketName}`. */
  format: string;
  pieces: readonly FormatPiece[];
  /** The ARN field each piece starts in (`fieldOfPieces`). */
  fields: readonly number[];
}

export interface ActionFormats {
  /** Distinct formats of the resource types of every action matched (or of the service), first seen first. */
  formats: readonly ParsedArnFormat[];
  /** How many concrete actions were matched (0 for a service prefix, an unknown action, a pattern matching none). */
  actions: number;
  /** Some matched action only accepts `Resource: "*"`. */
  anyWildcardOnly: boolean;
}

/** `Action` patterns remembered per service; the map starts over when full. */
const MAX_PATTERNS = 512;

interface ServiceCache {
  /** Parsed formats by format text: one object per resource type of the service. */
  formats: Map<string, ParsedArnFormat>;
  /** By ActionInfo (the catalog keeps one per action). */
  actions: WeakMap<ActionInfo, ActionFormats>;
  /** By lower-case `Action` pattern (a wildcard in the action part only). */
  patterns: Map<string, ActionFormats>;
  /** Every resource type of the service. */
  service?: ActionFormats;
}

const services = new Map<string, ServiceCache>();

function cacheOf(prefix: string): ServiceCache | undefined {
  const key = prefix.toLowerCase();
  let cache = services.get(key);
  if (!cache) {
    if (!serviceExists(key)) return undefined;
    cache = { formats: new Map(), actions: new WeakMap(), patterns: new Map() };
    services.set(key, cache);
  }
  return cache;
}

function parsed(format: string, cache: ServiceCache | undefined): ParsedArnFormat {
  let out = cache?.formats.get(format);
  if (!out) {
    const pieces = parseArnFormat(format);
    out = { format, pieces, fields: fieldOfPieces(pieces) };
    cache?.formats.set(format, out);
  }
  return out;
}

function fromInfos(infos: readonly ActionInfo[], cache: ServiceCache | undefined): ActionFormats {
  const seen = new Set<string>();
  const formats: ParsedArnFormat[] = [];
  for (const info of infos) {
    for (const type of info.resourceTypes) {
      if (seen.has(type.arnFormat)) continue;
      seen.add(type.arnFormat);
      formats.push(parsed(type.arnFormat, cache));
    }
  }
  return { formats, actions: infos.length, anyWildcardOnly: infos.some((info) => info.wildcardOnly) };
}

const NONE: ActionFormats = Object.freeze({ formats: Object.freeze([]) as readonly ParsedArnFormat[], actions: 0, anyWildcardOnly: false });

/** Parse a format that belongs to no service (e.g. "any ARN"); not cached. */
export function parseFormat(format: string): ParsedArnFormat {
  return parsed(format, undefined);
}

/**
 * The formats of an action (`s3:GetObject`), an `Action` pattern (`s3:Get*`, `*:GetObject`) or a
 * service prefix (`s3`: every resource type of the service). Unknown names have none.
 */
export function actionFormats(actionOrService: string): ActionFormats {
  const name = parseActionName(actionOrService);
  if (!name) {
    const cache = cacheOf(actionOrService);
    if (!cache) return NONE;
    if (!cache.service) {
      const seen = new Set<string>();
      const formats: ParsedArnFormat[] = [];
      for (const type of resourceTypesOfService(actionOrService)) {
        if (seen.has(type.arnFormat)) continue;
        seen.add(type.arnFormat);
        formats.push(parsed(type.arnFormat, cache));
      }
      cache.service = { formats, actions: 0, anyWildcardOnly: false };
    }
    return cache.service;
  }
  if (hasWildcard(name.service)) {
    // Spans services: expand, without caching.
    return fromInfos(expandActionPattern(actionOrService).map((action) => actionInfo(action)!), undefined);
  }
  const cache = cacheOf(name.service);
  if (!cache) return NONE;
  if (!hasWildcard(name.action)) {
    const info = actionInfo(actionOrService);
    if (!info) return NONE;
    let out = cache.actions.get(info);
    if (!out) cache.actions.set(info, (out = fromInfos([info], cache)));
    return out;
  }
  const key = actionOrService.toLowerCase();
  let out = cache.patterns.get(key);
  if (!out) {
    out = fromInfos(expandActionPattern(actionOrService).map((action) => actionInfo(action)!), cache);
    if (cache.patterns.size >= MAX_PATTERNS) cache.patterns.clear();
    cache.patterns.set(key, out);
  }
  return out;
}

/** Services with cached formats (tests: the cache only holds services that were asked about). */
export function cachedFormatServices(): string[] {
  return [...services.keys()].sort();
}
