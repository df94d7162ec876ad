import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  ConfigResolver,
  rulesForFunction,
  type ResolvedConfig,
} from '../../src/config/index.js';
import { makeTree, registry, REAL_RULE_IDS } from './fixtures.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const recommended = JSON.parse(readFileSync(join(ROOT, 'presets/recommended.json'), 'utf8')) as {
  rules: Record<string, string>;
};
const strict = JSON.parse(readFileSync(join(ROOT, 'presets/strict.json'), 'utf8')) as {
  rules: Record<string, string>;
};

function resolveIn(root: string, file = 'serverless.yml', opts: Partial<ConstructorParameters<typeof ConfigResolver>[0]> = {}): ResolvedConfig {
  return new ConfigResolver({ registry, cwd: root, ...opts }).resolveConfigForFile(join(root, file));
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config discovery', () => {
  const sources: Array<[string, string | object]> = [
    ['.iamlintrc', 'rules:\n  test-plain: warn\n'],
    ['.iamlintrc.json', { rules: { 'test-plain': 'warn' } }],
    ['.iamlintrc.yaml', 'rules:\n  test-plain: warn\n'],
    ['.iamlintrc.yml', 'rules: { test-plain: warn }\n'],
  ];
  it.each(sources)('finds %s', (name, content) => {
    const root = makeTree({ [name]: content });
    const config = resolveIn(root);
    expect(config.configFile).toBe(join(root, name));
    expect(config.rules['test-plain']).toEqual({ severity: 'warn' });
  });

  it('finds package.json#iamlint', () => {
    const root = makeTree({ 'package.json': { name: 'x', iamlint: { rules: { 'test-plain': 'error' } } } }, false);
    const config = resolveIn(root);
    expect(config.configFile).toBe(join(root, 'package.json'));
    expect(config.rules['test-plain']).toEqual({ severity: 'error' });
  });

  it('skips a package.json without an iamlint key and an empty .iamlintrc.json', () => {
    const root = makeTree({ 'package.json': { name: 'x' }, '.iamlintrc.json': '' }, false);
    expect(resolveIn(root).configFile).toBeNull();
  });

  it('prefers package.json#iamlint, then .iamlintrc, .json, .yaml, .yml in one folder', () => {
    const root = makeTree({ '.iamlintrc.yaml': 'rules: {}', '.iamlintrc.json': '{}' });
    expect(resolveIn(root).configFile).toBe(join(root, '.iamlintrc.json'));
  });

  it('searches upwards from the service file up to the folder with package.json', () => {
    const root = makeTree({ '.iamlintrc.json': { rules: { 'test-plain': 'warn' } }, 'services/a/serverless.yml': '' });
    expect(resolveIn(root, 'services/a/serverless.yml').configFile).toBe(join(root, '.iamlintrc.json'));
    const inner = makeTree({ '.iamlintrc.json': {}, 'svc/package.json': { name: 'svc' }, 'svc/serverless.yml': '' });
    expect(resolveIn(inner, 'svc/serverless.yml').configFile).toBeNull();
  });

  it('the nearest config wins', () => {
    const root = makeTree({
      '.iamlintrc.json': { rules: { 'test-plain': 'warn' } },
      'b/.iamlintrc.yml': 'rules: { test-plain: error }',
    });
    expect(resolveIn(root, 'a/serverless.yml').rules['test-plain']!.severity).toBe('warn');
    expect(resolveIn(root, 'b/serverless.yml').rules['test-plain']!.severity).toBe('error');
  });

  it('--config overrides the search', () => {
    const root = makeTree({ '.iamlintrc.json': { rules: { 'test-plain': 'warn' } }, 'other.yaml': 'rules: { test-plain: error }' });
    const config = resolveIn(root, 'serverless.yml', { configFile: 'other.yaml' });
    expect(config.configFile).toBe(join(root, 'other.yaml'));
    expect(config.rules['test-plain']!.severity).toBe('error');
  });

  it('--config FILE that does not exist is an error', () => {
    const root = makeTree({});
    expect(configError(() => resolveIn(root, 'serverless.yml', { configFile: 'nope.json' })).message).toMatch(/cannot read config file nope\.json/);
  });

  it('no config: the recommended preset', () => {
    const root = makeTree({});
    const config = resolveIn(root);
    expect(config.configFile).toBeNull();
    expect(config.layers).toEqual(['iamlint:recommended']);
    for (const id of REAL_RULE_IDS) expect(config.rules[id]!.severity).toBe(recommended.rules[id]);
    expect(config.linterOptions).toEqual({ reportUnusedDisableDirectives: 'warn', requireJustification: false, noInlineConfig: false });
  });

  it('--preset strict replaces the default', () => {
    const root = makeTree({});
    const config = resolveIn(root, 'serverless.yml', { preset: 'strict' });
    expect(config.layers).toEqual(['iamlint:strict']);
    for (const id of REAL_RULE_IDS) expect(config.rules[id]!.severity).toBe(strict.rules[id]);
    expect(config.linterOptions).toEqual({ reportUnusedDisableDirectives: 'error', requireJustification: true, noInlineConfig: false });
  });

  it('--preset: unknown name', () => {
    expect(configError(() => new ConfigResolver({ registry, preset: 'strcit' })).message).toMatch(
      /--preset: unknown preset "strcit" \(did you mean "strict"\?\)/,
    );
  });
});

