/**
 * CloudFormation short-form intrinsic tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`).
 *
 * They must be registered with `yaml`: an unregistered local tag is read as its plain
 * value, so `!Ref Bucket` would silently become the string "Bucket". The tags resolve to
 * the untouched value (the node keeps its `tag`); the tree builder then rewrites each
 * tagged node into the long form the rest of iamlint reads (`{Ref: X}`, `{'Fn::Sub': …}`).
 */
import type { CollectionTag, ScalarTag } from 'yaml';
import type { MapNode, Node, Span } from './node.js';

export const CFN_TAG_NAMES = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'Split',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
  'Equals',
  'Not',
  'And',
  'Or',
  'Condition',
] as const;

const CFN_TAGS = new Set<string>(CFN_TAG_NAMES.map((name) => `!${name}`));

export function isCfnTag(tag: string | undefined): boolean {
  return tag !== undefined && CFN_TAGS.has(tag);
}

/** Scalar, sequence and mapping forms of every tag; each keeps the value as written. */
export const cfnCustomTags: Array<ScalarTag | CollectionTag> = CFN_TAG_NAMES.flatMap((name) => {
  const tag = `!${name}`;
  const scalar: ScalarTag = { tag, resolve: (text: string) => text };
  const seq: CollectionTag = { tag, collection: 'seq', resolve: (coll) => coll };
  const map: CollectionTag = { tag, collection: 'map', resolve: (coll) => coll };
  return [scalar, seq, map];
});

/** The long-form key a short tag stands for. */
function longFormKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

/**
 * `!GetAtt Resource.Attribute` names the resource before the FIRST dot; attributes may
 * themselves contain dots (`!GetAtt Db.Endpoint.Address`). A string without a dot is kept
 * as written, exactly as CloudFormation would receive it.
 */
function getAttArgument(value: Node): Node {
  if (value.kind !== 'scalar' || typeof value.value !== 'string') return value;
  const dot = value.value.indexOf('.');
  if (dot < 0) return value;
  return {
    kind: 'seq',
    span: value.span,
    items: [
      { kind: 'scalar', value: value.value.slice(0, dot), span: value.span },
      { kind: 'scalar', value: value.value.slice(dot + 1), span: value.span },
    ],
  };
}

/** `!Name value` → `{ <long form of Name>: value }`; the map and its key are located at the tagged node. */
export function cfnLongForm(tag: string, value: Node, taggedSpan: Span): MapNode {
  const name = tag.slice(1);
  const argument = name === 'GetAtt' ? getAttArgument(value) : value;
  return {
    kind: 'map',
    span: taggedSpan,
    entries: [{ key: longFormKey(name), keySpan: taggedSpan, value: argument }],
  };
}
