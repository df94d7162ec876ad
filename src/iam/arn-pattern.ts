/**
 * What a `Resource` value stands for once its intrinsics are evaluated: literal text,
 * IAM wildcards, and opaque pieces — concrete values iamlint cannot see offline (a
 * `${ssm:…}`, the name CloudFormation gives a table, the deploy account). An opaque piece
 * is one fixed value, never a wildcard: it can *match* anything but *covers* nothing.
 */
import { ANY_ONE, ANY_RUN, charUnit, type CharClass, type GlobUnit } from './glob.js';

/** Where an opaque piece comes from. */
export type OpaqueOrigin =
  /** A value the config could not resolve offline (an `Unknown`, `Fn::ImportValue`, a Ref to a parameter…). */
  | 'unknown'
  /** A pseudo parameter such as `AWS::Region` whose value was not given. */
  | 'pseudo'
  /** A name, id or generated part of a resource of this service (`Ref Table`, `GetAtt Table.Arn`). */
  | 'resource'
  /** An IAM policy variable such as `${aws:username}`, filled in per request. */
  | 'policy-variable';

export interface OpaquePart {
  kind: 'opaque';
  /** Pieces with the same key are the same value (e.g. `Table.TableName` in `Ref Table` and `GetAtt Table.Arn`). */
  key: string;
  /** Short text for messages, e.g. `AWS::Region`, `${ssm:/bucket}`, `Table name`. */
  label: string;
  origin: OpaqueOrigin;
  /** Why iamlint cannot see it. */
  reason: string;
  /** True when the value can never contain `:` (a region, an account id, a table name). */
  colonFree: boolean;
}

export type ArnPart = { kind: 'text'; text: string } | { kind: 'wildcard'; wildcard: '*' | '?' } | OpaquePart;

/** What kind of value a whole `Ref` / `Fn::GetAtt` returns: a queue's `Ref` is a URL, not an ARN. */
export type ValueKind = 'arn' | 'name' | 'id' | 'url';

export interface ArnPattern {
  parts: readonly ArnPart[];
  /** Set when the whole value is one `Ref` / `Fn::GetAtt` of a resource of this service. */
  reference?: {
    logicalId: string;
    resourceType: string;
    /** Undefined for `Ref`. */
    attribute?: string;
    returns: ValueKind;
  };
}

/** Merge neighbouring text parts so callers see `arn:aws:s3:::` rather than single characters. */
export function compactParts(parts: readonly ArnPart[]): ArnPart[] {
  const out: ArnPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.kind === 'text' && part.text === '') continue;
    if (part.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

/** Display form: wildcards as written, opaque pieces as `<label>`. */
export function arnPatternText(pattern: ArnPattern): string {
  return pattern.parts
    .map((part) => (part.kind === 'text' ? part.text : part.kind === 'wildcard' ? part.wildcard : `<${part.label}>`))
    .join('');
}

/** The literal text when the pattern has no wildcard and no opaque piece. */
export function literalText(pattern: ArnPattern): string | undefined {
  let text = '';
  for (const part of pattern.parts) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

function opaqueClass(part: OpaquePart): CharClass {
  return part.colonFree ? 'no-colon' : 'any';
}

/** The glob units of the pattern (text → characters, wildcards → runs, opaque → opaque units). */
export function patternUnits(pattern: ArnPattern): readonly GlobUnit[] {
  let units = unitsByPattern.get(pattern);
  if (!units) unitsByPattern.set(pattern, (units = unitsOf(pattern)));
  return units;
}

/** Per pattern object: rules ask several questions of each evaluated Resource value. Never mutated. */
const unitsByPattern = new WeakMap<ArnPattern, readonly GlobUnit[]>();

function unitsOf(pattern: ArnPattern): GlobUnit[] {
  const units: GlobUnit[] = [];
  for (const part of pattern.parts) {
    if (part.kind === 'text') for (const char of part.text) units.push(charUnit(char));
    else if (part.kind === 'wildcard') units.push(part.wildcard === '*' ? ANY_RUN : ANY_ONE);
    else units.push({ kind: 'opaque', key: part.key, cls: opaqueClass(part) });
  }
  return units;
}

/** Is every part a `*` (the pattern is `*`, `**`, …)? */
export function isStarOnly(pattern: ArnPattern): boolean {
  return pattern.parts.length > 0 && pattern.parts.every((part) => part.kind === 'wildcard' && part.wildcard === '*');
}