describe('never loads JavaScript', () => {
  const marker = (root: string) => join(root, 'MARKER');
  const evil = (root: string) => `require('fs').writeFileSync(${JSON.stringify(marker(root))}, 'x'); module.exports = { rules: {} };`;

  it('does not load .iamlintrc.js, iamlint.config.js, .config/iamlintrc.js or a cosmiconfig meta config', async () => {
    const root = makeTree({});
    mkdirSync(join(root, '.config'));
    for (const f of ['.iamlintrc.js', '.iamlintrc.cjs', 'iamlint.config.js', '.config/iamlintrc.js', '.config/config.js', '.iamlintrc.ts']) {
      writeFileSync(join(root, f), evil(root));
    }
    const cwd = process.cwd();
    process.chdir(root); // cosmiconfig's meta config is searched in the working folder
    try {
      const config = resolveIn(root);
      expect(config.configFile).toBeNull();
    } finally {
      process.chdir(cwd);
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(marker(root))).toBe(false);
  });

  it('--config x.js and extends ./x.js are refused without running them', () => {
    const root = makeTree({ '.iamlintrc.json': { extends: './base.js' } });
    writeFileSync(join(root, 'base.js'), evil(root));
    writeFileSync(join(root, 'cfg.cjs'), evil(root));
    expect(configError(() => resolveIn(root, 'serverless.yml', { configFile: 'cfg.cjs' })).message).toMatch(
      /JavaScript\/TypeScript config files are not supported/,
    );
    expect(configError(() => resolveIn(root)).message).toMatch(/extends: "\.\/base\.js": JavaScript\/TypeScript configs are not supported/);
    expect(existsSync(marker(root))).toBe(false);
  });

  it('$import (a cosmiconfig feature) is refused', () => {
    const root = makeTree({ '.iamlintrc.json': { $import: './other.json' }, 'other.json': {} });
    expect(configError(() => resolveIn(root)).message).toMatch(/\$import: not supported \(use "extends"\)/);
  });
});

