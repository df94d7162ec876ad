/** Rule options: the rule schema's defaults merged with the user's options, validated with ajv. */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { Rule } from './types.js';

// ajv (~40 ms to load) is required on first use: runs without user options or config files never need it.
const loadAjv = (): typeof Ajv => (createRequire(import.meta.url)('ajv') as typeof import('ajv')).Ajv;

let ajvInstance: Ajv | undefined;
const getAjv = () => (ajvInstance ??= new (loadAjv())({ useDefaults: true, allErrors: true, strict: false }));
const compiled = new WeakMap<object, ValidateFunction>();

export class RuleOptionsError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RuleOptionsError';
  }
}

function clone<T>(value: T): T {
  return value === undefined ? value : (structuredClone(value) as T);
}

/**
 * What ajv's `useDefaults` does for options without user values, without compiling the schema:
 * each top-level `properties[key].default` (a fresh copy) fills a missing (`undefined`) key,
 * in `properties` order. Not validated: with no user options there is nothing to check that the
 * rule tests do not already check (they resolve `{}` through ajv).
 */
function withTopLevelDefaults(schema: object, merged: Record<string, unknown>): Record<string, unknown> {
  const props = (schema as { properties?: unknown }).properties;
  if (!props || typeof props !== 'object') return merged;
  for (const [key, sub] of Object.entries(props as Record<string, unknown>)) {
    if (!sub || typeof sub !== 'object' || !('default' in sub)) continue;
    const def = (sub as { default: unknown }).default;
    if (def !== undefined && merged[key] === undefined) merged[key] = clone(def);
  }
  return merged;
}

/**
 * Options for `rule`: a copy of `userOptions` with the schema's `default`s filled in
 * (top-level `default` object first, then ajv's `useDefaults` for every property).
 * Throws RuleOptionsError when the options do not match the schema. Without user options
 * (`undefined`) the defaults are taken from the schema without compiling it; ajv compiles
 * (once per schema) only when there are user options.
 */
export function resolveRuleOptions(rule: Rule, userOptions: object | undefined): Record<string, unknown> {
  const schema = rule.meta.schema;
  const user = clone(userOptions ?? {}) as Record<string, unknown>;
  if (user === null || typeof user !== 'object' || Array.isArray(user)) {
    throw new RuleOptionsError(rule.meta.id, `options of rule "${rule.meta.id}" must be an object`);
  }
  if (!schema) {
    if (Object.keys(user).length > 0) {
      throw new RuleOptionsError(rule.meta.id, `rule "${rule.meta.id}" takes no options`);
    }
    return user;
  }
  const rootDefault = schema.default;
  const merged =
    rootDefault && typeof rootDefault === 'object' && !Array.isArray(rootDefault)
      ? { ...(clone(rootDefault) as Record<string, unknown>), ...user }
      : user;
  if (userOptions === undefined) return withTopLevelDefaults(schema, merged);
  const ajv = getAjv();
  let validate = compiled.get(schema);
  if (!validate) {
    try {
      validate = ajv.compile(schema);
    } catch (e) {
      throw new RuleOptionsError(rule.meta.id, `schema of rule "${rule.meta.id}" is invalid: ${(e as Error).message}`);
    }
    compiled.set(schema, validate);
  }
  if (!validate(merged)) {
    const text = ajv.errorsText(validate.errors, { dataVar: 'options' });
    throw new RuleOptionsError(rule.meta.id, `invalid options for rule "${rule.meta.id}": ${text}`);
  }
  return merged;
}
