/**
 * Maps what a rule reports on (a ReportTarget) to where it is written: a logical path in the
 * resolved config, and the span of the closest node on that path. Nodes reached through
 * `${file()}` keep their own spans, so a location may be inside an included file; nodes
 * reached through variables also yield the variable sites as related locations.
 */
import { formatPath, type MapEntry, type MapNode, type Node, type Path, type PathSegment, type Span } from '../load/node.js';
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

function entryOf(map: MapNode, key: string): MapEntry | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i]!.key === key) return map.entries[i]!;
  return undefined;
}

/** How a walk finds a mapping's entry: a linear scan, or an index (a `Locator`'s, built once per map). */
type EntryLookup = (map: MapNode, key: string) => MapEntry | undefined;

/** The child of `node` at one path step (the mapping entry too, for its key span). */
function childOf(node: Node, seg: PathSegment, lookup: EntryLookup): { node: Node | undefined; entry?: MapEntry } {
  if (typeof seg === 'number') return { node: node.kind === 'seq' ? node.items[seg] : undefined };
  if (node.kind !== 'map') return { node: undefined };
  const entry = lookup(node, seg);
  return { node: entry?.value, entry };
}

function nodeAtWith(tree: Node | undefined, path: Path, lookup: EntryLookup): Node | undefined {
  let cur = tree;
  for (const seg of path) {
    if (!cur) return undefined;
    cur = childOf(cur, seg, lookup).node;
  }
  return cur;
}

/**
 * The path a finding names: `path` itself, except that a trailing list index the tree does not
 * have under a value written as a non-list names that value. The Framework's schema coercion
 * turns `Action: s3:Get*` into `['s3:Get*']`, so a report about `Action[0]` is about the scalar
 * the user wrote at `Action`. `modelIsList` says, for a parent the tree does not have at all,
 * whether the model holds a list there (a `StatementPart` knows its document); unknown: kept.
 */
function writtenPathWith(tree: Node | undefined, path: Path, lookup: EntryLookup, modelIsList?: boolean): Path {
  const last = path[path.length - 1];
  if (typeof last !== 'number' || !tree) return path;
  const parentPath = path.slice(0, -1);
  const parent = nodeAtWith(tree, parentPath, lookup);
  if (!parent) return modelIsList === false ? parentPath : path;
  if (parent.kind === 'seq') return path;
  return parentPath;
}

/** `writtenPathWith` with a linear lookup: see `Locator` for the memoized one. */
export function writtenPath(tree: Node | undefined, path: Path): Path {
  return writtenPathWith(tree, path, entryOf);
}

/**
 * The span of `path` in `tree`, or of its closest ancestor that exists; the first line of
 * `fallbackFile` when not even the root has one. A mapping value written in place is located
 * from its key (`Resource:`), so a directive above the key line applies.
 */
export function spanAt(tree: Node | undefined, path: Path, fallbackFile: string): SpanLookup {
  return spanAtWith(tree, path, fallbackFile, entryOf);
}

