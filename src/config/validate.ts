/** Validation of config data against schema/iamlintrc.schema.json and of rule options against each rule's `meta.schema`. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { RuleMeta } from '../engine/types.js';
import { ConfigError, didYouMean, formatKeyPath, pointerToSegments } from './errors.js';
import { configSchemaPath } from './package.js';
import type { ConfigFileData, RuleEntry } from './types.js';

// ajv (~40 ms to load) is required on first use: runs without user options or config files never need it.
const loadAjv = (): typeof Ajv => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv;

/** What the config stage needs to know about rules: their meta (the registry's `Rule` objects qualify). */
export type RuleRegistry = Readonly<Record<string, { meta: RuleMeta }>>;

type Seg = string | number;

let configValidator: ValidateFunction | undefined;
let configSchema: Record<string, unknown> | undefined;

export function loadConfigSchema(): Record<string, unknown> {
  return (configSchema ??= JSON.parse(readFileSync(configSchemaPath(), 'utf8')) as Record<string, unknown>);
}

function getConfigValidator(): ValidateFunction {
  if (!configValidator) {
    const ajv = new (loadAjv())({ allErrors: true, verbose: true, strict: true, strictTuples: false, allowUnionTypes: true });
    configValidator = ajv.compile(loadConfigSchema());
  }
  return configValidator;
}

let optionsAjv: Ajv | undefined;
const optionValidators = new WeakMap<RuleMeta, ValidateFunction>();

function optionsValidator(meta: RuleMeta): ValidateFunction | undefined {
  if (!meta.schema) return undefined;
  let v = optionValidators.get(meta);
  if (!v) {
    const { $schema: _ignored, $id: _id, ...schema } = meta.schema as Record<string, unknown>;
    optionsAjv ??= new (loadAjv())({ allErrors: true, verbose: true, strict: false, useDefaults: false });
    v = optionsAjv.compile(schema);
    optionValidators.set(meta, v);
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

function isRuleEntryPath(segs: Seg[]): boolean {
  const n = segs.length;
  if (n < 2 || segs[n - 2] !== 'rules') return false;
  return n === 2 || (n === 4 && segs[0] === 'overrides' && typeof segs[1] === 'number');
}

interface Problem {
  segs: Seg[];
  message: string;
}

function describe(err: ErrorObject, data: unknown, segs: Seg[]): Problem {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const known = Object.keys(((err.parentSchema as Record<string, unknown> | undefined)?.properties as object) ?? {});
      const hint = didYouMean(key, known);
      const expected = known.length ? `expected one of: ${known.join(', ')}` : 'no keys allowed here';
      return { segs: [...segs, key], message: `unknown key${hint ? ` (did you mean "${hint}"?)` : ` (${expected})`}` };
    }
    case 'required':
      return { segs: [...segs, String(p.missingProperty)], message: 'is required' };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(show).join(', ');
      if (isRuleEntryPath(segs) || (segs.length >= 3 && isRuleEntryPath(segs.slice(0, -1)) && segs.at(-1) === 0))
        return {
          segs,
          message: `expected a severity ("off", "warn" or "error") or [severity, options], got ${typeof err.data === 'string' ? show(err.data) : typeName(err.data)}`,
        };
      return { segs, message: `expected one of ${allowed}, got ${show(err.data)}` };
    }
    case 'type':
      if (isRuleEntryPath(segs))
        return { segs, message: `expected a severity ("off", "warn" or "error") or [severity, options], got ${typeName(err.data)}` };
      return { segs, message: `expected ${String(p.type).replace(/,/g, ' or ')}, got ${typeName(err.data)}` };
    case 'minItems':
      return { segs, message: `expected at least ${String(p.limit)} item(s)` };
    case 'maxItems':
    case 'additionalItems':
      return { segs, message: `expected at most ${String(p.limit)} item(s)` };
    case 'minLength':
      return { segs, message: p.limit === 1 ? 'must not be empty' : `expected at least ${String(p.limit)} characters` };
    case 'pattern':
      return { segs, message: `expected a string matching ${String(p.pattern)}, got ${show(err.data)}` };
    default:
      return { segs, message: err.message ?? `invalid (${err.keyword})` };
  }
}