describe('extends', () => {
  it('applies a chain depth first, presets included, the extending file last', () => {
    const root = makeTree({
      '.iamlintrc.json': { extends: ['./team.yaml'], rules: { 'test-plain': 'warn' } },
      'team.yaml': 'extends: [iamlint:strict, ./base.json]\nrules:\n  test-options: [warn, { max: 3 }]\n',
      'base.json': { rules: { 'test-options': ['error', { max: 1 }], 'test-plain': 'error' } },
    });
    const config = resolveIn(root);
    expect(config.layers).toEqual(['iamlint:strict', join(root, 'base.json'), join(root, 'team.yaml'), join(root, '.iamlintrc.json')]);
    expect(config.rules['test-options']).toEqual({ severity: 'warn', options: { max: 3 } });
    expect(config.rules['test-plain']).toEqual({ severity: 'warn' });
    for (const id of REAL_RULE_IDS) expect(config.rules[id]!.severity).toBe(strict.rules[id]);
  });

  it('a config without extends builds on recommended; extends: [] on nothing', () => {
    const rootA = makeTree({ '.iamlintrc.json': { rules: {} } });
    expect(resolveIn(rootA).layers).toEqual(['iamlint:recommended', join(rootA, '.iamlintrc.json')]);
    const rootB = makeTree({ '.iamlintrc.json': { extends: [] } });
    const b = resolveIn(rootB);
    expect(b.layers).toEqual([join(rootB, '.iamlintrc.json')]);
    for (const id of REAL_RULE_IDS) expect(b.rules[id]!.severity).toBe('off');
  });

  it('--preset comes after the extends chain and before the config own rules', () => {
    const root = makeTree({ '.iamlintrc.json': { extends: './base.json', rules: { 'test-plain': 'warn' } }, 'base.json': {} });
    const config = resolveIn(root, 'serverless.yml', { preset: 'strict' });
    expect(config.layers).toEqual([join(root, 'base.json'), 'iamlint:strict', join(root, '.iamlintrc.json')]);
  });

  it('detects cycles', () => {
    const root = makeTree({
      '.iamlintrc.json': { extends: './a.json' },
      'a.json': { extends: ['./b.yaml'] },
      'b.yaml': 'extends: ./a.json',
    });
    expect(configError(() => resolveIn(root)).message).toBe('b.yaml: extends: extends cycle: a.json → b.yaml → a.json');
    const self = makeTree({ '.iamlintrc.json': { extends: './.iamlintrc.json' } });
    expect(configError(() => resolveIn(self)).message).toMatch(/extends cycle: \.iamlintrc\.json → \.iamlintrc\.json/);
  });

  it('unknown presets and bare names', () => {
    const root = makeTree({ '.iamlintrc.json': { extends: ['iamlint:recomended'] } });
    expect(configError(() => resolveIn(root)).message).toBe(
      '.iamlintrc.json: extends[0]: unknown preset "iamlint:recomended" (did you mean "iamlint:recommended"?); expected one of: iamlint:recommended, iamlint:strict',
    );
    const bare = makeTree({ '.iamlintrc.json': { extends: 'some-package' } });
    expect(configError(() => resolveIn(bare)).message).toMatch(/extends: cannot resolve "some-package"/);
    const missing = makeTree({ '.iamlintrc.json': { extends: './missing.json' } });
    expect(configError(() => resolveIn(missing)).message).toBe('.iamlintrc.json: extends: cannot read "missing.json"');
  });
});

describe('rule settings', () => {
  it('a severity-only entry keeps earlier options; [severity, options] replaces them', () => {
    const root = makeTree({
      '.iamlintrc.json': { extends: './base.json', rules: { 'test-options': 'error' } },
      'base.json': { rules: { 'test-options': ['warn', { allow: ['a'] }] } },
    });
    expect(resolveIn(root).rules['test-options']).toEqual({ severity: 'error', options: { allow: ['a'] } });
    const root2 = makeTree({
      '.iamlintrc.json': { extends: './base.json', rules: { 'test-options': ['error', { max: 2 }] } },
      'base.json': { rules: { 'test-options': ['warn', { allow: ['a'] }] } },
    });
    expect(resolveIn(root2).rules['test-options']).toEqual({ severity: 'error', options: { max: 2 } });
    const root3 = makeTree({ '.iamlintrc.json': { rules: { 'test-options': ['warn'] } } });
    expect(resolveIn(root3).rules['test-options']).toEqual({ severity: 'warn' });
  });

  it('--rule flags win over the config, overrides included, and keep options', () => {
    const root = makeTree({
      '.iamlintrc.json': {
        rules: { 'test-options': ['warn', { max: 5 }] },
        overrides: [{ functions: ['api'], rules: { 'test-options': ['error', { max: 1 }] } }],
      },
    });
    const config = resolveIn(root, 'serverless.yml', { ruleFlags: ['test-options:off', 'test-plain:["warn"]'] });
    expect(config.rules['test-options']).toEqual({ severity: 'off', options: { max: 5 } });
    expect(config.rules['test-plain']).toEqual({ severity: 'warn' });
    expect(rulesForFunction(config, 'api')['test-options']).toEqual({ severity: 'off', options: { max: 1 } });
  });

  it('--rule mistakes', () => {
    const r = (flag: string) => configError(() => new ConfigResolver({ registry, ruleFlags: [flag] })).message;
    expect(r('test-plain')).toBe('--rule "test-plain": expected id:severity (severity: off, warn or error)');
    expect(r('test-plain:warning')).toBe('--rule "test-plain:warning": expected severity off, warn or error, got "warning"');
    expect(r('test-plian:warn')).toBe('--rule "test-plian:warn": unknown rule "test-plian" (did you mean "test-plain"?)');
    expect(r('test-options:["warn",{"max":0}]')).toBe('--rule: rules["test-options"][1].max: must be >= 1');
  });
});

