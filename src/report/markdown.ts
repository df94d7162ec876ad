/**
 * `--format markdown`: a summary for a pull-request comment (or `$GITHUB_STEP_SUMMARY`):
 * counts by severity, then for each service a collapsed `<details>` per function with a table
 * of its findings (finding, rule, location link). A finding about several functions is listed
 * under each; findings about no function are listed under "service-wide".
 *
 * Locations link to the file on GitHub when `linkBase` is given (the CLI builds it from
 * GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA); otherwise they are plain `path:line`.
 * The text stays under GitHub's 65,536-character comment limit.
 */
import type { Finding, Rule } from '../engine/types.js';
import { countFindings, groupByFile } from './group.js';
import { displayRepoPath, encodeRelativeUri, findRepoRoot, pathInRoot } from './sarif-paths.js';
import type { LintResult } from './types.js';

export interface MarkdownOptions {
  cwd?: string;
  /** Paths are relative to this folder (default: the repository root found from `cwd`). */
  repoRoot?: string;
  /** e.g. `https://github.com/o/r/blob/<sha>/`: locations become links to `<linkBase><path>#L<line>`. */
  linkBase?: string;
  /** Rule objects by id, to link rule ids to their doc pages. */
  registry?: Readonly<Record<string, Rule>>;
  /** Default 60,000 characters (GitHub comments hold 65,536). */
  maxLength?: number;
}

/** The hidden marker a bot can find to update its earlier comment instead of adding one. */
export const MARKDOWN_MARKER = '<!-- iamlint-report -->';

