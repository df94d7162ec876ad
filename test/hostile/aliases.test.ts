/** YAML alias bombs: expansion is bounded, the file is refused with one clear, located message. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/parse.js';
import { cli, cpuMs, fullLint, pipeline, tempProject } from './helpers.js';

const HEAD = 'service: bomb\nprovider:\n  name: aws\n';

/** The "billion laughs": each level aliases the previous one ten times. */
function laughs(levels: number): string {
  const lines = ['custom:', '  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++) lines.push(`  l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${HEAD}${lines.join('\n')}\n`;
}

describe('alias bombs', () => {
  it('stops a billion laughs at once, with one located error and no tree', async () => {
    const dir = tempProject({ 'serverless.yml': laughs(10) });
    const { value: result, ms } = await cpuMs(() => pipeline(join(dir, 'serverless.yml')));
    expect(ms).toBeLessThan(5_000);
    expect(result.service).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'alias-limit', severity: 'error', span: { file: join(dir, 'serverless.yml') } });
    expect(result.diagnostics[0]!.message).toMatch(/Aliases here expand to more than 100000 values.*stops reading this file/);
  });

  it('bounds a wide bomb: one big anchored list aliased a thousand times', () => {
    const big = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;
    const text = `${HEAD}custom:\n  big: &big ${big}\n  many: [${Array.from({ length: 1000 }, () => '*big').join(', ')}]\n`;
    const parsed = parseYaml(text, '/p/serverless.yml');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['alias-limit']);
  });

  it('bounds merge-key bombs (<< of << of …)', () => {
    const lines = ['custom:', '  m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}'];
    for (let i = 1; i < 12; i++) {
      lines.push(`  m${i}: &m${i}`);
      for (let k = 0; k < 10; k++) lines.push(`    k${k}: *m${i - 1}`);
      lines.push(`    <<: *m${i - 1}`);
    }
    const parsed = parseYaml(`${HEAD}${lines.join('\n')}\n`, '/p/serverless.yml');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['alias-limit']);
  });

  it('honours a lower limit, and reads ordinary anchors and merges untouched', () => {
    const text = `${HEAD}custom:\n  base: &base {runtime: nodejs20.x, memorySize: 256}\n  a: {<<: *base, timeout: 3}\n  b: *base\n`;
    expect(parseYaml(text, '/p/serverless.yml').diagnostics).toEqual([]);
    expect(parseYaml(text, '/p/serverless.yml', { maxAliasNodes: 3 }).diagnostics.map((d) => d.code)).toEqual(['alias-limit']);
  });

  it('an alias cycle or an undefined alias is refused with its own message', () => {
    expect(parseYaml(`${HEAD}custom: &a\n  self: *a\n`, '/p/s.yml').diagnostics[0]).toMatchObject({ code: 'alias-cycle' });
    expect(parseYaml(`${HEAD}custom:\n  x: *nowhere\n`, '/p/s.yml').diagnostics[0]).toMatchObject({ code: 'undefined-alias' });
  });

  it('the full lint and the CLI report the bomb as one error finding, exit 1', async () => {
    const dir = tempProject({ 'serverless.yml': laughs(10) });
    const result = await fullLint(join(dir, 'serverless.yml'));
    expect(result.internalError).toBe(false);
    expect(result.findings.map((f) => f.messageId)).toEqual(['alias-limit']);
    const run = await cli(['serverless.yml', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).results[0].findings[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
    expect(run.stdout).toContain('expand to more than');
  });

  it('an include holding a bomb is refused at the variable that names it', () => {
    const dir = tempProject({
      'serverless.yml': `${HEAD}custom:\n  x: \${file(./bomb.yml)}\nfunctions:\n  a:\n    handler: h.h\n`,
      'bomb.yml': laughs(10).replace(HEAD, ''),
    });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['include-error']);
    expect(errors[0]!.message).toMatch(/bomb\.yml: Aliases here expand/);
  });
});
