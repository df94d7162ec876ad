/**
 * Resolves the variables of single values, on demand.
 *
 * `valueOf(node)` evaluates the `${…}` of one string (not of its children): a whole-value
 * variable yields the node it points at, an interpolated string yields a new string (or an
 * unknown with its known parts). Results are memoized per node, so every value is resolved
 * once whatever the key order; a value asked for while it is being resolved is a cycle.
 */
import { formatPath, type Node, type Path, type ScalarNode, type Span, type UnknownPart } from '../load/node.js';
import type { LoadOptions, SourceFile } from '../load/types.js';
import type { ArgValue, ResolveContext } from './context.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { IncludeLocation, IncludeReader, IncludeResult } from './includes.js';
import { MAX_STRING_LENGTH, MAX_VARIABLE_DEPTH } from './limits.js';
import { locatorFor, shiftLocator, type Locate } from './locate.js';
import { childOf, describeKind, isNull, scalar, unknown, viaStep, type Produced } from './nodes.js';
import { invalid, missing, value, type Outcome, type Reached, type Site } from './outcome.js';
import { parseTemplate } from './parse-template.js';
import { sourceHandler } from './sources/index.js';
import { hasVariables, wholeVariable, type ArgExpr, type LiteralExpr, type RefExpr, type SourceExpr, type Template, type VarPiece } from './template.js';

/** The shallow value of a node, or why it cannot be had right now. */
export type Shallow = { ok: true; reached: Reached } | { ok: false; code: 'variable-cycle' | 'variable-depth'; message: string };

/** Where a string's pieces are written, and the config path of the value holding it. */
interface Scope {
  locate: Locate;
  path?: Path;
}

type ArgResult = { ok: true; value: ArgValue } | { ok: false; outcome: Outcome };

export interface VariableResolverInit {
  configRoot: Node;
  options: LoadOptions;
  includes: IncludeReader;
  sources: Map<string, SourceFile>;
  sink: DiagnosticSink;
  produced: Produced;
}

export class VariableResolver implements ResolveContext {
  readonly configRoot: Node;
  readonly options: LoadOptions;
  readonly env: Record<string, string | undefined>;
  private readonly includes: IncludeReader;
  private readonly sources: Map<string, SourceFile>;
  private readonly sink: DiagnosticSink;
  private readonly produced: Produced;

  /** Strings with variables, resolved (plain maps: see TreeResolver). */
  private readonly memo = new Map<Node, Reached>();
  private readonly inProgress = new Set<Node>();
  private readonly pathOf = new Map<Node, Path>();
  /** `stage()` / `region()` once settled (see `effective`). */
  private readonly settled = new Map<'stage' | 'region', Outcome>();
  private depth = 0;

  constructor(init: VariableResolverInit) {
    this.configRoot = init.configRoot;
    this.options = init.options;
    this.env = init.options.env ?? process.env;
    this.includes = init.includes;
    this.sources = init.sources;
    this.sink = init.sink;
    this.produced = init.produced;
  }

  /** The node's own variables resolved (its children untouched). `path` names it in diagnostics. */
  valueOf(node: Node, path?: Path): Shallow {
    if (node.kind !== 'scalar' || typeof node.value !== 'string' || !node.value.includes('${') || this.produced.has(node)) return reachedAsIs(node);
    const memo = this.memo.get(node);
    if (memo) return { ok: true, reached: memo };
    if (this.inProgress.has(node)) {
      return { ok: false, code: 'variable-cycle', message: `variable cycle: ${this.describe(node)} depends on itself` };
    }
    const template = parseTemplate(node.value);
    if (!hasVariables(template)) {
      this.memo.set(node, { node, via: [] });
      return reachedAsIs(node);
    }
    if (this.depth >= MAX_VARIABLE_DEPTH) {
      return { ok: false, code: 'variable-depth', message: `variables refer through more than ${MAX_VARIABLE_DEPTH} levels` };
    }
    if (path && !this.pathOf.has(node)) this.pathOf.set(node, path);
    this.inProgress.add(node);
    this.depth++;
    let reached: Reached;
    try {
      const scope: Scope = { locate: locatorFor(node, node.value, this.sources.get(node.span.file)?.text), path: this.pathOf.get(node) };
      reached = this.evaluateTemplate(template, scope, node.span);
    } finally {
      this.depth--;
      this.inProgress.delete(node);
    }
    this.memo.set(node, reached);
    return { ok: true, reached };
  }

