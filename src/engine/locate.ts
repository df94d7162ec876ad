/**
 * Maps what a rule reports on (a ReportTarget) to where it is written: a logical path in the
 * resolved config, and the span of the closest node on that path. Nodes reached through
 * `${file()}` keep their own spans, so a location may be inside an included file; nodes
 * reached through variables also yield the variable sites as related locations.
 */
import { formatPath, type MapNode, type Node, type Path, type Span } from '../load/node.js';
import type {
  FunctionModel,
  ManagedPolicyModel,
  Provenance,
  RoleModel,
  RoleProperty,
  ServiceModel,
  StatementModel,
  TrustPrincipalModel,
} from '../synthesize/model.js';
import type { RelatedLocation, ReportTarget, StatementPart } from './types.js';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Located extends SourceLocation {
  /** The logical path the target is about (even when the span is an ancestor's). */
  path: Path;
  /** The path whose node gave the span (`path` itself, or its closest located ancestor). */
  spanPath: Path;
  /** Notes the engine adds by itself: variable sites, inheritance, auto-grant causes, `resources` changes. */
  related: RelatedLocation[];
}

// ---------------------------------------------------------------------------------------------
// Target classification

export function isStatementPart(t: ReportTarget): t is StatementPart {
  return typeof t === 'object' && t !== null && 'statement' in t && 'key' in t;
}
export function isStatement(t: ReportTarget): t is StatementModel {
  return typeof t === 'object' && t !== null && 'document' in t && 'provenance' in t;
}
export function isRole(t: ReportTarget): t is RoleModel {
  return typeof t === 'object' && t !== null && 'logicalId' in t && 'declaredAt' in t && 'statements' in t;
}
export function isFunction(t: ReportTarget): t is FunctionModel {
  return typeof t === 'object' && t !== null && 'key' in t && 'choice' in t && 'path' in t;
}
export function isService(t: ReportTarget): t is ServiceModel {
  return typeof t === 'object' && t !== null && 'roles' in t && 'functions' in t && 'tree' in t;
}
/** ManagedPolicyModel, TrustPrincipalModel, RoleProperty: anything else with a provenance. */
export function hasProvenance(
  t: ReportTarget,
): t is ManagedPolicyModel | TrustPrincipalModel | RoleProperty | StatementModel {
  return typeof t === 'object' && t !== null && 'provenance' in t;
}
function isPathTarget(t: ReportTarget): t is { path: Path } {
  return typeof t === 'object' && t !== null && 'path' in t && Array.isArray((t as { path: unknown }).path);
}

/** The provenance of a target, when it has one (a StatementPart has its statement's). */
export function provenanceOf(target: ReportTarget): Provenance | undefined {
  if (isStatementPart(target)) return target.statement.provenance;
  if (hasProvenance(target)) return target.provenance;
  return undefined;
}

/** Path of where a provenance says the thing was written (or what caused it). */
export function provenancePath(p: Provenance, role: RoleModel | undefined): Path {
  switch (p.kind) {
    case 'provider':
    case 'function':
    case 'inherited':
    case 'resources':
      return p.path;
    case 'auto':
      return p.causes[0]?.setting ?? role?.declaredAt ?? [];
    case 'template':
      return role?.declaredAt ?? [];
  }
}

/** Provenance kinds whose path points at the written value itself (so a key below it can be appended). */
function isWritten(p: Provenance): boolean {
  return p.kind === 'provider' || p.kind === 'function' || p.kind === 'inherited' || p.kind === 'resources';
}

/** The logical path a target is about. `role` is needed for template provenance. */
export function targetPath(target: ReportTarget, role?: RoleModel): Path {
  if (isStatementPart(target)) {
    const p = target.statement.provenance;
    const base = provenancePath(p, role);
    if (!isWritten(p)) return base;
    return target.index === undefined ? [...base, target.key] : [...base, target.key, target.index];
  }
  if (isService(target)) return [];
  if (isRole(target)) return target.declaredAt;
  if (isFunction(target)) return target.path;
  if (hasProvenance(target)) return provenancePath(target.provenance, role);
  if (isPathTarget(target)) return target.path;
  return [];
}

// ---------------------------------------------------------------------------------------------
// Paths to spans

export interface SpanLookup {
  span: SourceLocation;
  /** The located prefix of the requested path. */
  spanPath: Path;
  /** Variable sites on the way down, outermost first, each with the path of the node that had it. */
  via: Array<{ text: string; span: Span; path: Path }>;
}

