import type { Finding } from '../engine/types.js';
import type { SourceFile } from '../load/types.js';

/** What the reporters need of one linted service file. */
export interface LintResult {
  /** The service file that was linted (absolute). */
  filePath: string;
  /** Its findings; a finding may be located in a file the service includes (`finding.file`). */
  findings: Finding[];
  /** Texts of the files read for the service (service file and includes), for source snippets. */
  sources?: ReadonlyMap<string, SourceFile> | Iterable<SourceFile>;
}

export interface ReportOptions {
  /** Paths in text output are shown relative to this folder (default `process.cwd()`). */
  cwd?: string;
  /** Colour the text output (default: decided by `shouldUseColor`). */
  color?: boolean;
}
