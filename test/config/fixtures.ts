import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll } from 'vitest';
import { dirname, join } from 'node:path';
import { rules } from '../../rules/index.js';
import type { Rule, RuleMeta } from '../../src/engine/types.js';

const created: string[] = [];
// Registered on the importing test file's top-level suite (this module is evaluated per test file).
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder with these files (and a package.json at its root, so config search stops there). */
export function makeTree(files: Record<string, string | object>, withPackageJson = true): string {
  const root = mkdtempSync(join(tmpdir(), 'iamlint-test-'));
  created.push(root);
  const all: Record<string, string | object> = withPackageJson ? { 'package.json': { name: 'fixture' }, ...files } : files;
  for (const [rel, content] of Object.entries(all)) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

function fakeRule(id: string, schema?: Record<string, unknown>): Rule {
  const meta: RuleMeta = {
    id,
    type: 'problem',
    description: `test rule ${id}`,
    docs: `https://example.invalid/${id}`,
    messages: { m: 'message' },
    presets: { recommended: 'off', strict: 'off' },
    security: { securitySeverity: 1, precision: 'low', tags: [] },
  };
  if (schema) meta.schema = schema;
  return { meta, create: () => ({}) };
}

/** The real registry plus two rules with known option schemas (absent from the presets: off by default). */
export const registry: Record<string, Rule> = {
  ...rules,
  'test-options': fakeRule('test-options', {
    type: 'object',
    properties: {
      allow: { type: 'array', items: { type: 'string' } },
      max: { type: 'integer', minimum: 1 },
    },
    additionalProperties: false,
  }),
  'test-plain': fakeRule('test-plain'),
};

export const REAL_RULE_IDS = Object.keys(rules);
