export { ConfigError, didYouMean, formatKeyPath } from './errors.js';
export { ConfigFinder, SEARCH_PLACES, displayPath } from './load.js';
export { packageRoot, packageVersion, presetPath, configSchemaPath } from './package.js';
export { buildPreset, presetText, PRESET_LINTER_OPTIONS } from './presets.js';
export {
  ConfigResolver,
  DEFAULT_LINTER_OPTIONS,
  parseRuleFlags,
  rulesForFunction,
  type ConfigResolverOptions,
} from './resolve.js';
export { validateConfigData, loadConfigSchema, type RuleRegistry } from './validate.js';
export * from './types.js';
