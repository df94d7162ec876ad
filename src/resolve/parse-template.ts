/**
 * Parser for Serverless variables inside one config string.
 *
 * Only `${` followed by a source name (`word:` or `word(`) opens a variable, so
 * CloudFormation `Fn::Sub` placeholders (`${AWS::Region}`, `${MyBucket.Arn}`) and
 * `#{…}` plugin syntax stay plain text. Malformed variables become `broken` pieces
 * instead of errors: the caller turns them into unknown values with a diagnostic.
 */
import type { ArgExpr, BrokenPiece, LiteralExpr, Piece, RefExpr, SourceExpr, Template, TextPiece, VarPiece } from './template.js';

/** Deeper nesting than this is refused (bounds the recursion on hostile input). */
const MAX_NESTING = 64;

const SOURCE_NAME = /[a-z][a-zA-Z0-9]*(?=[:(])/y;
const WHITESPACE = /\s/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Does a variable source name start at `at` (right after `${`)? */
export function startsVariable(s: string, at: number): boolean {
  SOURCE_NAME.lastIndex = at;
  return SOURCE_NAME.test(s);
}

export function parseTemplate(s: string): Template {
  return new TemplateParser(s).template();
}

class SyntaxFault {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

class TemplateParser {
  private pos = 0;
  private nesting = 0;
  /** Furthest position a failed attempt looked at, so a broken piece always covers it. */
  private furthest = 0;

  constructor(private readonly s: string) {}

  template(): Template {
    const { s } = this;
    const pieces: Piece[] = [];
    let textStart = 0;
    let scan = 0;
    for (;;) {
      const open = s.indexOf('${', scan);
      if (open < 0) break;
      if (!startsVariable(s, open + 2)) {
        scan = open + 2; // not a Serverless variable: keep as text, but look inside it
        continue;
      }
      if (open > textStart) pieces.push(this.text(textStart, open));
      const piece = this.variableOrBroken(open);
      pieces.push(piece);
      textStart = scan = piece.end;
    }
    if (textStart < s.length) pieces.push(this.text(textStart, s.length));
    return { pieces };
  }

  private variableOrBroken(open: number): VarPiece | BrokenPiece {
    try {
      return this.variable(open);
    } catch (e) {
      if (!(e instanceof SyntaxFault)) throw e;
      const end = Math.min(this.s.length, Math.max(closingBrace(this.s, open), this.furthest + 1, e.at + 1));
      this.nesting = 0;
      return { kind: 'broken', text: this.s.slice(open, end), start: open, end, message: e.message };
    }
  }

  private variable(open: number): VarPiece {
    if (this.nesting >= MAX_NESTING) throw new SyntaxFault(`variables nested deeper than ${MAX_NESTING} levels`, open);
    this.nesting++;
    this.pos = open + 2;
    const sources: SourceExpr[] = [];
    for (;;) {
      this.skipSpaces();
      sources.push(this.source());
      this.skipSpaces();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        break;
      }
      throw this.fault(c === undefined ? 'missing closing "}"' : `unexpected "${c}"`);
    }
    this.nesting--;
    return { kind: 'var', text: this.s.slice(open, this.pos), start: open, end: this.pos, sources };
  }

  private source(): SourceExpr {
    const { s } = this;
    const start = this.pos;
    const c = s[start];
    if (s.startsWith('${', start)) {
      if (!startsVariable(s, start + 2)) throw this.fault('expected a variable source after "${"');
      const variable = this.variable(start);
      return { kind: 'nested', variable, start, end: variable.end };
    }
    if (c === "'" || c === '"') return this.quoted();
    SOURCE_NAME.lastIndex = start;
    if (SOURCE_NAME.test(s)) return this.ref(start, SOURCE_NAME.lastIndex);
    return this.bareLiteral();
  }

  private ref(start: number, nameEnd: number): RefExpr {
    const type = this.s.slice(start, nameEnd);
    this.pos = nameEnd;
    let params: ArgExpr[] | undefined;
    let address: ArgExpr | undefined;
    if (this.s[this.pos] === '(') {
      this.pos++;
      params = this.params();
      this.skipSpaces();
    }
    if (this.s[this.pos] === ':') {
      this.pos++;
      address = this.arg(',}');
    }
    return { kind: 'ref', type, params, address, start, end: this.pos };
  }

  private params(): ArgExpr[] {
    const list: ArgExpr[] = [];
    this.skipSpaces();
    if (this.s[this.pos] === ')') {
      this.pos++;
      return list;
    }
    for (;;) {
      list.push(this.arg(',)'));
      const c = this.s[this.pos];
      this.pos++;
      if (c === ')') return list;
      // arg() stops only at a terminator, so anything else is a comma
    }
  }

  /** A param or address: stops (without consuming) at one of `terminators`. */
  private arg(terminators: string): ArgExpr {
    const { s } = this;
    this.skipSpaces();
    const first = s[this.pos];
    if (first === "'" || first === '"') {
      const literal = this.quoted();
      this.skipSpaces();
      const after = s[this.pos];
      if (after === undefined || !terminators.includes(after)) throw this.fault('unexpected text after a quoted string');
      return literal;
    }
    const start = this.pos;
    const pieces: Piece[] = [];
    let textStart = start;
    for (;;) {
      const c = s[this.pos];
      if (c === undefined) throw this.fault('missing closing "}"');
      if (terminators.includes(c)) break;
      if (c === '}') throw this.fault('unexpected "}" before ")"');
      if (s.startsWith('${', this.pos)) {
        if (!startsVariable(s, this.pos + 2)) throw this.fault('expected a variable source after "${"');
        if (this.pos > textStart) pieces.push(this.text(textStart, this.pos));
        pieces.push(this.variable(this.pos));
        textStart = this.pos;
        continue;
      }
      this.pos++;
    }
    let end = this.pos;
    while (end > textStart && isSpace(s.charCodeAt(end - 1))) end--;
    if (end > textStart) pieces.push(this.text(textStart, end));
    return { kind: 'template', template: { pieces }, start, end };
  }

  private quoted(): LiteralExpr {
    const { s } = this;
    const start = this.pos;
    if (s[start] === "'") {
      const close = s.indexOf("'", start + 1);
      if (close < 0) throw this.fault('unterminated string', s.length);
      this.pos = close + 1;
      return { kind: 'literal', value: s.slice(start + 1, close), quote: "'", start, end: this.pos };
    }
    let i = start + 1;
    while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
    if (i >= s.length) throw this.fault('unterminated string', s.length);
    let value: unknown;
    try {
      value = JSON.parse(s.slice(start, i + 1));
    } catch {
      throw this.fault('invalid escape in a double-quoted string', i);
    }
    this.pos = i + 1;
    return { kind: 'literal', value: value as string, quote: '"', start, end: this.pos };
  }

  /** Unquoted fallback: only numbers, booleans and null (as the Framework). */
  private bareLiteral(): LiteralExpr {
    const { s } = this;
    const start = this.pos;
    let i = start;
    while (i < s.length && s[i] !== ',' && s[i] !== '}') i++;
    const raw = s.slice(start, i).trimEnd();
    this.pos = start + raw.length;
    const end = this.pos;
    if (raw === 'true' || raw === 'false') return { kind: 'literal', value: raw === 'true', start, end };
    if (raw === 'null') return { kind: 'literal', value: null, start, end };
    if (NUMBER.test(raw)) return { kind: 'literal', value: Number(raw), start, end };
    throw this.fault(raw ? `"${raw}" is not a valid fallback (quote strings: '${raw}')` : 'empty fallback', i);
  }

  private skipSpaces(): void {
    while (this.pos < this.s.length && isSpace(this.s.charCodeAt(this.pos))) this.pos++;
  }

  private text(start: number, end: number): TextPiece {
    return { kind: 'text', text: this.s.slice(start, end), start, end };
  }

  private fault(message: string, at = this.pos): SyntaxFault {
    this.furthest = Math.max(this.furthest, at);
    return new SyntaxFault(message, at);
  }
}

/** What `\s` matches. Printable ASCII other than the space never does: most characters stop there. */
function isSpace(code: number): boolean {
  return code === 32 || ((code < 32 || code > 126) && WHITESPACE.test(String.fromCharCode(code)));
}

/** End (exclusive) of the `}` that closes the `${` at `open`, counting nested `${`; the string's end if none. */
function closingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && --depth === 0) {
      return i + 1;
    }
  }
  return s.length;
}
