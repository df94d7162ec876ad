/**
 * The text reporter (actionlint/rustc style):
 *
 *   serverless.yml:12:17: error Statement allows every action [no-admin-policies]
 *      |
 *   12 |       Action: '*'
 *      |               ^~~
 *      = note: inherited from provider.iam.role.statements[0] (serverless.yml:10)
 *      = functions: api, worker
 *
 *   ✖ 1 problem (1 error, 0 warnings)
 */
import type { Finding } from '../engine/types.js';
import { colors, type Colors } from './color.js';
import { countFindings, groupByFile } from './group.js';
import { SourceCache, relativePath, renderSnippet } from './sources.js';
import type { LintResult, ReportOptions } from './types.js';

function severityLabel(f: Finding, c: Colors): string {
  switch (f.severity) {
    case 'error':
      return c.red(c.bold('error'));
    case 'warning':
      return c.yellow(c.bold('warning'));
    default:
      return c.cyan(c.bold('info'));
  }
}

function underlineColor(f: Finding, c: Colors): (s: string) => string {
  if (f.severity === 'error') return (s) => c.red(c.bold(s));
  if (f.severity === 'warning') return (s) => c.yellow(c.bold(s));
  return (s) => c.cyan(c.bold(s));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Render one finding (several lines, no trailing newline). */
export function formatFinding(f: Finding, cache: SourceCache, c: Colors, cwd: string): string {
  const lines = [
    `${c.bold(`${relativePath(f.file, cwd)}:${f.line}:${f.column}:`)} ${severityLabel(f, c)} ${f.message} ${c.dim(`[${f.ruleId}]`)}`,
  ];
  const zeroWidth = f.endLine === f.line && f.endColumn <= f.column;
  const snippet = zeroWidth ? [] : renderSnippet(cache, f.file, f, c, underlineColor(f, c));
  lines.push(...snippet);
  const pad = ' '.repeat(snippet.length ? String(f.line).length + 1 : 2);
  const eq = c.blue(c.bold('='));
  for (const r of f.related) {
    const where = r.file ? ` (${relativePath(r.file, cwd)}:${r.line})` : '';
    lines.push(`${pad}${eq} ${c.bold('note')}: ${r.message}${where}`);
  }
  if (f.functions.length) {
    lines.push(`${pad}${eq} ${c.bold(f.functions.length === 1 ? 'function' : 'functions')}: ${f.functions.join(', ')}`);
  }
  return lines.join('\n');
}

/** The whole text report; empty when there is nothing to show. Ends with a newline when not empty. */
export function formatText(results: readonly LintResult[], options: ReportOptions = {}): string {
  const cwd = options.cwd ?? process.cwd();
  const c = colors(options.color ?? false);
  const cache = new SourceCache(results);
  const blocks: string[] = [];
  const all: Finding[] = [];
  for (const g of groupByFile(results)) {
    for (const f of g.findings) {
      blocks.push(formatFinding(f, cache, c, cwd));
      all.push(f);
    }
  }
  const { errorCount, warningCount } = countFindings(all);
  const problems = errorCount + warningCount;
  if (problems > 0) {
    const summary = `✖ ${plural(problems, 'problem')} (${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')})`;
    blocks.push(errorCount ? c.red(c.bold(summary)) : c.yellow(c.bold(summary)));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}
