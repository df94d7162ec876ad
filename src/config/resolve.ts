/**
 * Resolving the configuration of one service file: the nearest config file (or `--config`),
 * its `extends` chain, presets, overrides, ignores and CLI flags, flattened into a ResolvedConfig.
 *
 * Layer order, later wins:
 *   1. the root config's `extends` chain, depth first (no `extends` key and no `--preset`:
 *      `iamlint:recommended`; no config file at all: `iamlint:recommended`);
 *   2. `--preset NAME`;
 *   3. the root config's own `rules`, `settings`, `linterOptions`, then its `overrides` in order;
 *   4. `--rule id:severity` flags, then `--stage`/`--region` flags.
 * Each extended file contributes its own chain the same way (its `rules`, then its `overrides`).
 * Globs (`overrides[].files`, `ignores`) of every file of the chain are relative to the folder of
 * the root config (the one found for the service file, or `--config`).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import micromatch from 'micromatch';
import { ConfigError, didYouMean } from './errors.js';
import { ConfigFinder, displayPath, isRefusedConfigPath, parseJsonConfig } from './load.js';
import { isReallyInside, projectRootFor } from '../load/project-root.js';
import { presetPath } from './package.js';
import {
  PRESET_NAMES,
  type ConfigFileData,
  type FunctionOverride,
  type PresetName,
  type ResolvedConfig,
  type ResolvedLinterOptions,
  type ResolvedSettings,
  type RuleEntry,
  type RuleSetting,
  type RuleSettingPatch,
  type RuleSeverity,
} from './types.js';
import { validateConfigData, validateRules, type RuleRegistry } from './validate.js';

export interface ConfigResolverOptions {
  /** The rule registry (`rules/index.ts`), for rule ids and option schemas. */
  registry: RuleRegistry;
  /** Folder that relative paths (flags) are resolved against; default `process.cwd()`. */
  cwd?: string;
  /** `--config FILE`: use this file for every service file instead of searching. */
  configFile?: string;
  /** `--preset NAME`. */
  preset?: string;
  /** `--rule id:severity` (or `id:["warn",{…}]`) flags, as typed. */
  ruleFlags?: string[];
  /** `--stage` / `--region` flags. */
  settings?: { stage?: string; region?: string };
}

interface Layer {
  /** `iamlint:recommended`, or the absolute path of a config file. */
  name: string;
  /** Folder globs of this layer are relative to (null for presets and flags). */
  dir: string | null;
  data: ConfigFileData;
}

const PRESET_PREFIX = 'iamlint:';

export const DEFAULT_LINTER_OPTIONS: ResolvedLinterOptions = {
  reportUnusedDisableDirectives: 'off',
  requireJustification: false,
  noInlineConfig: false,
};

function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

function toPatch(entry: RuleEntry): RuleSettingPatch {
  if (!Array.isArray(entry)) return { severity: entry };
  return entry[1] === undefined ? { severity: entry[0] } : { severity: entry[0], options: entry[1] };
}

