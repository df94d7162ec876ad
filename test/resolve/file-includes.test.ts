import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { diagnosticsWith, nodeOf, plainOf, resolveAt, resolveYaml, tempProject, textAt } from './helpers.js';

describe('file()', () => {
  test('a whole file and an address into it', () => {
    const s = resolveYaml(
      `service: a
custom:
  all: \${file(./config/settings.yml)}
  one: \${file(config/settings.yml):tables.orders}
  json: \${file(./data.json):list.1}
`,
      {},
      { 'config/settings.yml': 'tables:\n  orders: orders-table\n  users: users-table\n', 'data.json': '{"list": ["x", "y"]}' },
    );
    expect(plainOf(s, 'custom')).toEqual({
      all: { tables: { orders: 'orders-table', users: 'users-table' } },
      one: 'orders-table',
      json: 'y',
    });
    expect([...s.sources.keys()].map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['serverless.yml', 'settings.yml', 'data.json']);
  });

  test('included nodes keep their own spans; via records the variable that led there', () => {
    const s = resolveYaml(
      `service: a
custom:
  table: \${file(./tables.yml):orders}
`,
      {},
      { 'tables.yml': '# tables\norders:\n  name: orders-table\n' },
    );
    const table = nodeOf(s, 'custom', 'table');
    expect(table.kind).toBe('map');
    expect(table.span.file).toMatch(/tables\.yml$/);
    const name = nodeOf(s, 'custom', 'table', 'name');
    expect(name.span).toMatchObject({ line: 3, column: 9 });
    expect(textAt(s, name.span)).toBe('orders-table');
    expect(table.via).toHaveLength(1);
    expect(table.via?.[0]?.text).toBe('${file(./tables.yml):orders}');
    expect(table.via?.[0]?.span).toMatchObject({ line: 3, column: 10 });
    expect(textAt(s, table.via![0]!.span)).toBe('${file(./tables.yml):orders}');
  });

  test('the via chain lists every variable on the way, outermost first', () => {
    const s = resolveYaml(
      `service: a
custom:
  alias: \${self:custom.table}
  table: \${file(./tables.yml):orders}
`,
      {},
      { 'tables.yml': 'orders: ${self:custom.real}\n', },
    );
    // custom.real is missing: the whole chain ends in an Unknown located in tables.yml.
    const alias = nodeOf(s, 'custom', 'alias');
    expect(alias.kind).toBe('unknown');
    expect(alias.via?.map((v) => v.text)).toEqual(['${self:custom.table}', '${file(./tables.yml):orders}', '${self:custom.real}']);
    expect(alias.via?.[2]?.span.file).toMatch(/tables\.yml$/);
    const [d] = diagnosticsWith(s, 'unresolved-variable');
    expect(d?.span?.file).toMatch(/tables\.yml$/);
  });

  test('variables inside an included file resolve, and self: still means the service config', () => {
    const s = resolveYaml(
      `service: shop
provider:
  name: aws
custom:
  inc: \${file(./inc.yml)}
  tableName: orders
`,
      { stage: 'prod' },
      { 'inc.yml': 'name: ${self:service}-${sls:stage}\ntable: ${self:custom.tableName}\nnested: ${file(./nested/deeper.yml):value}\n', 'nested/deeper.yml': 'value: ${self:service}-deep\n' },
    );
    expect(plainOf(s, 'custom', 'inc')).toEqual({ name: 'shop-prod', table: 'orders', nested: 'shop-deep' });
  });

  test('paths inside included files are relative to the service folder, as the Framework does', () => {
    const s = resolveYaml(
      'service: a\ncustom:\n  x: ${file(./sub/a.yml)}\n',
      {},
      { 'sub/a.yml': 'b: ${file(./sub/b.yml):v}\n', 'sub/b.yml': 'v: 1\n' },
    );
    expect(plainOf(s, 'custom', 'x')).toEqual({ b: 1 });
  });

  test('a path built from variables', () => {
    const s = resolveYaml('service: a\ncustom:\n  env: ${file(./env/${sls:stage}.yml)}\n', { stage: 'prod' }, { 'env/prod.yml': 'size: large\n' });
    expect(plainOf(s, 'custom', 'env')).toEqual({ size: 'large' });
  });

  test('a missing file falls back, else is Unknown with a warning at the variable', () => {
    const s = resolveYaml("service: a\ncustom:\n  a: ${file(./nope.yml), 'none'}\n  b: ${file(./nope.yml):x}\n");
    expect(plainOf(s, 'custom', 'a')).toBe('none');
    expect(nodeOf(s, 'custom', 'b')).toMatchObject({ kind: 'unknown', text: '${file(./nope.yml):x}' });
    expect(diagnosticsWith(s, 'unresolved-variable')).toEqual([expect.objectContaining({ severity: 'warning', span: expect.objectContaining({ line: 4, column: 6 }) })]);
  });

  test('a missing address in an existing file falls back', () => {
    const s = resolveYaml("service: a\ncustom:\n  a: ${file(./f.yml):nope, 'none'}\n", {}, { 'f.yml': 'x: 1\n' });
    expect(plainOf(s, 'custom', 'a')).toBe('none');
  });

  test('parse errors of an included file are forwarded with their own locations, once per file', () => {
    const s = resolveYaml('service: a\ncustom:\n  a: ${file(./bad.yml)}\n  b: ${file(./bad.yml):x}\n', {}, { 'bad.yml': 'ok: 1\nbroken: [unclosed\n' });
    expect(nodeOf(s, 'custom', 'a').kind).toBe('unknown');
    expect(nodeOf(s, 'custom', 'b').kind).toBe('unknown');
    const errors = diagnosticsWith(s, 'include-error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((d) => d.message)).size).toBe(errors.length);
    expect(errors.every((d) => d.span?.file.endsWith('bad.yml'))).toBe(true);
  });
});

describe('file() that cannot be read', () => {
  test('a symlink loop is an include-error at the variable, not a crash', () => {
    const project = tempProject({ 'serverless.yml': 'service: a\ncustom:\n  x: ${file(./loop.yml)}\n' });
    symlinkSync(join(project, 'loop.yml'), join(project, 'loop.yml'));
    const s = resolveAt(project);
    expect(nodeOf(s, 'custom', 'x').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'include-error')).toEqual([expect.objectContaining({ path: ['custom', 'x'], span: expect.objectContaining({ line: 3 }) })]);
  });

  test('a file larger than maxFileBytes is refused with a located include-error', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${file(./big.yml)}\n', { maxFileBytes: 100 }, { 'big.yml': `k: ${'v'.repeat(200)}\n` });
    expect(nodeOf(s, 'custom', 'x').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'include-error')).toHaveLength(1);
    expect(diagnosticsWith(s, 'include-error')[0]?.span).toBeDefined();
  });
});

