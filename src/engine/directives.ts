/**
 * Inline suppressions in YAML comments:
 *
 *   # iamlint-disable-next-line rule-a, rule-b -- reason
 *   Resource: '*'  # iamlint-disable-line rule-a -- reason
 *   # iamlint-disable rule-a      (until `# iamlint-enable rule-a` or the end of the file)
 *
 * No rule list means every rule. A `disable` before the first key of a file covers the whole
 * file. Directives are per file: those of an included file apply to findings located there.
 * Comments are found with yaml's lexer, so a `#` in a quoted or block scalar is never one.
 */
import { CST, Lexer, LineCounter } from 'yaml';
import type { SourceFile } from '../load/types.js';
import { hashParts, relativeFile } from './fingerprint.js';
import { compareFindings } from './runner.js';
import type { Finding, FindingSeverity, RuleSeverity } from './types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids listed, or null for every rule. */
  rules: string[] | null;
  /** The text after ` -- `, when given. */
  justification?: string;
  /** The comment as written (starting with `#`). */
  text: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  /** For line directives: the line they apply to. */
  targetLine?: number;
  /** A `disable` written before the first key: it covers the file from its start. */
  fileWide: boolean;
}

/** Options from the config's `linterOptions`. */
export interface LinterOptions {
  /** Directives are ignored. */
  noInlineConfig?: boolean;
  /** Report directives (or rules in their lists) that suppressed nothing. Default `warn`. */
  reportUnusedDisableDirectives?: RuleSeverity | boolean;
  /** Report disable directives without `-- reason` (they still suppress). `true` = `error`. Default off. */
  requireJustification?: RuleSeverity | boolean;
}

/** Findings no directive can hide: iamlint's own failures and reports about directives. */
export const UNSUPPRESSIBLE: ReadonlySet<string> = new Set([
  'internal-error',
  'parse-error',
  'unused-disable-directive',
  'missing-disable-justification',
]);

const DIRECTIVE_RE = /^#\s*iamlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/s;

const ZERO_WIDTH = new Set([CST.DOCUMENT, CST.SCALAR, CST.FLOW_END]);
const NOT_CONTENT = new Set(['comment', 'space', 'newline', 'doc-mode', 'scalar', 'flow-error-end', 'byte-order-mark']);

/** Split `rule-a, rule-b -- reason` into rules (null when none) and justification. */
export function parseDirectiveBody(body: string): { rules: string[] | null; justification?: string } {
  let list = body;
  let justification: string | undefined;
  const sepMatch = /(?:^|\s)--(?:\s|$)/.exec(body);
  if (sepMatch) {
    list = body.slice(0, sepMatch.index);
    const reason = body.slice(sepMatch.index + sepMatch[0].length).trim();
    if (reason) justification = reason;
  }
  const rules = list
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  return { rules: rules.length ? [...new Set(rules)] : null, justification };
}

/** Every directive comment of one YAML file, in source order. */
export function parseDirectives(file: string, text: string): Directive[] {
  // Most files have no directive: skip the lexer pass (a third of a 5,000-function lint's time).
  if (!text.includes('iamlint-')) return [];
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  let at = 0;
  const comments: Array<{ text: string; offset: number }> = [];
  const contentOffsets: number[] = [];
  let firstContent = Infinity;
  try {
    for (const token of new Lexer().lex(text)) {
      if (ZERO_WIDTH.has(token)) continue;
      const type = CST.tokenType(token);
      if (type === 'comment') comments.push({ text: token, offset: at });
      else if (!NOT_CONTENT.has(type ?? '') && token.trim() !== '' && type !== 'doc-start' && type !== 'directive-line') {
        contentOffsets.push(at);
        if (at < firstContent) firstContent = at;
      }
      at += token.length;
    }
  } catch {
    return [];
  }
  const pos = (offset: number) => lines.linePos(offset);
  const contentLines = [...new Set(contentOffsets.map((o) => pos(o).line))].sort((a, b) => a - b);
  const out: Directive[] = [];
  for (const c of comments) {
    const m = DIRECTIVE_RE.exec(c.text.trimEnd());
    if (!m) continue;
    const kind = m[1] as DirectiveKind;
    const body = m[2] ?? '';
    const { rules, justification } = parseDirectiveBody(body);
    const start = pos(c.offset);
    const end = pos(c.offset + c.text.length);
    const d: Directive = {
      kind,
      rules,
      justification,
      text: c.text.trimEnd(),
      file,
      line: start.line,
      column: start.col,
      endLine: end.line,
      endColumn: end.col,
      offset: c.offset,
      fileWide: kind === 'disable' && c.offset < firstContent,
    };
    if (kind === 'disable-line') d.targetLine = start.line;
    if (kind === 'disable-next-line') {
      // The next line with content: stacked comments and blank lines in between are skipped.
      d.targetLine = contentLines.find((l) => l > start.line) ?? start.line + 1;
    }
    out.push(d);
  }
  return out;
}

export interface DirectiveResult {
  findings: Finding[];
  /** Findings a directive hid. */
  suppressed: Finding[];
  /** Suppressed findings per file they are located in. */
  suppressedByFile: Map<string, number>;
  directives: Directive[];
}

export interface ApplyDirectivesOptions extends LinterOptions {
  /** For fingerprints of directive findings. */
  projectRoot?: string;
  /** False when the rules never ran (the file did not load): no directive is reported unused. */
  rulesRan?: boolean;
  /** Rules that crashed: directives naming them (or all rules) are not reported unused. */
  crashedRules?: ReadonlySet<string>;
}