function applyPatch(prev: RuleSetting | undefined, patch: RuleSettingPatch): RuleSetting {
  const options = patch.options ?? prev?.options;
  return options === undefined ? { severity: patch.severity } : { severity: patch.severity, options };
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Like .gitignore: a glob without `/` matches the last path segment, any other the whole relative path. */
function globMatch(subject: string, globs: string[]): boolean {
  const base = subject.slice(subject.lastIndexOf('/') + 1);
  return globs.some((g) => micromatch.isMatch(g.includes('/') ? subject : base, g, { dot: true }));
}

/** Does `file` match globs written relative to `dir`? Files outside `dir` never match. */
function fileMatches(file: string, dir: string | null, globs: string[]): boolean {
  if (!dir) return false;
  const rel = relative(dir, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return false;
  return globMatch(toPosix(rel), globs);
}

/** The rules of a function: the file's rules with the matching function overrides applied in order. */
export function rulesForFunction(config: ResolvedConfig, functionKey: string): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = { ...config.rules };
  for (const o of config.functionOverrides) {
    if (!globMatch(functionKey, o.functions)) continue;
    for (const [id, patch] of Object.entries(o.rules)) out[id] = applyPatch(out[id], patch);
  }
  return out;
}

/** Parses `--rule` values: `id:severity` or `id:[severity, {options}]` (JSON). */
export function parseRuleFlags(flags: string[], registry: RuleRegistry): Record<string, RuleEntry> {
  const rules: Record<string, RuleEntry> = {};
  for (const flag of flags) {
    const m = /^\s*([^:\s]+)\s*:\s*(.+?)\s*$/s.exec(flag);
    if (!m) throw new ConfigError(`--rule ${JSON.stringify(flag)}: expected id:severity (severity: off, warn or error)`);
    const [, id, value] = m as unknown as [string, string, string];
    let entry: unknown = value;
    if (value.startsWith('[')) {
      try {
        entry = JSON.parse(value);
      } catch {
        throw new ConfigError(`--rule ${JSON.stringify(flag)}: invalid JSON after "${id}:"`);
      }
    }
    const sev = Array.isArray(entry) ? entry[0] : entry;
    if (sev !== 'off' && sev !== 'warn' && sev !== 'error') {
      throw new ConfigError(`--rule ${JSON.stringify(flag)}: expected severity off, warn or error, got ${JSON.stringify(sev)}`);
    }
    if (Array.isArray(entry) && (entry.length > 2 || (entry.length === 2 && (typeof entry[1] !== 'object' || entry[1] === null || Array.isArray(entry[1]))))) {
      throw new ConfigError(`--rule ${JSON.stringify(flag)}: expected [severity, {options}]`);
    }
    if (!Object.prototype.hasOwnProperty.call(registry, id)) {
      const hint = didYouMean(id, Object.keys(registry));
      throw new ConfigError(`--rule ${JSON.stringify(flag)}: unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
    }
    rules[id] = entry as RuleEntry;
  }
  validateRules(rules, registry, '', '--rule', ['rules']);
  return rules;
}

export class ConfigResolver {
  private readonly registry: RuleRegistry;
  private readonly cwd: string;
  private readonly finder: ConfigFinder;
  private readonly explicitConfig?: string;
  private readonly preset?: PresetName;
  private readonly flagRules: Record<string, RuleEntry>;
  private readonly flagSettings: { stage?: string; region?: string };
  private readonly chainCache = new Map<string, Layer[]>();
  private readonly rootCache = new Map<string, Layer[]>();

  constructor(options: ConfigResolverOptions) {
    this.registry = options.registry;
    this.cwd = options.cwd ?? process.cwd();
    this.finder = new ConfigFinder(this.cwd);
    if (options.preset !== undefined) {
      if (!isPresetName(options.preset)) {
        const hint = didYouMean(options.preset, PRESET_NAMES);
        throw new ConfigError(
          `--preset: unknown preset "${options.preset}"${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of: ${PRESET_NAMES.join(', ')}`,
        );
      }
      this.preset = options.preset;
    }
    if (options.configFile !== undefined) {
      this.explicitConfig = resolve(this.cwd, options.configFile);
      // Read (and validate) it now: a broken --config is a usage error even with nothing to lint.
      this.rootLayers(this.explicitConfig);
    }
    this.flagRules = parseRuleFlags(options.ruleFlags ?? [], this.registry);
    this.flagSettings = options.settings ?? {};
  }

  /** The config file that applies to a service file (absolute), or null. */
  configFileFor(file: string): string | null {
    if (this.explicitConfig) return this.explicitConfig;
    return this.finder.search(dirname(resolve(this.cwd, file)))?.filepath ?? null;
  }

  resolveConfigForFile(file: string): ResolvedConfig {
    const filePath = resolve(this.cwd, file);
    const configFile = this.configFileFor(filePath);
    const layers: Layer[] = configFile ? this.rootLayers(configFile) : this.presetLayers(this.preset ?? 'recommended');
    if (Object.keys(this.flagRules).length) layers.push({ name: '--rule', dir: null, data: { rules: this.flagRules } });

    const rules: Record<string, RuleSetting> = {};
    for (const id of Object.keys(this.registry).sort()) rules[id] = { severity: 'off' };
    const functionOverrides: FunctionOverride[] = [];
    const settings: ResolvedSettings = {};
    const linterOptions: ResolvedLinterOptions = { ...DEFAULT_LINTER_OPTIONS };
    let ignored = false;

    /** A file-level patch: applies to the file's rules and to earlier function overrides (it comes after them). */
    const patchFile = (entries: Record<string, RuleEntry>) => {
      for (const [id, entry] of Object.entries(entries)) {
        const patch = toPatch(entry);
        rules[id] = applyPatch(rules[id], patch);
        for (const fo of functionOverrides) {
          const prev = fo.rules[id];
          if (prev) fo.rules[id] = { severity: patch.severity, options: patch.options ?? prev.options };
        }
      }
    };

    for (const layer of layers) {
      const d = layer.data;
      if (d.ignores && fileMatches(filePath, layer.dir, d.ignores)) ignored = true;
      if (d.settings) {
        const s = d.settings;
        if (s.stage !== undefined) settings.stage = s.stage;
        if (s.region !== undefined) settings.region = s.region;
        if (s.accountId !== undefined) settings.accountId = s.accountId;
        if (s.params) settings.params = { ...settings.params, ...stringMap(s.params) };
        if (s.env) settings.env = { ...settings.env, ...stringMap(s.env) };
        if (s.maxFileBytes !== undefined) settings.maxFileBytes = s.maxFileBytes;
      }
      if (d.linterOptions) Object.assign(linterOptions, d.linterOptions);
      if (d.rules) patchFile(d.rules);
      d.overrides?.forEach((o, i) => {
        if (o.files && !fileMatches(filePath, layer.dir, o.files)) return;
        if (!o.functions) {
          patchFile(o.rules);
          return;
        }
        const patches: Record<string, RuleSettingPatch> = {};
        for (const [id, entry] of Object.entries(o.rules)) patches[id] = toPatch(entry);
        functionOverrides.push({ functions: [...o.functions], rules: patches, source: `${layer.name} overrides[${i}]` });
      });
    }
    if (this.flagSettings.stage !== undefined) settings.stage = this.flagSettings.stage;
    if (this.flagSettings.region !== undefined) settings.region = this.flagSettings.region;

    return {
      filePath,
      configFile,
      layers: layers.map((l) => l.name),
      ignored,
      rules,
      functionOverrides,
      settings,
      linterOptions,
    };
  }

  /** Layers of the root config: its chain with the implicit default / `--preset` in place. */
  private rootLayers(file: string): Layer[] {
    const cached = this.rootCache.get(file);
    if (cached) return [...cached];
    const { data, dir } = this.readConfigFile(file);
    const layers: Layer[] = [];
    if (data.extends === undefined) {
      if (!this.preset) layers.push(...this.presetLayers('recommended'));
    } else {
      layers.push(...this.extendsLayers(data, file, [file]));
    }
    if (this.preset) layers.push(...this.presetLayers(this.preset));
    const { extends: _e, ...own } = data;
    layers.push({ name: file, dir, data: own });
    // Globs of every file in the chain are relative to the folder of the config in use, so a
    // shared base config (`../shared/base.json`) means the same wherever it is extended from.
    const rooted = layers.map((l) => (l.dir === null ? l : { ...l, dir }));
    this.rootCache.set(file, rooted);
    return [...rooted];
  }

  private extendsLayers(data: ConfigFileData, file: string, stack: string[]): Layer[] {
    const refs = data.extends === undefined ? [] : Array.isArray(data.extends) ? data.extends : [data.extends];
    const out: Layer[] = [];
    refs.forEach((ref, i) => {
      const where = `${displayPath(file, this.cwd)}: extends${Array.isArray(data.extends) ? `[${i}]` : ''}`;
      if (ref.startsWith(PRESET_PREFIX)) {
        const name = ref.slice(PRESET_PREFIX.length);
        if (!isPresetName(name)) {
          const hint = didYouMean(name, PRESET_NAMES);
          throw new ConfigError(
            `${where}: unknown preset "${ref}"${hint ? ` (did you mean "${PRESET_PREFIX}${hint}"?)` : ''}; expected one of: ${PRESET_NAMES.map((n) => PRESET_PREFIX + n).join(', ')}`,
            file,
          );
        }
        out.push(...this.presetLayers(name));
        return;
      }
      if (!ref.startsWith('./') && !ref.startsWith('../') && !isAbsolute(ref)) {
        throw new ConfigError(
          `${where}: cannot resolve "${ref}" (expected "iamlint:recommended", "iamlint:strict" or a relative path such as "./base.iamlintrc.json")`,
          file,
        );
      }
      const target = resolve(dirname(file), ref);
      // Configs come with the repository, which may be an untrusted pull request: one must
      // not make iamlint read (and quote, in a parse error) files elsewhere on the machine.
      const root = projectRootFor(file, this.cwd);
      if (!isReallyInside(target, root)) {
        throw new ConfigError(
          `${where}: "${ref}" is outside the project (${displayPath(root, this.cwd)}); a config may only extend files of its own repository (give a shared config with --config instead)`,
          file,
        );
      }
      if (isRefusedConfigPath(target)) {
        throw new ConfigError(`${where}: "${ref}": JavaScript/TypeScript configs are not supported (JSON and YAML only)`, file);
      }
      if (stack.includes(target)) {
        const cycle = [...stack.slice(stack.indexOf(target)), target].map((f) => displayPath(f, this.cwd)).join(' → ');
        throw new ConfigError(`${where}: extends cycle: ${cycle}`, file);
      }
      out.push(...this.chainOf(target, [...stack, target], where));
    });
    return out;
  }

  /** All layers of an extended file: its own chain then itself. */
  private chainOf(file: string, stack: string[], where: string): Layer[] {
    const cached = this.chainCache.get(file);
    if (cached) return cached;
    let read: { data: ConfigFileData; dir: string };
    try {
      read = this.readConfigFile(file);
    } catch (e) {
      if (e instanceof ConfigError && /^cannot read config file/.test(e.message)) {
        throw new ConfigError(`${where}: cannot read "${displayPath(file, this.cwd)}"`, file);
      }
      throw e;
    }
    const { extends: _e, ...own } = read.data;
    const layers = [...this.extendsLayers(read.data, file, stack), { name: file, dir: read.dir, data: own }];
    this.chainCache.set(file, layers);
    return layers;
  }

  private readConfigFile(file: string): { data: ConfigFileData; dir: string } {
    const src = this.finder.load(file);
    const display = displayPath(src.filepath, this.cwd) + (src.filepath.endsWith('package.json') ? '#iamlint' : '');
    return { data: validateConfigData(src.config, this.registry, src.filepath, display), dir: dirname(src.filepath) };
  }

  private presetLayers(name: PresetName): Layer[] {
    const key = `${PRESET_PREFIX}${name}`;
    const cached = this.chainCache.get(key);
    if (cached) return cached;
    const file = presetPath(name);
    // Built-in presets are validated against the config schema and the rules by
    // test/config/presets.test.ts; skipping it here keeps ajv out of start-up.
    const data = (parseJsonConfig(file, readFileSync(file, 'utf8')) ?? {}) as ConfigFileData;
    const layers = [{ name: key, dir: null, data }];
    this.chainCache.set(key, layers);
    return layers;
  }
}

function stringMap(m: Record<string, string | number | boolean>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = String(v);
  return out;
}

export type { RuleSeverity };
