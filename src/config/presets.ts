/**
 * Presets are data files (`presets/<name>.json`) in the config format. They must agree with
 * every rule's `meta.presets`; `buildPreset` computes the expected content from the registry
 * (test/config/presets.test.ts checks the files, and rewrites them with IAMLINT_WRITE_PRESETS=1).
 */
import type { ConfigFileData, PresetName, ResolvedLinterOptions } from './types.js';
import type { RuleRegistry } from './validate.js';

export const PRESET_LINTER_OPTIONS: Record<PresetName, ResolvedLinterOptions> = {
  recommended: { reportUnusedDisableDirectives: 'warn', requireJustification: false, noInlineConfig: false },
  strict: { reportUnusedDisableDirectives: 'error', requireJustification: true, noInlineConfig: false },
};

/** The content `presets/<name>.json` must have for this registry (rule ids sorted). */
export function buildPreset(registry: RuleRegistry, name: PresetName): ConfigFileData {
  const rules: Record<string, 'off' | 'warn' | 'error'> = {};
  for (const id of Object.keys(registry).sort()) rules[id] = registry[id]!.meta.presets[name];
  return { $schema: '../schema/iamlintrc.schema.json', rules, linterOptions: { ...PRESET_LINTER_OPTIONS[name] } };
}

export function presetText(registry: RuleRegistry, name: PresetName): string {
  return `${JSON.stringify(buildPreset(registry, name), null, 2)}\n`;
}