function toLoc(s: Span): SourceLocation {
  return { file: s.file, line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn };
}

function entryOf(map: MapNode, key: string) {
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i]!.key === key) return map.entries[i]!;
  return undefined;
}

/**
 * The span of `path` in `tree`, or of its closest ancestor that exists; the first line of
 * `fallbackFile` when not even the root has one. A mapping value written in place is located
 * from its key (`Resource:`), so a directive above the key line applies.
 */
export function spanAt(tree: Node | undefined, path: Path, fallbackFile: string): SpanLookup {
  const via: SpanLookup['via'] = [];
  if (!tree || !tree.span) {
    return { span: { file: fallbackFile, line: 1, column: 1, endLine: 1, endColumn: 1 }, spanPath: [], via };
  }
  let cur: Node = tree;
  let keySpan: Span | undefined;
  let depth = 0;
  const addVia = (n: Node, p: Path) => {
    for (const v of n.via ?? []) via.push({ text: v.text, span: v.span, path: p });
  };
  addVia(cur, []);
  for (const seg of path) {
    let next: Node | undefined;
    let nextKey: Span | undefined;
    if (typeof seg === 'number') {
      if (cur.kind === 'seq') next = cur.items[seg];
    } else if (cur.kind === 'map') {
      const e = entryOf(cur, seg);
      if (e) {
        next = e.value;
        nextKey = e.keySpan;
      }
    }
    if (!next || !next.span) break;
    cur = next;
    keySpan = nextKey;
    depth++;
    addVia(cur, path.slice(0, depth));
  }
  const s = cur.span;
  let span = toLoc(s);
  if (keySpan && !(cur.via && cur.via.length) && keySpan.file === s.file && keySpan.offset <= s.offset) {
    span = { file: s.file, line: keySpan.line, column: keySpan.column, endLine: s.endLine, endColumn: s.endColumn };
  }
  return { span, spanPath: path.slice(0, depth), via };
}

const MAX_CAUSE_NOTES = 5;

function relatedAt(
  model: ServiceModel,
  path: Path,
  message: string,
  kind: RelatedLocation['kind'],
): RelatedLocation {
  const { span } = spanAt(model.tree, path, model.file);
  return { message, ...span, path: formatPath(path), kind };
}

/** Notes a provenance implies: where an inherited value was written, what caused an auto-grant. */
export function provenanceNotes(model: ServiceModel, p: Provenance | undefined): RelatedLocation[] {
  if (!p) return [];
  if (p.kind === 'inherited') {
    return [relatedAt(model, p.path, `inherited from ${formatPath(p.path)}`, 'inherited')];
  }
  if (p.kind === 'auto') {
    // A grant merged from thousands of functions (the shared SQS statement) would otherwise
    // carry thousands of notes; the first few explain it, the count says the rest.
    const shown = p.causes.slice(0, MAX_CAUSE_NOTES);
    const notes = shown.map((c) =>
      relatedAt(
        model,
        c.setting,
        `added by the Framework because of ${formatPath(c.setting)}${c.function !== undefined ? ` (function ${c.function})` : ''}`,
        'auto-grant',
      ),
    );
    const rest = p.causes.length - shown.length;
    if (rest > 0) {
      const last = notes[notes.length - 1]!;
      notes.push({ ...last, message: `and ${rest} more setting${rest === 1 ? '' : 's'} that add the same grant` });
    }
    return notes;
  }
  return [];
}

/** Locate a report target: its logical path, span (with ancestor fallback) and automatic notes. */
export function locate(model: ServiceModel, target: ReportTarget, role?: RoleModel): Located {
  const path = targetPath(target, role);
  const found = spanAt(model.tree, path, model.file);
  const related: RelatedLocation[] = found.via.map((v) => ({
    message: `reached through ${v.text}`,
    ...toLoc(v.span),
    path: formatPath(v.path),
    kind: 'variable' as const,
  }));
  related.push(...provenanceNotes(model, provenanceOf(target)));
  // Statements, managed policies, role properties and roles record `resources` paths that changed them.
  const changed = isStatementPart(target) ? target.statement : (target as { changedBy?: unknown });
  const changedBy = Array.isArray(changed.changedBy) ? (changed.changedBy as Path[]) : [];
  for (const c of changedBy) {
    related.push(relatedAt(model, c, `changed by ${formatPath(c)}`, 'changed-by'));
  }
  return { ...found.span, path, spanPath: found.spanPath, related };
}
