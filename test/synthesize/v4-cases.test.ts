/**
 * Every hand-written reference case in shared/spec/v4-cases: load the .yml through the real
 * loader and resolver (stage dev, region us-east-1), synthesize, and compare with what
 * Framework v4.41 emitted (`<case>.v4.json`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { HAS_SHARED, sharedPath } from '../helpers/shared.js';
import { synthesize, toCloudFormation } from '../../src/synthesize/index.js';
import { canonical, json, loadService, roleShell, statementMultiset } from './helpers.js';

const dir = sharedPath('spec', 'v4-cases');
const cases = HAS_SHARED
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.yml'))
      .map((f) => f.replace(/\.yml$/, ''))
      .sort()
  : [];

const passed: string[] = [];

/** Text up to an inspected function object appended by util.format. */
function comparableMessage(message: string): string {
  const i = message.indexOf(' for function:  [');
  return i >= 0 ? message.slice(0, i + ' for function: '.length) : message;
}

describe.skipIf(!HAS_SHARED)('v4 reference cases', () => {
  afterAll(() => {
    console.log(`[v4-cases] ${passed.length}/${cases.length} cases match: ${passed.join(', ')}`);
  });

  for (const name of cases) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(`${dir}/${name}.v4.json`, 'utf8'));
      const model = synthesize(loadService(`${dir}/${name}.yml`, { stage: 'dev', region: 'us-east-1' }));
      expect(model.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      const actual = json(toCloudFormation(model));
      if (expected.error) {
        expect(actual.error, JSON.stringify(actual)).toBeDefined();
        expect(comparableMessage(actual.error.message)).toBe(comparableMessage(expected.error.message));
        passed.push(name);
        return;
      }
      expect(actual.error, actual.error?.message).toBeUndefined();
      expect(Object.keys(actual.roles).sort()).toEqual(Object.keys(expected.roles).sort());
      for (const id of Object.keys(expected.roles)) {
        expect(roleShell(actual.roles[id]), `role ${id}`).toEqual(roleShell(expected.roles[id]));
        expect(statementMultiset(actual.roles[id]), `statements of ${id}`).toEqual(statementMultiset(expected.roles[id]));
      }
      expect(Object.keys(actual.functions).sort()).toEqual(Object.keys(expected.functions).sort());
      for (const key of Object.keys(expected.functions)) {
        const exp = expected.functions[key];
        expect(actual.functions[key].roleLogicalId, `function ${key}`).toBe(exp.roleLogicalId);
        expect(canonical(actual.functions[key].role), `function ${key}`).toEqual(canonical(exp.role));
      }
      passed.push(name);
    });
  }
});