describe('overrides', () => {
  const root = makeTree({
    '.iamlintrc.json': {
      rules: { 'test-plain': 'warn', 'test-options': ['warn', { max: 2 }] },
      overrides: [
        { files: ['legacy/**'], rules: { 'test-plain': 'off' } },
        { functions: ['admin*'], rules: { 'test-options': 'error' } },
        { files: ['serverless.yml'], functions: ['worker'], rules: { 'test-plain': 'error' } },
        { files: ['strict/**'], rules: { 'test-options': ['error', { max: 9 }] } },
      ],
    },
  });

  it('by file glob (relative to the config folder; a glob without / matches the name anywhere)', () => {
    expect(resolveIn(root, 'legacy/a/serverless.yml').rules['test-plain']!.severity).toBe('off');
    expect(resolveIn(root, 'serverless.yml').rules['test-plain']!.severity).toBe('warn');
  });

  it('by function glob, applied over the file rules in order', () => {
    const config = resolveIn(root, 'app/serverless.yml');
    expect(config.functionOverrides.map((o) => o.functions)).toEqual([['admin*'], ['worker']]);
    expect(rulesForFunction(config, 'adminUsers')['test-options']).toEqual({ severity: 'error', options: { max: 2 } });
    expect(rulesForFunction(config, 'worker')['test-plain']).toEqual({ severity: 'error' });
    expect(rulesForFunction(config, 'api')).toEqual(config.rules);
    expect(resolveIn(root, 'legacy/serverless.json').functionOverrides.map((o) => o.functions)).toEqual([['admin*']]);
  });

  it('a later file override wins over an earlier function override', () => {
    const config = resolveIn(root, 'strict/serverless.yml');
    expect(config.rules['test-options']).toEqual({ severity: 'error', options: { max: 9 } });
    expect(rulesForFunction(config, 'admin')['test-options']).toEqual({ severity: 'error', options: { max: 9 } });
  });

  it('globs of an extended config are relative to the folder of the config in use', () => {
    const tree = makeTree({
      'svc/.iamlintrc.json': { extends: '../shared/base.json' },
      'shared/base.json': { overrides: [{ files: ['api/**'], rules: { 'test-plain': 'error' } }], ignores: ['old/**'] },
    });
    expect(resolveIn(tree, 'svc/api/serverless.yml').rules['test-plain']!.severity).toBe('error');
    expect(resolveIn(tree, 'svc/serverless.yml').rules['test-plain']!.severity).toBe('off');
    expect(resolveIn(tree, 'svc/old/serverless.yml').ignored).toBe(true);
  });
});

describe('ignores and settings', () => {
  it('ignores by glob relative to the config folder', () => {
    const root = makeTree({ '.iamlintrc.yaml': 'ignores: ["examples/**", "serverless.old.yml"]' });
    expect(resolveIn(root, 'examples/x/serverless.yml').ignored).toBe(true);
    expect(resolveIn(root, 'a/serverless.old.yml').ignored).toBe(true);
    expect(resolveIn(root, 'serverless.yml').ignored).toBe(false);
  });

  it('merges settings through the chain; --stage/--region win', () => {
    const root = makeTree({
      '.iamlintrc.json': { extends: './base.json', settings: { stage: 'prod', params: { b: 2 }, env: { X: 'y' }, maxFileBytes: 2048 } },
      'base.json': { settings: { stage: 'dev', region: 'eu-west-1', accountId: '123456789012', params: { a: 'x', b: '1' }, maxFileBytes: 1024 } },
    });
    expect(resolveIn(root).settings).toEqual({ stage: 'prod', region: 'eu-west-1', accountId: '123456789012', params: { a: 'x', b: '2' }, env: { X: 'y' }, maxFileBytes: 2048 });
    expect(resolveIn(root, 'serverless.yml', { settings: { stage: 'qa', region: 'us-west-2' } }).settings).toMatchObject({ stage: 'qa', region: 'us-west-2' });
  });

  it('linterOptions: later wins per key', () => {
    const root = makeTree({ '.iamlintrc.json': { extends: 'iamlint:strict', linterOptions: { requireJustification: false } } });
    expect(resolveIn(root).linterOptions).toEqual({ reportUnusedDisableDirectives: 'error', requireJustification: false, noInlineConfig: false });
  });
});