  // ---- ResolveContext (used by the sources) ----

  walk(root: Node, segments: string[], where: string, configPath?: string[]): Outcome {
    const via: Reached['via'] = [];
    const here: string[] | undefined = configPath ? [...configPath] : undefined;
    let current = root;
    for (let i = 0; ; i++) {
      // A copy of the path only for a string that may keep it (one with variables).
      const keeps = here && current.kind === 'scalar' && typeof current.value === 'string' && current.value.includes('${');
      const shallow = this.valueOf(current, keeps ? [...here] : undefined);
      if (!shallow.ok) return { kind: 'unknown', reason: shallow.message, report: { code: shallow.code, severity: 'error' } };
      via.push(...shallow.reached.via);
      current = shallow.reached.node;
      if (i === segments.length) break;
      if (current.kind === 'unknown') {
        return { kind: 'unknown', reason: `"${walked(segments, i)}" in ${where} is inside an unknown value (${current.reason})` };
      }
      const next = childOf(current, segments[i]!);
      if (!next) return missing(`"${walked(segments, i)}" is not set in ${where}`);
      current = next;
      here?.push(segments[i]!);
    }
    if (isNull(current)) return missing(`"${segments.join('.')}" is null in ${where}`);
    return { kind: 'found', reached: { node: current, via } };
  }

  stage(): Outcome {
    return this.effective('stage', this.options.stage, 'dev');
  }

  region(): Outcome {
    return this.effective('region', this.options.region, 'us-east-1');
  }

  locateInclude(relativePath: string): IncludeLocation {
    return this.includes.locate(relativePath);
  }

  readInclude(relativePath: string, site: Site): IncludeResult {
    return this.includes.read(relativePath, site);
  }

  // ---- evaluation ----

  private evaluateTemplate(template: Template, scope: Scope, span: Span): Reached {
    const whole = wholeVariable(template);
    if (whole) return this.resolveVariable(whole, scope);
    return { node: this.interpolate(template, scope, span), via: [] };
  }

  /** One variable, fallbacks applied; what is left unresolved is reported here, at the variable. */
  private resolveVariable(variable: VarPiece, scope: Scope): Reached {
    const site: Site = { text: variable.text, span: scope.locate(variable.start, variable.end), path: scope.path };
    const outcome = this.evaluateVariable(variable, scope, site);
    const step = viaStep(site);
    switch (outcome.kind) {
      case 'found':
        return { node: outcome.reached.node, via: [step, ...outcome.reached.via] };
      case 'value':
        return { node: this.produced.mark(scalar(outcome.value, site.span)), via: [step] };
      case 'literal':
        return this.literal(outcome.literal, scope, site);
      case 'missing':
        this.report('unresolved-variable', 'warning', `${site.text} is not resolved: ${outcome.reason}`, site);
        return this.unknownAt(site, outcome.reason);
      case 'unknown': {
        const at = outcome.at ?? site;
        if (outcome.report) this.report(outcome.report.code, outcome.report.severity, `${at.text}: ${outcome.reason}`, at);
        return this.unknownAt(site, outcome.reason);
      }
    }
  }

  /** Tries each source in order; a missing (or null) value falls through to the next one. */
  private evaluateVariable(variable: VarPiece, scope: Scope, site: Site): Outcome {
    const reasons: string[] = [];
    for (const source of variable.sources) {
      const outcome = this.evaluateSource(source, scope, site);
      if (outcome.kind === 'missing') reasons.push(outcome.reason);
      else if (outcome.kind === 'found' && isNull(outcome.reached.node)) reasons.push('the value is null');
      else return outcome;
    }
    return missing(reasons.join('; '));
  }

