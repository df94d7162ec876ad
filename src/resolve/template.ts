/**
 * The parsed form of a config string: literal text around Serverless variables.
 * All offsets are 0-based indices into the parsed string (end exclusive).
 */

export interface TextPiece {
  kind: 'text';
  text: string;
  start: number;
  end: number;
}

/** A `${…}` variable: one or more sources tried in order (`${a, b, 'c'}`). */
export interface VarPiece {
  kind: 'var';
  /** The variable as written, `${…}` included. */
  text: string;
  start: number;
  end: number;
  sources: SourceExpr[];
}

/** Text that opens like a variable but does not parse as one; it stays unknown. */
export interface BrokenPiece {
  kind: 'broken';
  text: string;
  start: number;
  end: number;
  message: string;
}

export type Piece = TextPiece | VarPiece | BrokenPiece;

export interface Template {
  pieces: Piece[];
}

/** `'x'`, `"x"`, `12`, `true`, `false`, `null`. */
export interface LiteralExpr {
  kind: 'literal';
  value: string | number | boolean | null;
  /** Set for quoted strings: the quote character. */
  quote?: "'" | '"';
  start: number;
  end: number;
}

/** `type:address`, `type(params)`, `type(params):address`. */
export interface RefExpr {
  kind: 'ref';
  type: string;
  /** Undefined when written without parentheses. */
  params?: ArgExpr[];
  /** Undefined when written without `:`. */
  address?: ArgExpr;
  start: number;
  end: number;
}

/** A whole `${…}` used as a fallback: `${a, ${b}}`. */
export interface NestedExpr {
  kind: 'nested';
  variable: VarPiece;
  start: number;
  end: number;
}

export type SourceExpr = LiteralExpr | RefExpr | NestedExpr;

/** A param or an address: a quoted literal, or text that may contain variables. */
export type ArgExpr = LiteralExpr | TemplateArg;

export interface TemplateArg {
  kind: 'template';
  template: Template;
  start: number;
  end: number;
}

export function hasVariables(template: Template): boolean {
  return template.pieces.some((p) => p.kind !== 'text');
}

/** True when the whole string is exactly one variable, so its value may be any type. */
export function wholeVariable(template: Template): VarPiece | undefined {
  const [only] = template.pieces;
  return template.pieces.length === 1 && only!.kind === 'var' ? only : undefined;
}