describe('validation errors name the key path', () => {
  const cases: Array<[string, string | object, string]> = [
    ['.iamlintrc.json', { rule: {} }, '.iamlintrc.json: rule: unknown key (did you mean "rules"?)'],
    ['.iamlintrc.json', { rules: { 'test-options': ['warn', { foo: 1 }] } }, '.iamlintrc.json: rules["test-options"][1].foo: unknown key (expected one of: allow, max)'],
    ['.iamlintrc.json', { rules: { 'test-options': ['warn', { allow: 'a' }] } }, '.iamlintrc.json: rules["test-options"][1].allow: expected array, got string'],
    ['.iamlintrc.json', { rules: { 'test-plain': 'warning' } }, '.iamlintrc.json: rules["test-plain"]: expected a severity ("off", "warn" or "error") or [severity, options], got "warning"'],
    ['.iamlintrc.json', { rules: { 'test-plain': 2 } }, '.iamlintrc.json: rules["test-plain"]: expected a severity ("off", "warn" or "error") or [severity, options], got number'],
    ['.iamlintrc.json', { rules: { 'test-plain': ['warn', {}, 1] } }, '.iamlintrc.json: rules["test-plain"]: expected at most 2 item(s)'],
    ['.iamlintrc.json', { rules: { 'test-plain': ['warn', { a: 1 }] } }, '.iamlintrc.json: rules["test-plain"][1]: rule "test-plain" takes no options'],
    ['.iamlintrc.json', { rules: { 'test-plian': 'warn' } }, '.iamlintrc.json: rules["test-plian"]: unknown rule "test-plian" (did you mean "test-plain"?)'],
    ['.iamlintrc.json', { overrides: [{ rules: {} }] }, '.iamlintrc.json: overrides[0]: expected "files" and/or "functions"'],
    ['.iamlintrc.json', { overrides: [{ files: 'x', rules: {} }] }, '.iamlintrc.json: overrides[0].files: expected array, got string'],
    ['.iamlintrc.json', { overrides: [{ functions: ['a'], rules: { 'test-options': ['warn', { max: 0 }] } }] }, '.iamlintrc.json: overrides[0].rules["test-options"][1].max: must be >= 1'],
    ['.iamlintrc.json', { settings: { maxFileBytes: 0 } }, '.iamlintrc.json: settings.maxFileBytes: must be >= 1'],
    ['.iamlintrc.json', { settings: { accountId: '123' } }, '.iamlintrc.json: settings.accountId: expected a string matching ^[0-9]{12}$, got "123"'],
    ['.iamlintrc.json', { linterOptions: { reportUnusedDisableDirectives: true } }, '.iamlintrc.json: linterOptions.reportUnusedDisableDirectives: expected one of "off", "warn", "error", got true'],
    ['.iamlintrc.json', { extends: 3 }, '.iamlintrc.json: extends: expected string or array, got number'],
    ['.iamlintrc.json', [], '.iamlintrc.json: expected an object of settings, got array'],
    ['.iamlintrc.json', '{"rules": ', '.iamlintrc.json: invalid JSON: '],
    ['.iamlintrc.yaml', 'rules:\n  a: [\n', '.iamlintrc.yaml:3:1: invalid YAML: '],
    ['.iamlintrc.yaml', 'rules: {}\nrules: {}\n', '.iamlintrc.yaml:2:1: invalid YAML: Map keys must be unique'],
  ];
  it.each(cases)('%s %j', (name, content, message) => {
    const root = makeTree({ [name]: content });
    const e = configError(() => resolveIn(root));
    if (message.endsWith(': ')) expect(e.message.startsWith(message)).toBe(true);
    else expect(e.message).toBe(message);
    expect(e.message).not.toContain('\n');
  });

  it('package.json#iamlint mistakes say so', () => {
    const root = makeTree({ 'package.json': { name: 'x', iamlint: { rules: { 'test-plain': 'on' } } } }, false);
    expect(configError(() => resolveIn(root)).message).toMatch(/^package\.json#iamlint: rules\["test-plain"\]: expected a severity/);
  });
});

describe('.iamlintrc.example.json', () => {
  it('is valid and uses every top-level key of the schema', () => {
    const example = join(ROOT, '.iamlintrc.example.json');
    const content = JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema/iamlintrc.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(content).sort()).toEqual(Object.keys(schema.properties).sort());
    const config = new ConfigResolver({ registry, configFile: example, cwd: ROOT }).resolveConfigForFile(
      join(ROOT, 'serverless.yml'),
    );
    expect(config.configFile).toBe(example);
  });
});
