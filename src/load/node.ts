/**
 * The located value tree every later stage works on.
 *
 * The loader turns YAML/JSON into these nodes; the resolver replaces variables with
 * the nodes they point at (which keep the span where *they* were written, possibly in
 * another file). Plain JS values are derived from this tree with `toPlain`.
 */

/** 1-based line and column, like editors and SARIF. `end*` is exclusive of the last char + 1. */
export interface Span {
  /** Absolute path of the file the text was written in. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based character offsets into the file text. */
  offset: number;
  endOffset: number;
}

/** A step of a logical path: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** Where a value came from when it was reached through a variable: each `${…}` it went through. */
export interface ViaStep {
  /** The variable text as written, e.g. `${self:custom.tableArn}`. */
  text: string;
  span: Span;
}

interface NodeBase {
  span: Span;
  /** Variables this value was reached through, outermost first (empty when written in place). */
  via?: ViaStep[];
}

export interface ScalarNode extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface MapEntry {
  key: string;
  keySpan: Span;
  value: Node;
}

export interface MapNode extends NodeBase {
  kind: 'map';
  /** In source order; keys are unique (duplicates are a load diagnostic, last one wins). */
  entries: MapEntry[];
}

export interface SeqNode extends NodeBase {
  kind: 'seq';
  items: Node[];
}

/**
 * A value iamlint cannot know offline (`${ssm:…}`, `${cf:…}`, a `.js` include, an
 * unresolvable reference). Never guessed, never `*`.
 * `parts` keeps the known text around unknown pieces of an interpolated string,
 * e.g. `arn:aws:s3:::` + <unknown ${ssm:/bucket}> + `/*`.
 */
export interface UnknownNode extends NodeBase {
  kind: 'unknown';
  /** The source text of the unknown value (the whole `${…}` expression, or the string with its unknown parts). */
  text: string;
  /** Why it is unknown, for messages: e.g. `ssm parameters are not read offline`. */
  reason: string;
  /** For strings only partly unknown: known strings and unknown pieces in order. */
  parts?: Array<string | UnknownPart>;
}

export interface UnknownPart {
  text: string;
  reason: string;
}

export type Node = ScalarNode | MapNode | SeqNode | UnknownNode;

/** The plain-JS stand-in for an UnknownNode; it serializes as its source text. */
export class Unknown {
  constructor(
    readonly text: string,
    readonly reason: string,
    readonly parts?: Array<string | UnknownPart>,
  ) {}
  toJSON(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}

export type Plain = string | number | boolean | null | Unknown | Plain[] | { [key: string]: Plain };

/** A diagnostic of the load/resolve stages: something iamlint could not read as written. */
export interface Diagnostic {
  /** Stable id, e.g. `parse-error`, `duplicate-key`, `unknown-tag`, `not-serverless-config`, `unresolved-variable`. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  span?: Span;
  /** Logical path in the service config, when the diagnostic is about a value. */
  path?: Path;
}

export function mapGet(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) {
    if (node.entries[i]!.key === key) return node.entries[i]!.value;
  }
  return undefined;
}

/** Walk a logical path down the tree; undefined when any step is missing. */
export function nodeAt(root: Node | undefined, path: Path): Node | undefined {
  let cur = root;
  for (const seg of path) {
    if (!cur) return undefined;
    if (typeof seg === 'number') cur = cur.kind === 'seq' ? cur.items[seg] : undefined;
    else cur = mapGet(cur, seg);
  }
  return cur;
}

/** Convert a node tree to plain JS. Objects are created without prototype so keys like `__proto__` stay data. */
export function toPlain(node: Node): Plain {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'unknown':
      return new Unknown(node.text, node.reason, node.parts);
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      // Prototype dropped before any key is set, so `__proto__` stays data. Not `Object.create(null)`:
      // V8 makes that a dictionary object, nearly three times the size of this one.
      const out = Object.setPrototypeOf({}, null) as { [key: string]: Plain };
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

/** `provider.iam.role.statements[0].Resource` — the form used in messages, JSON output and fingerprints. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Build a node tree from plain JS (for tests and for values the tool makes itself); every node gets `span`. */
export function nodeFromPlain(value: unknown, span: Span): Node {
  if (value instanceof Unknown) return { kind: 'unknown', text: value.text, reason: value.reason, parts: value.parts, span };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => nodeFromPlain(v, span)), span };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      span,
      entries: Object.entries(value).map(([key, v]) => ({ key, keySpan: span, value: nodeFromPlain(v, span) })),
    };
  }
  if (value === undefined) return { kind: 'scalar', value: null, span };
  return { kind: 'scalar', value: value as string | number | boolean | null, span };
}
