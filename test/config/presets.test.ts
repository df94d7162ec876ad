/**
 * presets/*.json must agree with every rule's meta.presets.
 * Regenerate them from the registry with:  IAMLINT_WRITE_PRESETS=1 npx vitest run test/config/presets.test.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { ConfigResolver, PRESET_NAMES, buildPreset, presetPath, presetText, validateConfigData } from '../../src/config/index.js';

if (process.env.IAMLINT_WRITE_PRESETS) {
  for (const name of PRESET_NAMES) writeFileSync(presetPath(name), presetText(rules, name));
}

describe.each(PRESET_NAMES)('presets/%s.json', (name) => {
  const file = JSON.parse(readFileSync(presetPath(name), 'utf8')) as ReturnType<typeof buildPreset>;

  it('lists every registered rule with the severity of its meta.presets (regenerate: IAMLINT_WRITE_PRESETS=1)', () => {
    expect(Object.keys(file.rules ?? {}).sort()).toEqual(Object.keys(rules).sort());
    for (const [id, rule] of Object.entries(rules)) {
      expect({ id, severity: file.rules?.[id] }).toEqual({ id, severity: rule.meta.presets[name] });
    }
    expect(file).toEqual(buildPreset(rules, name));
  });

  it('is valid against the config schema and the rules (not checked at run time)', () => {
    expect(() => validateConfigData(structuredClone(file), rules, presetPath(name), `iamlint:${name}`)).not.toThrow();
  });

  it('is a valid config', () => {
    const resolver = new ConfigResolver({ registry: rules, preset: name, cwd: '/' });
    const config = resolver.resolveConfigForFile('/nonexistent-iamlint-dir/serverless.yml');
    expect(config.layers).toEqual([`iamlint:${name}`]);
    for (const [id, rule] of Object.entries(rules)) expect(config.rules[id]!.severity).toBe(rule.meta.presets[name]);
  });
});

describe('strict preset', () => {
  it('turns every rule on, reports unused directives as errors and requires justifications', () => {
    const strict = buildPreset(rules, 'strict');
    for (const [id, severity] of Object.entries(strict.rules ?? {})) expect({ id, severity }).not.toEqual({ id, severity: 'off' });
    expect(strict.linterOptions).toMatchObject({ reportUnusedDisableDirectives: 'error', requireJustification: true });
  });

  it('is at least as severe as recommended for every rule', () => {
    const rank = { off: 0, warn: 1, error: 2 } as const;
    for (const [id, rule] of Object.entries(rules)) {
      expect({ id, ok: rank[rule.meta.presets.strict] >= rank[rule.meta.presets.recommended] }).toEqual({ id, ok: true });
    }
  });
});
