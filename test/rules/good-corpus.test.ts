/**
 * The "good templates" check (as cfn-lint keeps them): well-written services under
 * test/fixtures/good/<name>/serverless.yml on which every rule of the registry, with the strict
 * preset's semantics, reports nothing — nor does the engine (no parse, config or framework errors).
 *
 * A rule change that makes one of these fire is a false positive to fix in the rule. A fixture is
 * changed only when the rule is right: then it moves to the least-privilege form.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { PRESET_LINTER_OPTIONS } from '../../src/config/presets.js';
import { lintFile, type RuleSetting } from '../../src/engine/lint.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const GOOD = join(PROJECT_ROOT, 'test/fixtures/good');
const services = readdirSync(GOOD).filter((name) => statSync(join(GOOD, name)).isDirectory()).sort();

/** Every rule on, at its strict severity (a rule the strict preset leaves off still runs, as a warning). */
const strictRules: Record<string, RuleSetting> = Object.fromEntries(
  Object.entries(rules).map(([id, rule]) => [id, { severity: rule.meta.presets.strict === 'off' ? 'warn' : rule.meta.presets.strict }]),
);

describe('good corpus', () => {
  it('has the services the brief asks for', () => {
    expect(services.length).toBeGreaterThanOrEqual(5);
    expect(services.length).toBeLessThanOrEqual(8);
  });

  it.each(services)('%s: no rule reports anything', async (name) => {
    const dir = join(GOOD, name);
    const result = await lintFile(join(dir, 'serverless.yml'), {
      registry: rules,
      rules: strictRules,
      loadOptions: { env: {}, projectRoot: dir },
      linterOptions: PRESET_LINTER_OPTIONS.strict,
    });
    const shown = result.findings.map((f) => `${f.ruleId} ${f.path} (line ${f.line}): ${f.message}`);
    expect(shown).toEqual([]);
    expect(result.internalError).toBe(false);
    // The service really was read and synthesized (an empty model would pass trivially).
    expect(result.model?.functions.length).toBeGreaterThan(0);
    expect(result.model?.roles.some((role) => role.functions.length > 0 && role.statements.length > 0)).toBe(true);
  });
});
