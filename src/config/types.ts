import type { RuleSeverity } from '../engine/types.js';

export type { RuleSeverity };

/** A rule setting as written: a severity, or `[severity, options]`. */
export type RuleEntry = RuleSeverity | [RuleSeverity] | [RuleSeverity, Record<string, unknown>];

export interface OverrideConfig {
  /** Service files the override applies to: globs relative to the declaring config's folder. */
  files?: string[];
  /** Function keys the override applies to (globs). */
  functions?: string[];
  rules: Record<string, RuleEntry>;
}

export interface SettingsConfig {
  stage?: string;
  region?: string;
  accountId?: string;
  params?: Record<string, string | number | boolean>;
  env?: Record<string, string | number | boolean>;
  /** Larger service files and includes are skipped with `file-too-large` (default 5 MiB). */
  maxFileBytes?: number;
}

export interface LinterOptionsConfig {
  reportUnusedDisableDirectives?: RuleSeverity;
  requireJustification?: boolean;
  noInlineConfig?: boolean;
}

/** The content of one config file (`.iamlintrc*`, `package.json#iamlint`, a preset), as validated. */
export interface ConfigFileData {
  $schema?: string;
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  overrides?: OverrideConfig[];
  ignores?: string[];
  settings?: SettingsConfig;
  linterOptions?: LinterOptionsConfig;
}

/** A rule's effective setting. `options` is what the configs wrote (schema defaults are applied by the engine). */
export interface RuleSetting {
  severity: RuleSeverity;
  options?: Record<string, unknown>;
}

/** A partial setting from a later layer: a severity-only entry keeps the earlier options. */
export interface RuleSettingPatch {
  severity: RuleSeverity;
  options?: Record<string, unknown>;
}

export interface ResolvedSettings {
  stage?: string;
  region?: string;
  accountId?: string;
  params?: Record<string, string>;
  env?: Record<string, string>;
  maxFileBytes?: number;
}

export interface ResolvedLinterOptions {
  reportUnusedDisableDirectives: RuleSeverity;
  requireJustification: boolean;
  noInlineConfig: boolean;
}

/** Rule settings for the functions whose key matches one of `functions`, applied over the file's `rules`. */
export interface FunctionOverride {
  functions: string[];
  rules: Record<string, RuleSettingPatch>;
  /** Where it was written, e.g. `/abs/.iamlintrc.json overrides[2]`. */
  source: string;
}

/** Everything iamlint needs to lint one service file; `--print-config FILE` prints it. */
export interface ResolvedConfig {
  /** The service file this config is for (absolute). */
  filePath: string;
  /** The config file that applies (absolute), or null when none was found (defaults or `--preset`). */
  configFile: string | null;
  /** Every config layer that was applied, in order: preset names and absolute file paths. */
  layers: string[];
  /** True when an `ignores` glob matches the file: it is not linted. */
  ignored: boolean;
  /** Rule id → effective setting for the file (before per-function overrides), every registered rule. */
  rules: Record<string, RuleSetting>;
  /** Per-function overrides that apply to this file, in order. Use `rulesForFunction` to combine. */
  functionOverrides: FunctionOverride[];
  settings: ResolvedSettings;
  linterOptions: ResolvedLinterOptions;
}

/** Names of the presets shipped in `presets/`. */
export const PRESET_NAMES = ['recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];
