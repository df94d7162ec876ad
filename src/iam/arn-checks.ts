/**
 * Questions rules ask about an evaluated `Resource`: is it `*` in all but name, can it
 * name a resource the action acts on at all, and does it hold values iamlint cannot see.
 * Unknown values count as "could be anything" only where that avoids a false alarm
 * (can it match?) and never where it would hide one (is it effectively `*`?).
 */
import { parseActionName } from './action-name.js';
import { isStarOnly, patternUnits, type ArnPattern, type OpaquePart } from './arn-pattern.js';
import { evaluateArn } from './arn.js';
import { actionFormats, parseFormat, type ParsedArnFormat } from './action-formats.js';
import { hasWildcard } from './wildcard.js';
import { ANY_ONE, ANY_RUN, FIELD_RUN, NAME_RUN, globCovers, globsOverlap, unitsOfLiteral, type GlobUnit } from './glob.js';

/** ARN fields a format writes as `${Partition}`, `${Region}`, `${Account}`: fixed for one deployment. */
const HEADER_FIELDS = new Set([1, 3, 4]);
const RESOURCE_FIELD = 5;

/**
 * Format slots whose values AWS's naming rules keep free of `/` and `:`, so that
 * `s3:ListBucket` on `bucket/*` or `dynamodb:GetItem` on `table/T/index/*` are seen not to
 * match. Other slots (object keys, log group names, paths, qualified function names) may hold either.
 */
const NAME_SLOTS = new Set(['BucketName', 'TableName', 'QueueName', 'TopicName']);

function asPattern(pattern: ArnPattern | string): ArnPattern {
  return typeof pattern === 'string' ? evaluateArn(pattern) : pattern;
}

/** The pattern's units split at its first five literal colons: [arn, partition, service, region, account, resource…]. */
function fieldsOf(units: readonly GlobUnit[]): GlobUnit[][] {
  const fields: GlobUnit[][] = [[]];
  for (const unit of units) {
    if (unit.kind === 'char' && unit.char === ':' && fields.length <= RESOURCE_FIELD) fields.push([]);
    else fields[fields.length - 1]!.push(unit);
  }
  return fields;
}

/**
 * Units for every ARN a format can produce. Header slots take `header(field)`; resource
 * slots (names, ids, paths) take any text their naming rules allow.
 */
function formatUnits(format: ParsedArnFormat, header: (field: number) => readonly GlobUnit[]): GlobUnit[] {
  const units: GlobUnit[] = [];
  for (const piece of pieceUnitsOf(format)) {
    if (typeof piece === 'number') units.push(...header(piece));
    else units.push(...piece);
  }
  return units;
}

/** Per format: the units of each piece, or the header field a header slot stands for. Never mutated. */
const pieceUnits = new WeakMap<ParsedArnFormat, ReadonlyArray<readonly GlobUnit[] | number>>();

function pieceUnitsOf(format: ParsedArnFormat): ReadonlyArray<readonly GlobUnit[] | number> {
  let units = pieceUnits.get(format);
  if (units) return units;
  const { pieces, fields } = format;
  units = pieces.map((piece, index) => {
    if (piece.kind === 'text') return unitsOfLiteral(piece.text);
    if (piece.kind === 'wildcard') return [piece.wildcard === '*' ? ANY_RUN : ANY_ONE];
    if (HEADER_FIELDS.has(fields[index]!)) return fields[index]!;
    return [NAME_SLOTS.has(piece.name) ? NAME_RUN : ANY_RUN];
  });
  pieceUnits.set(format, units);
  return units;
}

/** Every ARN of every service: what `Action: "*"` acts on. */
const ANY_SERVICE_FORMAT = [parseFormat('arn:${Partition}:${Service}:${Region}:${Account}:${Resource}')];

/** The ARN formats the action (a name or an `Action` pattern) or service prefix can act on (cached per action). */
function formatsFor(actionOrService: string): readonly ParsedArnFormat[] {
  // `*` (or any colon-less wildcard) spans all services; reading all 456 of them to learn that is not worth it.
  if (!actionOrService.includes(':') && hasWildcard(actionOrService)) return ANY_SERVICE_FORMAT;
  return actionFormats(actionOrService).formats;
}

/** A format's units for "any partition, region and account" (what `canMatchResourceType` asks), built once per format. */
const anyHeaderUnits = new WeakMap<ParsedArnFormat, GlobUnit[]>();
function anyHeaderUnitsOf(format: ParsedArnFormat): GlobUnit[] {
  let units = anyHeaderUnits.get(format);
  if (!units) anyHeaderUnits.set(format, (units = formatUnits(format, () => [FIELD_RUN])));
  return units;
}

