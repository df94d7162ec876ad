/** `yaml`'s own errors and warnings as located iamlint diagnostics. */
import { YAMLWarning, type Document, type YAMLError } from 'yaml';
import type { Diagnostic } from './node.js';
import type { SpanOf } from './span.js';

/** Codes that mean the tree cannot be trusted, so no root is handed on. */
export const FATAL_LOAD_CODES: ReadonlySet<string> = new Set(['parse-error', 'too-deep', 'alias-limit', 'undefined-alias', 'alias-cycle']);

/** After the first few, syntax errors are nearly always echoes of an earlier one. */
const MAX_SYNTAX_ERRORS = 10;

export function yamlProblemDiagnostics(docs: Array<Pick<Document, 'errors' | 'warnings'>>, spanOf: SpanOf): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  let syntaxErrors = 0;
  let unshown = 0;
  for (const doc of docs) {
    for (const problem of [...doc.errors, ...doc.warnings]) {
      const diagnostic = yamlProblemDiagnostic(problem, spanOf);
      // `yaml` often reports one mistake several times at the same place.
      const key = `${diagnostic.code}@${diagnostic.span?.offset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (diagnostic.code === 'parse-error' && ++syntaxErrors > MAX_SYNTAX_ERRORS) {
        unshown++;
        continue;
      }
      out.push(diagnostic);
    }
  }
  if (unshown > 0) {
    const last = out.findLast((d) => d.code === 'parse-error')!;
    out.push({ ...last, message: `${unshown} further syntax errors follow, most likely caused by the ones above.` });
  }
  return out;
}

function yamlProblemDiagnostic(problem: YAMLError, spanOf: SpanOf): Diagnostic {
  const [start, end] = problem.pos;
  const span = spanOf(start, end);
  if (problem.code === 'RESOURCE_EXHAUSTION') {
    return { code: 'too-deep', severity: 'error', message: 'Values are nested too deeply to read; iamlint stops reading this file.', span };
  }
  if (problem.code === 'TAG_RESOLVE_FAILED' && problem.message.startsWith('Unresolved tag')) {
    const tag = shortTag(problem.message.replace(/^Unresolved tag:\s*/, ''));
    if (STANDARD_TAGS.has(tag)) {
      return { code: 'tag-mismatch', severity: 'warning', message: `The value does not have the form ${tag} expects; it is read as a string.`, span };
    }
    return {
      code: 'unknown-tag',
      severity: 'error',
      message: `Unknown tag ${tag}: neither a CloudFormation short form (!Ref, !GetAtt, !Sub, …) nor a standard YAML tag; the value is read as if untagged.`,
      span,
    };
  }
  if (problem instanceof YAMLWarning) return { code: 'parse-warning', severity: 'warning', message: problem.message, span };
  return { code: 'parse-error', severity: 'error', message: withHint(problem.message), span };
}

/** Standard YAML tags `yaml` knows; failing to resolve one means the value does not fit it. */
const STANDARD_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq', 'binary', 'timestamp', 'omap', 'pairs', 'set'].map((name) => `!!${name}`));

function shortTag(tag: string): string {
  return tag.replace(/^tag:yaml\.org,2002:/, '!!');
}

/** The Framework's js-yaml accepts some layouts YAML 1.2 rejects; say how to fix the common one. */
function withHint(message: string): string {
  if (/must be sufficiently indented/.test(message)) {
    return `${message} (a [ ] or { } value must be closed, and YAML 1.2 requires each of its lines, closing bracket included, to be indented more than its key; js-yaml, used by the Framework, tolerates the indentation)`;
  }
  return message;
}
