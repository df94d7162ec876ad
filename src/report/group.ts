import type { Finding } from '../engine/types.js';
import type { LintResult } from './types.js';

export interface FileGroup {
  /** Absolute path of the file the findings are located in. */
  filePath: string;
  findings: Finding[];
}

/**
 * One group per file, ESLint-style: every linted service file (even clean ones), plus each
 * included file a finding is located in, right after the first service that reported there.
 * Findings are ordered by line, column and rule id.
 */
export function groupByFile(results: readonly LintResult[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  const get = (filePath: string) => {
    let g = groups.get(filePath);
    if (!g) groups.set(filePath, (g = { filePath, findings: [] }));
    return g;
  };
  for (const r of results) {
    get(r.filePath);
    for (const f of r.findings) get(f.file || r.filePath).findings.push(f);
  }
  for (const g of groups.values()) {
    g.findings.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  }
  return [...groups.values()];
}

export function countFindings(findings: Iterable<Finding>): { errorCount: number; warningCount: number; infoCount: number } {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const f of findings) {
    if (f.severity === 'error') errorCount++;
    else if (f.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return { errorCount, warningCount, infoCount };
}