  private evaluateSource(source: SourceExpr, scope: Scope, site: Site): Outcome {
    switch (source.kind) {
      case 'literal':
        return { kind: 'literal', literal: source };
      case 'ref':
        return this.evaluateRef(source, scope, site);
      case 'nested': {
        const inner: Site = { text: source.variable.text, span: scope.locate(source.start, source.end), path: scope.path };
        const outcome = this.evaluateVariable(source.variable, scope, inner);
        if (outcome.kind === 'found') return { kind: 'found', reached: { node: outcome.reached.node, via: [viaStep(inner), ...outcome.reached.via] } };
        if (outcome.kind === 'unknown' && !outcome.at) return { ...outcome, at: inner };
        return outcome;
      }
    }
  }

  private evaluateRef(ref: RefExpr, scope: Scope, site: Site): Outcome {
    let params: ArgValue[] | undefined;
    if (ref.params) {
      params = [];
      for (const param of ref.params) {
        const arg = this.evaluateArg(param, scope, site);
        if (!arg.ok) return arg.outcome;
        params.push(arg.value);
      }
    }
    let address: string | undefined;
    if (ref.address) {
      const arg = this.evaluateArg(ref.address, scope, site);
      if (!arg.ok) return arg.outcome;
      address = arg.value === null ? '' : String(arg.value);
    }
    return sourceHandler(ref.type)({ type: ref.type, params, address, site }, this);
  }

  /** A param or address: its own variables resolved to a scalar. */
  private evaluateArg(arg: ArgExpr, scope: Scope, site: Site): ArgResult {
    if (arg.kind === 'literal') return { ok: true, value: arg.value };
    const { template } = arg;
    if (!hasVariables(template)) return { ok: true, value: template.pieces.map((p) => p.text).join('') };
    const whole = wholeVariable(template);
    const node = whole ? this.resolveVariable(whole, scope).node : this.interpolate(template, scope, scope.locate(arg.start, arg.end));
    if (node.kind === 'scalar') return { ok: true, value: node.value };
    if (node.kind === 'unknown') return { ok: false, outcome: { kind: 'unknown', reason: `it depends on an unresolved value (${node.reason})` } };
    return { ok: false, outcome: invalid(`a param or address cannot be ${describeKind(node)}`) };
  }

  /**
   * A fallback literal. A quoted one that contains variables is resolved too
   * (`${opt:name, '${self:service}-dev'}`), as the Framework does.
   */
  private literal(literal: LiteralExpr, scope: Scope, site: Site): Reached {
    const span = scope.locate(literal.start, literal.end);
    const step = viaStep(site);
    if (typeof literal.value === 'string' && literal.quote && literal.value.includes('${')) {
      const template = parseTemplate(literal.value);
      if (hasVariables(template)) {
        // Single quotes have no escapes, so the text maps 1:1 onto the source.
        const locate = literal.quote === "'" ? shiftLocator(scope.locate, literal.start + 1) : () => span;
        const inner = this.evaluateTemplate(template, { locate, path: scope.path }, span);
        return { node: inner.node, via: [step, ...inner.via] };
      }
    }
    return { node: this.produced.mark(scalar(literal.value, span)), via: [step] };
  }

  /** A string with variables inside: known pieces joined, unknown pieces kept in order. */
  private interpolate(template: Template, scope: Scope, span: Span): Node {
    const out = new Interpolation();
    for (const piece of template.pieces) {
      if (out.length > MAX_STRING_LENGTH) break;
      if (piece.kind === 'text') {
        out.addText(piece.text);
      } else if (piece.kind === 'broken') {
        const site: Site = { text: piece.text, span: scope.locate(piece.start, piece.end), path: scope.path };
        this.report('variable-syntax', 'error', `malformed variable ${piece.text}: ${piece.message}`, site);
        out.addUnknown({ text: piece.text, reason: `malformed variable: ${piece.message}` });
      } else {
        const { node } = this.resolveVariable(piece, scope);
        if (node.kind === 'scalar') out.addText(String(node.value));
        else if (node.kind === 'unknown' && node.parts) node.parts.forEach((p) => (typeof p === 'string' ? out.addText(p) : out.addUnknown(p)));
        else if (node.kind === 'unknown') out.addUnknown({ text: piece.text, reason: node.reason });
        else {
          const reason = `${describeKind(node)} cannot be inserted into a string`;
          const site: Site = { text: piece.text, span: scope.locate(piece.start, piece.end), path: scope.path };
          this.report('unresolved-variable', 'warning', `${piece.text}: ${reason}`, site);
          out.addUnknown({ text: piece.text, reason });
        }
      }
    }

    if (out.length > MAX_STRING_LENGTH) {
      const reason = `the resolved string would exceed ${MAX_STRING_LENGTH} characters`;
      this.report('variable-depth', 'error', reason, { text: '', span, path: scope.path });
      return this.produced.mark(unknown(template.pieces.map((p) => p.text).join(''), reason, span));
    }
    if (!out.reasons) return this.produced.mark(scalar(out.knownText(), span));
    const parts = out.parts();
    const text = parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
    return this.produced.mark(unknown(text, [...out.reasons].join('; '), span, parts));
  }

