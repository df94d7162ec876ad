/**
 * The rule contract, ESLint-style: a rule is `{ meta, create(context) }`; `create` returns
 * listeners the engine calls during its single walk over a service's model.
 * Rules are pure functions of the model: they never read files or compute lines.
 */
import type { Path, Span } from '../load/node.js';
import type {
  FunctionModel,
  ManagedPolicyModel,
  RoleModel,
  RoleProperty,
  ServiceModel,
  StatementModel,
  TrustPrincipalModel,
} from '../synthesize/model.js';

export type RuleSeverity = 'off' | 'warn' | 'error';
export type FindingSeverity = 'error' | 'warning' | 'info';

export interface RuleMeta {
  /** Kebab-case id, equal to the file name `rules/<id>.ts` and the doc page `docs/rules/<id>.md`. */
  id: string;
  type: 'problem' | 'suggestion';
  /** One sentence, shown in SARIF and `--help`-like listings. */
  description: string;
  /** URL of the rule's doc page. */
  docs: string;
  /** messageId → text with `{{placeholders}}` filled from `report({ data })`. */
  messages: Record<string, string>;
  /** JSON schema of the options object (with `default`s); omitted when the rule has none. */
  schema?: Record<string, unknown>;
  /** Severity in each preset. */
  presets: { recommended: RuleSeverity; strict: RuleSeverity };
  /** What SARIF and GitHub code scanning need. */
  security: {
    /** 0.0–10.0, CVSS-like; GitHub maps ≥9 critical, ≥7 high, ≥4 medium, else low. */
    securitySeverity: number;
    precision: 'very-high' | 'high' | 'medium' | 'low';
    tags: string[];
  };
}

/** A place in the statement's written value, e.g. its `Resource` list item 2. */
export interface StatementPart {
  statement: StatementModel;
  key: string;
  index?: number;
}

/**
 * What a finding is about. The engine maps it to a source span: written statements and
 * values to where they were written, auto-grants to the setting that caused them, and
 * anything without a span to its closest ancestor that has one.
 */
export type ReportTarget =
  | StatementModel
  | StatementPart
  | ManagedPolicyModel
  | TrustPrincipalModel
  | RoleProperty
  | RoleModel
  | FunctionModel
  | ServiceModel
  | { path: Path };

export interface RelatedDescriptor {
  message: string;
  at: ReportTarget;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  at: ReportTarget;
  /** Function keys whose effective role this is about; defaults to the functions of `role`. */
  functions?: string[];
  /** The role the finding is about, when there is one (used for defaults and the fingerprint). */
  role?: RoleModel;
  related?: RelatedDescriptor[];
  /**
   * Caps this finding's severity below the rule's configured one (e.g. a rule configured
   * `error` that reports a "near the limit" case as a warning). The finding gets the lower
   * of the configured severity and this one; it never raises a `warn` rule to `error`.
   */
  severity?: 'warn' | 'error';
}

export interface RuleContext<Options = Record<string, unknown>> {
  readonly id: string;
  /** Options merged over the schema's defaults. */
  readonly options: Options;
  readonly service: ServiceModel;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleListeners {
  service?(service: ServiceModel): void;
  role?(role: RoleModel): void;
  statement?(statement: StatementModel, role: RoleModel): void;
  managedPolicy?(policy: ManagedPolicyModel, role: RoleModel): void;
  function?(fn: FunctionModel, role: RoleModel | undefined): void;
  /** After every other listener of the service ran: for rules that aggregate. */
  'service:exit'?(service: ServiceModel): void;
}

export interface Rule<Options = any> {
  meta: RuleMeta;
  create(context: RuleContext<Options>): RuleListeners;
}

/** Why the engine attached a related location (explicit ones from `report({ related })` are `note`). */
export type RelatedKind = 'note' | 'variable' | 'inherited' | 'auto-grant' | 'changed-by';

export interface RelatedLocation {
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Logical YAML path of the related place ('' when it has none, e.g. a comment). */
  path: string;
  /** `variable`: a `${…}` the reported value was reached through (inline directives there apply too). */
  kind?: RelatedKind;
}

/** One reported problem, located. This is also the JSON output contract (see README). */
export interface Finding {
  ruleId: string;
  messageId: string;
  severity: FindingSeverity;
  message: string;
  /** Absolute path of the file the reported node is written in (may be an included file). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Logical YAML path of the reported node, e.g. `provider.iam.role.statements[0].Resource`. */
  path: string;
  functions: string[];
  fingerprint: string;
  related: RelatedLocation[];
}

/** One enabled rule for `runRules`. */
export interface EnabledRule {
  rule: Rule;
  /**
   * Severity of the rule's findings. `off` only makes sense with `severityFor` (a rule that
   * config overrides enable for some functions only): findings without functions are dropped.
   */
  severity: RuleSeverity;
  /** User options; merged over the schema's defaults and validated by the runner. */
  options?: object;
  /**
   * Per-function severity (config overrides by function name). When given, a finding keeps
   * only the functions whose severity is not `off` (dropped when none is left) and takes the
   * most severe of theirs. Findings without functions keep `severity`.
   */
  severityFor?: (functionKey: string) => RuleSeverity;
}

/** Engine-made finding ids (not rules): see src/engine/README.md. */
export const ENGINE_RULE_IDS = [
  'internal-error',
  'parse-error',
  'config-error',
  'not-serverless-config',
  'framework-error',
  'unused-disable-directive',
  'missing-disable-justification',
] as const;
export type EngineRuleId = (typeof ENGINE_RULE_IDS)[number];

export type { Span };
