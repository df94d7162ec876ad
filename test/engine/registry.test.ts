import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { ENGINE_RULE_IDS } from '../../src/engine/types.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const ruleFiles = readdirSync(join(PROJECT_ROOT, 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3));

describe('rules/index.ts registry', () => {
  it('keys equal meta.id and name a rules/<id>.ts file', () => {
    for (const [id, rule] of Object.entries(rules)) {
      expect(rule.meta.id, `registry key ${id}`).toBe(id);
      expect(ruleFiles, `rules/${id}.ts`).toContain(id);
      expect(typeof rule.create, id).toBe('function');
    }
  });

  it('no rule takes an id the engine uses for its own findings', () => {
    for (const id of Object.keys(rules)) expect(ENGINE_RULE_IDS as readonly string[]).not.toContain(id);
  });

  it('registers every rule file', async () => {
    const missing: string[] = [];
    for (const id of ruleFiles) {
      const mod = (await import(/* @vite-ignore */ join(PROJECT_ROOT, 'rules', `${id}.ts`))) as { default?: { meta?: { id?: string } } };
      // Helper modules without a default-exported rule are not rules.
      if (mod.default?.meta?.id && !Object.hasOwn(rules, mod.default.meta.id)) missing.push(`rules/${id}.ts`);
    }
    expect(missing, 'add these to rules/index.ts').toEqual([]);
  });
});

describe('rule option defaults without user options', () => {
  it('match what ajv (useDefaults) gives for empty options, for every registered rule', async () => {
    const { resolveRuleOptions } = await import('../../src/engine/options.js');
    for (const [id, rule] of Object.entries(rules)) {
      const fast = resolveRuleOptions(rule, undefined);
      const compiled = resolveRuleOptions(rule, {});
      expect({ id, options: fast }).toEqual({ id, options: compiled });
      expect(Object.keys(fast), id).toEqual(Object.keys(compiled));
      // fresh copies: mutating one result does not change the next
      expect(resolveRuleOptions(rule, undefined), id).not.toBe(fast);
    }
  });
});