  /**
   * `--x` > `provider.x` (resolved) > default; an unknown `provider.x` stays unknown.
   * Asked for by every `${sls:stage}` and `${aws:region}`, so kept once settled: the tree
   * never changes and `provider.x` resolves once. Only a cycle or the depth limit met on
   * the way (while `provider.x` itself is being resolved) is not an answer for later.
   */
  private effective(key: 'stage' | 'region', given: string | undefined, fallback: string): Outcome {
    const settled = this.settled.get(key);
    if (settled) return settled;
    const outcome = this.effectiveNow(key, given, fallback);
    const transient = outcome.kind === 'unknown' && (outcome.report?.code === 'variable-cycle' || outcome.report?.code === 'variable-depth');
    if (!transient) this.settled.set(key, outcome);
    return outcome;
  }

  private effectiveNow(key: 'stage' | 'region', given: string | undefined, fallback: string): Outcome {
    if (given !== undefined) return value(given);
    const outcome = this.walk(this.configRoot, ['provider', key], 'the service config', []);
    if (outcome.kind === 'missing') return value(fallback);
    if (outcome.kind !== 'found') return outcome;
    const { node } = outcome.reached;
    if (node.kind === 'unknown') return { kind: 'unknown', reason: `provider.${key} is unknown (${node.reason})` };
    if (node.kind !== 'scalar') return invalid(`provider.${key} is ${describeKind(node)}, not a string`);
    return outcome;
  }

  private unknownAt(site: Site, reason: string): Reached {
    return { node: this.produced.mark(unknown(site.text, reason, site.span)), via: [viaStep(site)] };
  }

  private report(code: string, severity: 'error' | 'warning' | 'info', message: string, site: Site): void {
    this.sink.report(code, severity, message, site.span, site.path);
  }

  private describe(node: ScalarNode): string {
    const path = this.pathOf.get(node);
    if (path && path.length) return formatPath(path);
    return `the value at ${node.span.file}:${node.span.line}:${node.span.column}`;
  }
}

/** An interpolated string being put together from its known text and unknown pieces, in order. */
class Interpolation {
  private readonly pieces: Array<string | UnknownPart> = [];
  /** Why the unknown pieces are unknown; undefined while every piece is known. */
  reasons: Set<string> | undefined;
  length = 0;

  addText(text: string): void {
    this.length += text.length;
    this.pieces.push(text);
  }

  addUnknown(part: UnknownPart): void {
    this.length += part.text.length;
    (this.reasons ??= new Set()).add(part.reason);
    this.pieces.push(part);
  }

  /**
   * The string, when every piece is known. Joined in one go, it is one flat string; built
   * with `+=` it would keep every piece alive (about three times the memory, for every
   * resolved string of the config).
   */
  knownText(): string {
    return this.pieces.join('');
  }

  /** Known text between unknown pieces joined: an unknown value's `parts`. */
  parts(): Array<string | UnknownPart> {
    const parts: Array<string | UnknownPart> = [];
    for (const piece of this.pieces) {
      const last = parts.length - 1;
      if (typeof piece === 'string' && typeof parts[last] === 'string') parts[last] += piece;
      else parts.push(piece);
    }
    return parts;
  }
}

const reachedAsIs = (node: Node): Shallow => ({ ok: true, reached: { node, via: [] } });

/** The first `i + 1` segments as written, for messages. */
const walked = (segments: string[], i: number): string => segments.slice(0, i + 1).join('.');
