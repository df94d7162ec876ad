/** The engine: runs rules over a service model, locates and suppresses findings, lints files. */
export type * from './types.js';
export { ENGINE_RULE_IDS } from './types.js';
export { runRules, runRulesDetailed, interpolate, collapse, compareFindings, isInternalError, type RunOptions, type RunResult } from './runner.js';
export { locate, spanAt, targetPath, type Located, type SourceLocation } from './locate.js';
export { resolveRuleOptions, RuleOptionsError } from './options.js';
export { classifyDiagnostic, diagnosticsToFindings, frameworkFailureFinding, PARSE_ERROR_CODES } from './diagnostics.js';
export {
  applyDirectives,
  parseDirectives,
  parseDirectiveBody,
  UNSUPPRESSIBLE,
  type Directive,
  type DirectiveKind,
  type DirectiveResult,
  type LinterOptions,
} from './directives.js';
export { lintFile, enabledRules, type FileResult, type LintFileOptions, type RuleSetting, type FunctionOverride } from './lint.js';
export { completePipeline, realPipeline, type Pipeline } from './pipeline.js';