describe('file() never executes code', () => {
  test.each(['code.js', 'code.mjs', 'code.cjs', 'code.ts'])('%s is Unknown and is not run', (name) => {
    const dir = tempProject({ 'serverless.yml': `service: a\ncustom:\n  v: \${file(./${name}):value}\n  w: \${file(./${name})}\n` });
    const marker = join(dir, 'marker.txt');
    const body = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = { value: 'from code' };\n`;
    writeFileSync(join(dir, name), name.endsWith('mjs') ? `import fs from 'fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'ran'); export const value = 1;\n` : body);
    const s = resolveAt(dir);
    expect(existsSync(marker)).toBe(false);
    for (const key of ['v', 'w']) {
      const node = nodeOf(s, 'custom', key);
      expect(node.kind).toBe('unknown');
      if (node.kind === 'unknown') expect(node.reason).toContain('never executes code');
    }
    expect([...s.sources.keys()].some((f) => f.endsWith(name))).toBe(false);
  });
});

describe('file() confinement', () => {
  function outsideAndProject() {
    const outside = tempProject({ 'secret.yml': 'password: hunter2\n' });
    const project = tempProject({});
    return { outside, project };
  }

  const expectRefused = (s: ReturnType<typeof resolveAt>, key = 'x') => {
    const node = nodeOf(s, 'custom', key);
    expect(node.kind).toBe('unknown');
    expect(JSON.stringify(s.config)).not.toContain('hunter2');
    const refusals = diagnosticsWith(s, 'file-outside-project');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ severity: 'error', path: ['custom', key], span: { line: 3, column: 6 } });
    expect([...s.sources.keys()].some((f) => f.includes('secret'))).toBe(false);
  };

  test('../../etc/passwd', () => {
    expectRefused(resolveYaml('service: a\ncustom:\n  x: ${file(../../../../../../etc/passwd)}\n'));
  });

  test('an absolute path outside', () => {
    const { outside, project } = outsideAndProject();
    writeFileSync(join(project, 'serverless.yml'), `service: a\ncustom:\n  x: \${file(${join(outside, 'secret.yml')})}\n`);
    expectRefused(resolveAt(project));
  });

  test('a relative path to a sibling folder', () => {
    const { outside, project } = outsideAndProject();
    writeFileSync(join(project, 'serverless.yml'), `service: a\ncustom:\n  x: \${file(../${outside.slice(outside.lastIndexOf('/') + 1)}/secret.yml)}\n`);
    expectRefused(resolveAt(project));
  });

  test('a symlinked file pointing outside', () => {
    const { outside, project } = outsideAndProject();
    symlinkSync(join(outside, 'secret.yml'), join(project, 'link.yml'));
    writeFileSync(join(project, 'serverless.yml'), 'service: a\ncustom:\n  x: ${file(./link.yml)}\n');
    expectRefused(resolveAt(project));
  });

  test('a symlinked folder pointing outside, even for a file that does not exist', () => {
    const { outside, project } = outsideAndProject();
    symlinkSync(outside, join(project, 'linked'));
    writeFileSync(join(project, 'serverless.yml'), 'service: a\ncustom:\n  x: ${file(./linked/secret.yml)}\n  y: ${file(./linked/none.yml)}\n');
    const s = resolveAt(project);
    expect(diagnosticsWith(s, 'file-outside-project').map((d) => d.path)).toEqual([
      ['custom', 'x'],
      ['custom', 'y'],
    ]);
    expect(JSON.stringify(s.config)).not.toContain('hunter2');
  });

  test('a code file outside is refused too (checked before the file type)', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${file(../../../../../../tmp/x.js)}\n');
    expect(diagnosticsWith(s, 'file-outside-project')).toHaveLength(1);
  });

  test('projectRoot widens the allowed area: a service in a subfolder may include ../shared.yml', () => {
    const root = tempProject({ 'shared.yml': 'table: t\n', 'services/api/serverless.yml': 'service: a\ncustom:\n  x: ${file(../../shared.yml)}\n' });
    const inside = resolveAt(join(root, 'services/api'), { projectRoot: root });
    expect(plainOf(inside, 'custom', 'x')).toEqual({ table: 't' });
    const confined = resolveAt(join(root, 'services/api'));
    expect(plainOf(confined, 'custom', 'x')).toBeInstanceOf(Unknown);
    expect(diagnosticsWith(confined, 'file-outside-project')).toHaveLength(1);
  });

  test('a symlink inside the project pointing inside is followed', () => {
    const project = tempProject({ 'real/conf.yml': 'v: 1\n', 'serverless.yml': 'service: a\ncustom:\n  x: ${file(./alias/conf.yml)}\n' });
    mkdirSync(join(project, 'links'));
    symlinkSync(join(project, 'real'), join(project, 'alias'));
    expect(plainOf(resolveAt(project), 'custom', 'x')).toEqual({ v: 1 });
  });
});
