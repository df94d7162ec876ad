/**
 * The JSON reporter: a stable contract, described by schema/iamlint-results.schema.json and
 * docs/json-output.md. Field names never change within a major version.
 */
import type { FindingSeverity, RelatedLocation } from '../engine/types.js';
import { countFindings, groupByFile } from './group.js';
import type { LintResult } from './types.js';

export interface JsonRelated {
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  kind?: RelatedLocation['kind'];
}

export interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: FindingSeverity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  path: string;
  functions: string[];
  fingerprint: string;
  related: JsonRelated[];
}

export interface JsonFileResult {
  /** Absolute path of the file the findings are located in. */
  filePath: string;
  findings: JsonFinding[];
  errorCount: number;
  warningCount: number;
}

export interface JsonReport {
  results: JsonFileResult[];
  errorCount: number;
  warningCount: number;
}

export function toJsonReport(results: readonly LintResult[]): JsonReport {
  let errorCount = 0;
  let warningCount = 0;
  const out: JsonFileResult[] = groupByFile(results).map((g) => {
    const counts = countFindings(g.findings);
    errorCount += counts.errorCount;
    warningCount += counts.warningCount;
    return {
      filePath: g.filePath,
      findings: g.findings.map((f) => ({
        ruleId: f.ruleId,
        messageId: f.messageId,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
        path: f.path,
        functions: [...f.functions],
        fingerprint: f.fingerprint,
        related: f.related.map((r) => {
          const j: JsonRelated = {
            message: r.message,
            file: r.file,
            line: r.line,
            column: r.column,
            endLine: r.endLine,
            endColumn: r.endColumn,
            path: r.path,
          };
          if (r.kind) j.kind = r.kind;
          return j;
        }),
      })),
      errorCount: counts.errorCount,
      warningCount: counts.warningCount,
    };
  });
  return { results: out, errorCount, warningCount };
}

export function formatJson(results: readonly LintResult[]): string {
  return `${JSON.stringify(toJsonReport(results), null, 2)}\n`;
}