/** `https://github.com/o/r/blob/<sha>/` from GitHub Actions' environment, when it is there. */
export function githubLinkBase(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL;
  const repo = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_HEAD_SHA || env.GITHUB_SHA;
  if (!server || !repo || !sha) return undefined;
  return `${server.replace(/\/+$/, '')}/${repo}/blob/${sha}/`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text for a table cell: no HTML, no emphasis or links by accident, no cell breaks. */
function escapeText(s: string): string {
  return escapeHtml(s)
    .replace(/([\\*_[\]~`#])/g, '\\$1')
    .replace(/\|/g, '\\|')
    .replace(/@/g, '&#64;');
}

/** A message for a table cell: `code spans` kept as code, everything else escaped. */
export function markdownCell(text: string): string {
  const parts = text.split('`');
  const balanced = parts.length % 2 === 1;
  let out = '';
  if (!balanced) out = escapeText(text);
  else {
    parts.forEach((part, i) => {
      if (i % 2 === 0) out += escapeText(part);
      else if (part) out += `\`${part.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
      else out += '\\`\\`';
    });
  }
  return out.replace(/\r?\n/g, '<br>');
}

const ICON: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

function countsText(findings: readonly Finding[]): string {
  const { errorCount, warningCount, infoCount } = countFindings(findings);
  const parts = [plural(errorCount, 'error'), plural(warningCount, 'warning')];
  if (infoCount) parts.push(`${infoCount} info`);
  return parts.join(', ');
}

interface Ctx {
  root: string;
  linkBase?: string;
  registry: Readonly<Record<string, Rule>>;
}

function locationCell(f: Finding, ctx: Ctx): string {
  const shown = `${displayRepoPath(f.file, ctx.root)}:${f.line}`;
  const rel = pathInRoot(f.file, ctx.root);
  if (!ctx.linkBase || rel === undefined) return `\`${shown.replace(/\|/g, '\\|')}\``;
  const lines = f.endLine > f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  return `[\`${shown.replace(/\|/g, '\\|')}\`](${ctx.linkBase}${encodeRelativeUri(rel)}${lines})`;
}

function ruleCell(id: string, ctx: Ctx): string {
  const rule = Object.hasOwn(ctx.registry, id) ? ctx.registry[id] : undefined;
  const docs = rule?.meta.docs;
  return docs && /^https?:\/\//.test(docs) ? `[${id}](${docs})` : `\`${id}\``;
}

function row(f: Finding, ctx: Ctx): string {
  return `| ${ICON[f.severity]} ${f.severity} | ${markdownCell(f.message)} | ${ruleCell(f.ruleId, ctx)} | ${locationCell(f, ctx)} |`;
}

const TABLE_HEAD = ['| Severity | Finding | Rule | Location |', '| --- | --- | --- | --- |'];
const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

interface Section {
  summary: string;
  findings: Finding[];
}

/** The sections of one service: one per function (in the order functions first appear), then service-wide. */
function sections(serviceFile: string, findings: Finding[], ctx: Ctx): Section[] {
  const byFunction = new Map<string, Finding[]>();
  const serviceWide: Finding[] = [];
  for (const f of findings) {
    if (!f.functions.length) serviceWide.push(f);
    for (const fn of f.functions) {
      let list = byFunction.get(fn);
      if (!list) byFunction.set(fn, (list = []));
      list.push(f);
    }
  }
  const file = `<code>${escapeHtml(displayRepoPath(serviceFile, ctx.root))}</code>`;
  const out: Section[] = [];
  for (const [fn, list] of [...byFunction].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({ summary: `${file} · function <code>${escapeHtml(fn)}</code> — ${countsText(list)}`, findings: list });
  }
  if (serviceWide.length) out.push({ summary: `${file} · service-wide — ${countsText(serviceWide)}`, findings: serviceWide });
  for (const s of out) s.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return out;
}

export function formatMarkdown(results: readonly LintResult[], options: MarkdownOptions = {}): string {
  const ctx: Ctx = {
    root: options.repoRoot ?? findRepoRoot(options.cwd ?? process.cwd()),
    linkBase: options.linkBase,
    registry: options.registry ?? {},
  };
  const maxLength = options.maxLength ?? 60_000;

  // Findings per service file (a finding in an included file belongs to the service that reported it).
  const services = results.map((r) => ({ filePath: r.filePath, findings: groupByFile([r]).flatMap((g) => g.findings) }));
  const all = services.flatMap((s) => s.findings);
  const { errorCount, warningCount, infoCount } = countFindings(all);
  const fileCount = results.length;

  const head: string[] = [MARKDOWN_MARKER, '### iamlint', ''];
  if (!all.length) {
    head.push(`✅ No problems in ${plural(fileCount, 'service file')}.`);
    return `${head.join('\n')}\n`;
  }
  head.push(`**${countsText(all)}** in ${plural(fileCount, 'service file')}.`, '');
  head.push('| Severity | Count |', '| --- | ---: |');
  head.push(`| ${ICON.error} Error | ${errorCount} |`, `| ${ICON.warning} Warning | ${warningCount} |`, `| ${ICON.info} Info | ${infoCount} |`);

  let text = `${head.join('\n')}\n`;
  const footerReserve = 200;
  let shownRows = 0;
  let totalRows = 0;
  let cut = false;
  for (const s of services) {
    for (const section of sections(s.filePath, s.findings, ctx)) {
      totalRows += section.findings.length;
      if (cut) continue;
      let block = `\n<details>\n<summary>${section.summary}</summary>\n\n${TABLE_HEAD.join('\n')}\n`;
      const end = '\n</details>\n';
      if (text.length + block.length + end.length + footerReserve > maxLength) {
        cut = true;
        continue;
      }
      let rows = 0;
      for (const f of section.findings) {
        const line = `${row(f, ctx)}\n`;
        if (text.length + block.length + line.length + end.length + footerReserve > maxLength) {
          cut = true;
          break;
        }
        block += line;
        rows++;
      }
      if (rows === 0) continue;
      shownRows += rows;
      text += block + end;
    }
  }
  if (shownRows < totalRows) {
    text += `\n_${totalRows - shownRows} more rows left out to fit a GitHub comment; run iamlint locally or see the code scanning alerts for all of them._\n`;
  }
  return text;
}