function spanAtWith(tree: Node | undefined, path: Path, fallbackFile: string, lookup: EntryLookup): SpanLookup {
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
    const { node: next, entry } = childOf(cur, seg, lookup);
    const nextKey: Span | undefined = entry?.keySpan;
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

/** How the notes below find a path's span: `spanAt`, or a `Locator`'s memoized lookup. */
export type SpanOf = (path: Path) => SpanLookup;

function relatedAt(spanOf: SpanOf, path: Path, message: string, kind: RelatedLocation['kind']): RelatedLocation {
  const { span } = spanOf(path);
  return { message, ...span, path: formatPath(path), kind };
}

function provenanceNotesWith(spanOf: SpanOf, p: Provenance | undefined): RelatedLocation[] {
  if (!p) return [];
  if (p.kind === 'inherited') {
    return [relatedAt(spanOf, p.path, `inherited from ${formatPath(p.path)}`, 'inherited')];
  }
  if (p.kind === 'auto') {
    // A grant merged from thousands of functions (the shared SQS statement) would otherwise
    // carry thousands of notes; the first few explain it, the count says the rest.
    const shown = p.causes.slice(0, MAX_CAUSE_NOTES);
    const notes = shown.map((c) =>
      relatedAt(
        spanOf,
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

/** Notes a provenance implies: where an inherited value was written, what caused an auto-grant. */
export function provenanceNotes(model: ServiceModel, p: Provenance | undefined): RelatedLocation[] {
  return provenanceNotesWith((path) => spanAt(model.tree, path, model.file), p);
}

/** The `resources` paths that changed a target (statements, managed policies, role properties, roles). */
function changedByOf(target: ReportTarget): Path[] {
  const changed = isStatementPart(target) ? target.statement : (target as { changedBy?: unknown });
  return Array.isArray(changed.changedBy) ? (changed.changedBy as Path[]) : [];
}

/** For a `StatementPart` with an index: does the model hold a list at its key? (else: no opinion) */
function modelIsList(target: ReportTarget): boolean | undefined {
  if (!isStatementPart(target) || target.index === undefined) return undefined;
  return Array.isArray(target.statement.document[target.key]);
}

function locateWith(
  spanOf: SpanOf,
  written: (path: Path, modelIsList: boolean | undefined) => Path,
  target: ReportTarget,
  role: RoleModel | undefined,
): Located {
  const path = written(targetPath(target, role), modelIsList(target));
  const found = spanOf(path);
  const related: RelatedLocation[] = found.via.map((v) => ({
    message: `reached through ${v.text}`,
    ...toLoc(v.span),
    path: formatPath(v.path),
    kind: 'variable' as const,
  }));
  related.push(...provenanceNotesWith(spanOf, provenanceOf(target)));
  for (const c of changedByOf(target)) {
    related.push(relatedAt(spanOf, c, `changed by ${formatPath(c)}`, 'changed-by'));
  }
  return { ...found.span, path, spanPath: found.spanPath, related };
}

/**
 * Locate a report target: its logical path, span (with ancestor fallback) and automatic notes.
 * A trailing list index under a value written as a scalar (coerced into a one-item list by the
 * Framework's schema) is reported at the scalar: the path always names something written.
 */
export function locate(model: ServiceModel, target: ReportTarget, role?: RoleModel): Located {
  return locateWith(
    (path) => spanAt(model.tree, path, model.file),
    (path, isList) => writtenPathWith(model.tree, path, entryOf, isList),
    target,
    role,
  );
}

/** Mappings with fewer entries are scanned; bigger ones (a service's `functions`) get an index. */
const INDEXED_MAP_SIZE = 16;

/** An entry lookup that indexes each big mapping on first use (the tree must not change meanwhile). */
function indexedLookup(): EntryLookup {
  const indexes = new Map<MapNode, Map<string, MapEntry>>();
  return (map, key) => {
    if (map.entries.length < INDEXED_MAP_SIZE) return entryOf(map, key);
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const e of map.entries) index.set(e.key, e); // the last duplicate wins, as in `entryOf`
      indexes.set(map, index);
    }
    return index.get(key);
  };
}

/**
 * `spanAt` for many paths of one tree: memoized per path, and lookups in big mappings do not
 * scan them. The tree must not change while the function is in use; results are shared.
 */
export function spanFinder(tree: Node | undefined, fallbackFile: string): SpanOf {
  return memoizedSpans(tree, fallbackFile, indexedLookup());
}

function memoizedSpans(tree: Node | undefined, fallbackFile: string, lookup: EntryLookup): SpanOf {
  const spans = new Map<string, SpanLookup>();
  return (path) => {
    const key = JSON.stringify(path);
    let found = spans.get(key);
    if (!found) spans.set(key, (found = spanAtWith(tree, path, fallbackFile, lookup)));
    return found;
  };
}

/**
 * `locate` for one run over one model, memoized: the same target reported for 5,000 roles (an
 * inherited statement) is located once, and lookups in big mappings do not scan them. The tree
 * must not change while the locator is in use. `Located` values are shared: do not mutate them.
 */
export class Locator {
  private readonly written = new Map<string, Path>();
  private readonly located = new Map<string, Located>();
  private readonly lookup = indexedLookup();
  private readonly spanOf: SpanOf;
  private readonly writtenPath = (path: Path, isList: boolean | undefined): Path => {
    if (typeof path[path.length - 1] !== 'number') return path;
    const key = `${JSON.stringify(path)}\u0000${isList}`;
    let out = this.written.get(key);
    if (!out) this.written.set(key, (out = writtenPathWith(this.model.tree, path, this.lookup, isList)));
    return out;
  };

  constructor(readonly model: ServiceModel) {
    this.spanOf = memoizedSpans(model.tree, model.file, this.lookup);
  }

  locate(target: ReportTarget, role?: RoleModel): Located {
    const path = targetPath(target, role);
    const key = `${JSON.stringify(path)}\u0000${modelIsList(target)}\u0000${notesKey(provenanceOf(target))}\u0000${JSON.stringify(changedByOf(target))}`;
    let located = this.located.get(key);
    if (!located) this.located.set(key, (located = locateWith(this.spanOf, this.writtenPath, target, role)));
    return located;
  }
}

/** What the notes of a provenance depend on (inherited: the path; auto-grants: the causes shown and their count). */
function notesKey(p: Provenance | undefined): string {
  if (!p) return '';
  if (p.kind === 'inherited') return `i${JSON.stringify(p.path)}`;
  if (p.kind === 'auto') {
    const shown = p.causes.slice(0, MAX_CAUSE_NOTES).map((c) => [c.function ?? null, c.setting]);
    return `a${p.causes.length}${JSON.stringify(shown)}`;
  }
  return '';
}
