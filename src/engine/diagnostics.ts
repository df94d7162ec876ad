/**
 * Load/resolve diagnostics and Framework packaging failures as findings, so every problem of a
 * run goes through the same reporting, counting and suppression. Ids: see README.md here.
 */
import { formatPath, type Diagnostic } from '../load/node.js';
import type { ServiceModel } from '../synthesize/model.js';
import { assignFingerprints, hashParts, relativeFile } from './fingerprint.js';
import { spanAt, spanFinder, type SpanOf } from './locate.js';
import type { Finding, FindingSeverity } from './types.js';

/** Diagnostic codes meaning the file could not be read as YAML/JSON (or not safely): `parse-error`. */
export const PARSE_ERROR_CODES: ReadonlySet<string> = new Set([
  'parse-error',
  'parse-warning',
  'duplicate-key',
  'unknown-tag',
  'alias-limit',
  'alias-cycle',
  'undefined-alias',
  'complex-key',
  'invalid-merge',
  'too-deep',
  'file-too-large',
  'file-not-found',
  'file-unreadable',
  'not-a-file',
]);

/** The engine id a diagnostic is reported under, and its severity. */
export function classifyDiagnostic(d: Diagnostic): { ruleId: string; severity: FindingSeverity } {
  if (PARSE_ERROR_CODES.has(d.code)) {
    // YAML warnings stay warnings; everything else that stops reading is an error.
    return { ruleId: 'parse-error', severity: d.code === 'parse-warning' ? d.severity : 'error' };
  }
  if (d.code === 'not-serverless-config') return { ruleId: 'not-serverless-config', severity: 'info' };
  return { ruleId: 'config-error', severity: d.severity };
}

export interface DiagnosticContext {
  /** The service file (location fallback and fingerprint base). */
  file: string;
  projectRoot?: string;
  /** When given, diagnostics with a path but no span are located through the model's tree. */
  model?: ServiceModel;
}

function stableText(message: string): string {
  // Messages of parse errors carry line/column numbers; keep fingerprints independent of them.
  return message.replace(/\d+/g, '#');
}

/** One finding per diagnostic (exact duplicates — same code, message and place — dropped). */
export function diagnosticsToFindings(diagnostics: Iterable<Diagnostic>, ctx: DiagnosticContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const rel = relativeFile(ctx.file, ctx.projectRoot);
  let spanOf: SpanOf | undefined;
  for (const d of diagnostics) {
    const dedupe = JSON.stringify([d.code, d.message, d.span?.file, d.span?.offset, d.path]);
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const { ruleId, severity } = classifyDiagnostic(d);
    let where = { file: ctx.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (d.span) {
      where = { file: d.span.file, line: d.span.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn };
    } else if (d.path && ctx.model) {
      // A service with thousands of functions can have a diagnostic per function: no scans of `functions`.
      spanOf ??= spanFinder(ctx.model.tree, ctx.file);
      where = spanOf(d.path).span;
    }
    const path = d.path ? formatPath(d.path) : '';
    out.push({
      ruleId,
      messageId: d.code,
      severity,
      message: d.message,
      ...where,
      path,
      functions: [],
      fingerprint: '',
      related: [],
    });
  }
  // Same key twice (two identical syntax errors) → an occurrence number tells them apart.
  assignFingerprints(out, (f) => [f.ruleId, rel, relativeFile(f.file, ctx.projectRoot), f.path, f.messageId, stableText(f.message)]);
  return out;
}

/** The Framework would refuse to package this service: a `framework-error` at the setting. */
export function frameworkFailureFinding(model: ServiceModel, projectRoot?: string): Finding | undefined {
  const failure = model.failure;
  if (!failure) return undefined;
  const path = failure.at ?? [];
  const where = spanAt(model.tree, path, model.file).span;
  const formatted = formatPath(path);
  return {
    ruleId: 'framework-error',
    messageId: failure.code ?? 'framework-error',
    severity: 'error',
    message: failure.message,
    ...where,
    path: formatted,
    functions: failure.function !== undefined ? [failure.function] : [],
    fingerprint: hashParts([
      'framework-error',
      relativeFile(model.file, projectRoot),
      formatted,
      failure.code ?? '',
      failure.function ?? '',
    ]),
    related: [],
  };
}
