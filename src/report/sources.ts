/**
 * The only place that reads source text for output: the texts the engine kept in each
 * result (`sources`), else the file on disk. Plain text lines; YAML is never parsed here.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import type { SourceFile } from '../load/types.js';
import type { LintResult } from './types.js';
import type { Colors } from './color.js';

export class SourceCache {
  private readonly texts = new Map<string, string | null>();
  private readonly lines = new Map<string, string[]>();

  constructor(results: Iterable<LintResult> = []) {
    for (const r of results) this.addAll(r.sources);
  }

  addAll(sources: LintResult['sources']): void {
    if (!sources) return;
    const values: Iterable<SourceFile> = sources instanceof Map ? sources.values() : (sources as Iterable<SourceFile>);
    for (const s of values) if (!this.texts.has(s.file)) this.texts.set(s.file, s.text);
  }

  text(file: string): string | undefined {
    if (!this.texts.has(file)) {
      let text: string | null = null;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = null;
      }
      this.texts.set(file, text);
    }
    return this.texts.get(file) ?? undefined;
  }

  /** The 1-based line of a file, without its line break; undefined when unknown. */
  line(file: string, line: number): string | undefined {
    let ls = this.lines.get(file);
    if (!ls) {
      const text = this.text(file);
      if (text === undefined) return undefined;
      ls = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
      this.lines.set(file, ls);
    }
    return ls[line - 1];
  }
}

/** `file` relative to `cwd` with `/` separators (absolute when on another drive). */
export function relativePath(file: string, cwd: string): string {
  if (!file) return file;
  const rel = relative(cwd, file);
  if (!rel) return file.split(sep).pop() ?? file;
  if (isAbsolute(rel)) return file;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export interface SpanLike {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * rustc/actionlint-style snippet: the source line with a gutter and `^~~~` under the span
 * (to the end of the line for spans that continue on later lines). Empty when the line is unknown.
 */
export function renderSnippet(
  cache: SourceCache,
  file: string,
  span: SpanLike,
  c: Colors,
  underline: (s: string) => string,
): string[] {
  const text = cache.line(file, span.line);
  if (text === undefined) return [];
  const num = String(span.line);
  const pad = ' '.repeat(num.length);
  const gutter = (s: string) => c.blue(c.bold(s));
  const start = Math.max(1, span.column);
  // A span continuing on later lines is underlined to the end of its first line (without trailing blanks).
  const end = span.endLine > span.line ? text.replace(/\s+$/, '').length + 1 : span.endColumn;
  const width = Math.max(1, end - start);
  // Keep tabs so the marker lines up however the terminal renders them.
  const prefix = text.slice(0, start - 1).replace(/[^\t]/g, ' ') + ' '.repeat(Math.max(0, start - 1 - text.length));
  const marker = '^' + '~'.repeat(width - 1);
  return [
    `${pad} ${gutter('|')}`,
    `${gutter(num)} ${gutter('|')} ${text}`,
    `${pad} ${gutter('|')} ${prefix}${underline(marker)}`,
  ];
}
