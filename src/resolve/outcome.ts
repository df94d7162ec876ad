/** What one variable source yields, before fallbacks are applied. */
import type { Diagnostic, Node, Path, Span, ViaStep } from '../load/node.js';
import type { LiteralExpr } from './template.js';

/** A node reached by following variables, with the `${…}` sites passed on the way (outermost first). */
export interface Reached {
  node: Node;
  via: ViaStep[];
}

/** Where a variable is written: its text, span and the config path of the value holding it. */
export interface Site {
  text: string;
  span: Span;
  path?: Path;
}

/** How a source's unknown value is reported; absent when the cause was already reported. */
export interface Report {
  code: string;
  severity: Diagnostic['severity'];
}

export type Outcome =
  /** A node of the config or of an included file. */
  | { kind: 'found'; reached: Reached }
  /** A value from outside any file (environment, CLI options, settings). */
  | { kind: 'value'; value: string | number | boolean | null }
  /** A fallback literal written in the variable itself. */
  | { kind: 'literal'; literal: LiteralExpr }
  /** Nothing there: the next fallback is tried. */
  | { kind: 'missing'; reason: string }
  /** Cannot be known offline, or an error: no fallback is tried. */
  | { kind: 'unknown'; reason: string; report?: Report; at?: Site };

export const missing = (reason: string): Outcome => ({ kind: 'missing', reason });
export const value = (v: string | number | boolean | null): Outcome => ({ kind: 'value', value: v });

/** An offline source (ssm, cf, …): unknown, noted as info since nothing is wrong with the config. */
export const offline = (reason: string): Outcome => ({
  kind: 'unknown',
  reason,
  report: { code: 'unresolved-variable', severity: 'info' },
});

export const invalid = (reason: string, code = 'unresolved-variable'): Outcome => ({
  kind: 'unknown',
  reason,
  report: { code, severity: 'error' },
});
