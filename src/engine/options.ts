/** Rule options: the rule schema's defaults merged with the user's options, validated with ajv. */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Rule } from './types.js';

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
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
 * Options for `rule`: a copy of `userOptions` with the schema's `default`s filled in
 * (top-level `default` object first, then ajv's `useDefaults` for every property).
 * Throws RuleOptionsError when the options do not match the schema.
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