/** The most useful of ajv's errors: skip anyOf summaries, prefer the deepest path, then non-`type` errors. */
function bestProblem(errors: ErrorObject[], data: unknown, prefix: Seg[]): Problem {
  const candidates = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const pool = candidates.length ? candidates : errors;
  const scored = pool.map((e) => {
    const segs = pointerToSegments(e.instancePath, data);
    const depth = segs.length + (e.keyword === 'additionalProperties' || e.keyword === 'required' ? 1 : 0);
    // At one place: a structural error (from the alternative whose type matched) beats an enum
    // mismatch, which beats a plain type mismatch.
    return { e, segs, score: depth * 10 + (e.keyword === 'type' ? 0 : e.keyword === 'enum' ? 1 : 2) };
  });
  scored.sort((a, b) => b.score - a.score);
  const top = scored[0]!;
  // Several `type` alternatives at the same place: "expected string or array".
  if (top.e.keyword === 'type') {
    const same = scored.filter((s) => s.e.keyword === 'type' && s.e.instancePath === top.e.instancePath);
    const types = [...new Set(same.map((s) => String((s.e.params as { type: string }).type)))];
    if (types.length > 1 && !isRuleEntryPath(top.segs)) {
      return { segs: [...prefix, ...top.segs], message: `expected ${types.join(' or ')}, got ${typeName(top.e.data)}` };
    }
  }
  const p = describe(top.e, data, top.segs);
  return { segs: [...prefix, ...p.segs], message: p.message };
}

function fail(file: string, display: string, problem: Problem): never {
  const keyPath = formatKeyPath(problem.segs) || '(root)';
  throw new ConfigError(`${display}: ${keyPath}: ${problem.message}`, file, keyPath);
}

function entryParts(entry: RuleEntry): { severity: string; options?: Record<string, unknown> } {
  return Array.isArray(entry) ? { severity: entry[0], options: entry[1] } : { severity: entry };
}

/** Checks rule ids and rule options of one `rules` object (at `prefix`). */
export function validateRules(
  rules: Record<string, RuleEntry>,
  registry: RuleRegistry,
  file: string,
  display: string,
  prefix: Seg[],
): void {
  for (const [id, entry] of Object.entries(rules)) {
    const rule = Object.prototype.hasOwnProperty.call(registry, id) ? registry[id] : undefined;
    if (!rule) {
      const hint = didYouMean(id, Object.keys(registry));
      fail(file, display, {
        segs: [...prefix, id],
        message: `unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
    }
    const { options } = entryParts(entry);
    if (options === undefined) continue;
    const validate = optionsValidator(rule.meta);
    if (!validate) {
      if (Object.keys(options).length) {
        fail(file, display, { segs: [...prefix, id, 1], message: `rule "${id}" takes no options` });
      }
      continue;
    }
    if (!validate(options)) fail(file, display, bestProblem(validate.errors ?? [], options, [...prefix, id, 1]));
  }
}

/**
 * Validates the content of one config file; returns it typed. Throws ConfigError with the key path.
 * `undefined` (an empty file) is an empty config.
 */
export function validateConfigData(
  data: unknown,
  registry: RuleRegistry,
  file: string,
  display: string,
): ConfigFileData {
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`${display}: expected an object of settings, got ${typeName(data)}`, file, '(root)');
  }
  const validate = getConfigValidator();
  if (!validate(data)) fail(file, display, bestProblem(validate.errors ?? [], data, []));
  const config = data as ConfigFileData;
  if (config.rules) validateRules(config.rules, registry, file, display, ['rules']);
  config.overrides?.forEach((o, i) => {
    if (!o.files && !o.functions) {
      fail(file, display, { segs: ['overrides', i], message: 'expected "files" and/or "functions"' });
    }
    validateRules(o.rules, registry, file, display, ['overrides', i, 'rules']);
  });
  return config;
}
