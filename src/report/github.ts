/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding, shown on
 * the pull request's changed lines and in the run summary:
 *
 *   ::error file=serverless.yml,line=8,col=11,endLine=8,endColumn=54,title=iamlint (no-admin-policies)::The AWS managed…
 *
 * Errors are `::error`, warnings `::warning`, info `::notice`. Files are relative to the
 * repository root (GitHub resolves them against the workspace), whatever folder iamlint runs
 * from. Escaping as GitHub documents: `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import type { Finding } from '../engine/types.js';
import { countFindings, groupByFile } from './group.js';
import { displayRepoPath, findRepoRoot } from './sarif-paths.js';
import type { LintResult } from './types.js';

export interface GithubOptions {
  /** Folder the repository root is searched from (default `process.cwd()`). */
  cwd?: string;
  /** Paths are relative to this folder (default: the repository root found from `cwd`). */
  repoRoot?: string;
}

/** Escaping of a workflow command's message (data). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One workflow command line (without the line break). */
export function annotation(f: Finding, root: string): string {
  const props: Array<[string, string | number]> = [];
  if (f.file) {
    props.push(['file', displayRepoPath(f.file, root)]);
    const line = Math.max(1, f.line || 1);
    const col = Math.max(1, f.column || 1);
    const endLine = Math.max(line, f.endLine || line);
    const endColumn = endLine === line ? Math.max(col, f.endColumn || col) : Math.max(1, f.endColumn || 1);
    props.push(['line', line], ['col', col], ['endLine', endLine], ['endColumn', endColumn]);
  }
  props.push(['title', `iamlint (${f.ruleId})`]);
  const lines = [f.message];
  for (const r of f.related) {
    const where = r.file ? ` (${displayRepoPath(r.file, root)}:${r.line})` : '';
    lines.push(`note: ${r.message}${where}`);
  }
  if (f.functions.length) lines.push(`${f.functions.length === 1 ? 'function' : 'functions'}: ${f.functions.join(', ')}`);
  const propText = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[f.severity]} ${propText}::${escapeData(lines.join('\n'))}`;
}

/** Every finding as an annotation, then a plain summary line. Empty when there is nothing to report. */
export function formatGithub(results: readonly LintResult[], options: GithubOptions = {}): string {
  const root = options.repoRoot ?? findRepoRoot(options.cwd ?? process.cwd());
  const lines: string[] = [];
  const all: Finding[] = [];
  for (const g of groupByFile(results)) {
    for (const f of g.findings) {
      lines.push(annotation(f, root));
      all.push(f);
    }
  }
  if (!all.length) return '';
  const { errorCount, warningCount, infoCount } = countFindings(all);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const notices = infoCount ? `, ${plural(infoCount, 'notice')}` : '';
  lines.push(`iamlint: ${plural(errorCount, 'error')}, ${plural(warningCount, 'warning')}${notices}`);
  return `${lines.join('\n')}\n`;
}