function severityOf(opt: RuleSeverity | boolean | undefined, dflt: RuleSeverity): FindingSeverity | undefined {
  const s: RuleSeverity = opt === undefined ? dflt : opt === true ? 'error' : opt === false ? 'off' : opt;
  return s === 'off' ? undefined : s === 'error' ? 'error' : 'warning';
}

interface Usage {
  all: boolean;
  rules: Set<string>;
}

function before(d: Directive, line: number, column: number): boolean {
  return d.fileWide || d.line < line || (d.line === line && d.column < column);
}

/**
 * Drop findings hidden by directives of the files in `sources`; report unused directives and
 * missing justifications as configured. A finding is also hidden by a line directive at any
 * `${…}` site it was reached through (its `variable` related locations).
 */
export function applyDirectives(
  findings: Finding[],
  sources: Iterable<SourceFile>,
  options: ApplyDirectivesOptions = {},
): DirectiveResult {
  const suppressedByFile = new Map<string, number>();
  if (options.noInlineConfig) return { findings, suppressed: [], suppressedByFile, directives: [] };

  const byFile = new Map<string, Directive[]>();
  const all: Directive[] = [];
  for (const src of sources) {
    if (byFile.has(src.file) || /\.json$/i.test(src.file)) continue;
    const list = parseDirectives(src.file, src.text);
    byFile.set(src.file, list);
    all.push(...list);
  }
  const usage = new Map<Directive, Usage>(all.map((d) => [d, { all: false, rules: new Set() }]));
  const use = (d: Directive, ruleId: string) => {
    const u = usage.get(d)!;
    if (d.rules === null) u.all = true;
    else u.rules.add(ruleId);
  };

  /** The directives that hide `ruleId` at this place (empty: not hidden). */
  const hiding = (file: string, line: number, column: number, ruleId: string): Directive[] => {
    const list = byFile.get(file);
    if (!list || list.length === 0) return [];
    const hits: Directive[] = [];
    for (const d of list) {
      if ((d.kind === 'disable-line' || d.kind === 'disable-next-line') && d.targetLine === line) {
        if (d.rules === null || d.rules.includes(ruleId)) hits.push(d);
      }
    }
    // Ranges: replay disable/enable comments before the place.
    let allState: Directive | undefined;
    let ruleState: Directive | null | undefined; // null: explicitly enabled
    for (const d of list) {
      if (d.kind !== 'disable' && d.kind !== 'enable') continue;
      if (!before(d, line, column)) continue;
      if (d.rules === null) {
        allState = d.kind === 'disable' ? d : undefined;
        ruleState = undefined;
      } else if (d.rules.includes(ruleId)) {
        ruleState = d.kind === 'disable' ? d : null;
      }
    }
    const range = ruleState === undefined ? allState : ruleState ?? undefined;
    if (range) hits.push(range);
    return hits;
  };

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    if (UNSUPPRESSIBLE.has(f.ruleId)) {
      kept.push(f);
      continue;
    }
    const places = [f, ...f.related.filter((r) => r.kind === 'variable')];
    const hits = new Set<Directive>();
    for (const p of places) for (const d of hiding(p.file, p.line, p.column, f.ruleId)) hits.add(d);
    if (hits.size === 0) {
      kept.push(f);
      continue;
    }
    for (const d of hits) use(d, f.ruleId);
    suppressed.push(f);
    suppressedByFile.set(f.file, (suppressedByFile.get(f.file) ?? 0) + 1);
  }

  const extra: Finding[] = [];
  const sourceOf = new Map<Finding, Directive>();
  const directiveFinding = (d: Directive, ruleId: string, messageId: string, severity: FindingSeverity, message: string) => {
    const f: Finding = {
      ruleId,
      messageId,
      severity,
      message,
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      path: '',
      functions: [],
      fingerprint: '',
      related: [],
    };
    sourceOf.set(f, d);
    extra.push(f);
  };

  const unusedSeverity = options.rulesRan === false ? undefined : severityOf(options.reportUnusedDisableDirectives, 'warn');
  const crashed = options.crashedRules ?? new Set<string>();
  if (unusedSeverity) {
    for (const d of all) {
      if (d.kind === 'enable') continue;
      const u = usage.get(d)!;
      if (d.rules === null) {
        if (!u.all && crashed.size === 0) {
          directiveFinding(d, 'unused-disable-directive', 'unused', unusedSeverity, `Unused iamlint-${d.kind} directive (no problems were reported).`);
        }
        continue;
      }
      const unused = d.rules.filter((r) => !u.rules.has(r) && !crashed.has(r));
      if (unused.length === 0) continue;
      const names = unused.map((r) => `'${r}'`).join(', ');
      const partly = d.rules.some((r) => u.rules.has(r) || crashed.has(r));
      directiveFinding(
        d,
        'unused-disable-directive',
        partly ? 'unused-rules' : 'unused',
        unusedSeverity,
        `Unused iamlint-${d.kind} directive (no problems were reported from ${names}).`,
      );
    }
  }

  const justificationSeverity = severityOf(options.requireJustification, 'off');
  if (justificationSeverity) {
    for (const d of all) {
      if (d.kind === 'enable' || d.justification) continue;
      directiveFinding(
        d,
        'missing-disable-justification',
        'missing-justification',
        justificationSeverity,
        `iamlint-${d.kind} directive needs a justification: add "-- <reason>" after the rule list.`,
      );
    }
  }

  extra.sort(compareFindings);
  const occurrences = new Map<string, number>();
  for (const f of extra) {
    const d = sourceOf.get(f)!;
    const base = hashParts([f.ruleId, relativeFile(d.file, options.projectRoot), f.messageId, d.text]);
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    f.fingerprint = n === 0 ? base : hashParts([base, n]);
  }
  const out = [...kept, ...extra].sort(compareFindings);
  return { findings: out, suppressed, suppressedByFile, directives: all };
}