/**
 * Is the pattern `*` in all but name for this action / `Action` pattern / service prefix:
 * does it cover every resource of one of its resource types, in the partition, region and
 * account the pattern itself names? `*`, `arn:aws:s3:::*`, `arn:aws:s3:::*` followed by `/*`,
 * `arn:aws:dynamodb:*:*:table/*`, `arn:*:*:*:*:*` are; `arn:aws:s3:::my-bucket/*` is not,
 * and neither is anything whose resource part holds an unknown value.
 */
export function isEffectivelyWildcard(pattern: ArnPattern | string, actionOrService: string): boolean {
  const arn = asPattern(pattern);
  if (isStarOnly(arn)) return true;
  const units = patternUnits(arn);
  const fields = fieldsOf(units);
  // The pattern's own partition / region / account where it writes one. Not its last field (that may be a
  // `*` spanning the rest) and not an empty one: a resource type with a region slot always has a region,
  // so `arn:aws:s3:::*` must not count as covering every access point.
  const ownHeader = (field: number): readonly GlobUnit[] =>
    field < fields.length - 1 && fields[field]!.length > 0 ? fields[field]! : [FIELD_RUN];
  const formats = formatsFor(actionOrService);
  if (formats.length === 0) return resourcePartIsStar(fields, actionOrService);
  return formats.some((format) => globCovers(units, formatUnits(format, ownHeader)));
}

/**
 * For services (or `*`-only actions) the catalog gives no ARN format for: the service
 * field names the service (or is `*`) and everything after the account is `*`.
 */
function resourcePartIsStar(fields: GlobUnit[][], actionOrService: string): boolean {
  if (fields.length <= RESOURCE_FIELD) return false;
  const service = (parseActionName(actionOrService)?.service ?? actionOrService).toLowerCase();
  const serviceField = fields[2]!;
  const serviceMatches = globCovers(serviceField, unitsOfLiteral(service), { ignoreCase: false });
  const resource = fields[RESOURCE_FIELD]!;
  return serviceMatches && resource.length > 0 && resource.every((unit) => unit.kind === 'many' && unit.cls === 'any');
}

/**
 * Could the pattern name any resource the action acts on? `dynamodb:GetItem` on an S3 ARN
 * cannot; unknown values could be anything. An action without resource types only
 * matches `Resource: "*"`. Unknown actions answer true (another rule reports them).
 */
export function canMatchResourceType(pattern: ArnPattern | string, action: string): boolean {
  if (!parseActionName(action)) return true;
  const matched = actionFormats(action);
  if (matched.actions === 0) return true;
  const units = patternUnits(asPattern(pattern));
  if (matched.anyWildcardOnly && globsOverlap(units, unitsOfLiteral('*'))) return true;
  // Any partition, region and account: a field of a concrete ARN holds no colon.
  return matched.formats.some((format) => globsOverlap(units, anyHeaderUnitsOf(format)));
}

/**
 * A key equal for actions (or `Action` patterns) that `canMatchResourceType` answers alike for
 * every pattern: the ARN formats they act on, or `any` when every pattern can match.
 */
export function resourceMatchKey(action: string): string {
  if (!parseActionName(action)) return 'any';
  const matched = actionFormats(action);
  if (matched.actions === 0) return 'any';
  return `${matched.anyWildcardOnly ? '*' : ''}|${matched.formats.map((format) => format.format).join('|')}`;
}

/** The pieces of the pattern iamlint could not see (`${ssm:…}`, `Fn::ImportValue`, a Ref to a parameter…). */
export function unknownParts(pattern: ArnPattern): OpaquePart[] {
  return pattern.parts.filter((part): part is OpaquePart => part.kind === 'opaque' && part.origin === 'unknown');
}

/** Does any part of the value depend on something iamlint cannot see offline? */
export function isUnknown(pattern: ArnPattern): boolean {
  return unknownParts(pattern).length > 0;
}

/** Does `general` match every resource `specific` could stand for? (an unknown piece is covered only by `*` or by itself) */
export function arnPatternCovers(general: ArnPattern | string, specific: ArnPattern | string): boolean {
  return globCovers(patternUnits(asPattern(general)), patternUnits(asPattern(specific)));
}

/** Could the two patterns name a common resource? (unknown pieces could be anything) */
export function arnPatternsOverlap(a: ArnPattern | string, b: ArnPattern | string): boolean {
  return globsOverlap(patternUnits(asPattern(a)), patternUnits(asPattern(b)));
}
