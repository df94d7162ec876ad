/** Collects the resolver's diagnostics, each located at a variable (or a value) and its config path. */
import type { Diagnostic, Path, Span } from '../load/node.js';

export class DiagnosticSink {
  readonly list: Diagnostic[] = [];

  report(code: string, severity: Diagnostic['severity'], message: string, span: Span, path?: Path): void {
    this.list.push(path ? { code, severity, message, span, path: [...path] } : { code, severity, message, span });
  }

  add(diagnostic: Diagnostic): void {
    this.list.push(diagnostic);
  }
}
