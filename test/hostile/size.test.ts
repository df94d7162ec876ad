/** Huge files: refused before they are read (default 5 MiB, `maxFileBytes`), long ones read in linear time. */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/load/read.js';
import { cli, cpuMs, fullLint, pipeline, tempProject } from './helpers.js';

const HEAD = 'service: big\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\ncustom:\n';

/** Writes `bytes` of `custom:` entries after HEAD without building the whole text in memory. */
function writeBig(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, HEAD);
    let n = 0;
    for (let written = HEAD.length; written < bytes; ) {
      const chunk = Array.from({ length: 10_000 }, () => `  key${n++}: value-${'x'.repeat(40)}\n`).join('');
      writeSync(fd, chunk);
      written += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}

describe('file size', () => {
  it('refuses a 50 MB service file at once, with its size and the limit in the message', async () => {
    const dir = tempProject();
    const file = join(dir, 'serverless.yml');
    writeBig(file, 50 * 1024 * 1024);
    const { value: result, ms } = await cpuMs(() => pipeline(file));
    expect(ms).toBeLessThan(1_000);
    expect(result.service).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'file-too-large', severity: 'error', span: { file, line: 1, column: 1 } });
    expect(result.diagnostics[0]!.message).toMatch(new RegExp(`is \\d{8} bytes, more than the ${DEFAULT_MAX_FILE_BYTES} bytes iamlint reads`));

    const run = await cli(['serverless.yml', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('more than the 5242880 bytes iamlint reads');
  });

  it('maxFileBytes lowers and raises the limit', () => {
    const dir = tempProject();
    const file = join(dir, 'serverless.yml');
    writeBig(file, 300_000);
    const size = statSync(file).size;
    expect(pipeline(file).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const lowered = pipeline(file, { maxFileBytes: size - 1 });
    expect(lowered.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(lowered.diagnostics[0]!.message).toMatch(new RegExp(`is ${size} bytes, more than the ${size - 1} bytes iamlint reads; it is skipped`));
    const raised = pipeline(file, { maxFileBytes: size });
    expect(raised.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(raised.model?.functions.map((f) => f.key)).toEqual(['a']);
  });

  it('settings.maxFileBytes in the config sets the limit for the CLI, includes too', async () => {
    const dir = tempProject({ 'serverless.yml': `${HEAD}  extra: \${file(./extra.yml)}\n`, 'extra.yml': `key: ${'x'.repeat(500)}\n` });
    const serviceSize = statSync(join(dir, 'serverless.yml')).size;
    const write = (maxFileBytes: number) =>
      writeFileSync(join(dir, '.iamlintrc.json'), JSON.stringify({ settings: { maxFileBytes } }));

    write(serviceSize - 1);
    const refused = await cli(['--format', 'json'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`is ${serviceSize} bytes, more than the ${serviceSize - 1} bytes iamlint reads`);

    write(serviceSize); // the service file fits, its 500-byte include does not
    const include = JSON.parse((await cli(['--format', 'json'], dir)).stdout) as { results: Array<{ findings: Array<{ message: string; line: number }> }> };
    const tooLarge = include.results[0]!.findings.filter((f) => f.message.includes(`more than the ${serviceSize} bytes iamlint reads`));
    expect(tooLarge).toHaveLength(1);
    expect(tooLarge[0]!.line).toBe(8);

    write(0);
    const invalid = await cli([], dir);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('settings.maxFileBytes');
  });

  it('applies the limit to ${file()} includes, reported at the variable', () => {
    const dir = tempProject({ 'serverless.yml': `${HEAD}  big: \${file(./big.yml)}\n` });
    writeBig(join(dir, 'big.yml'), 6 * 1024 * 1024);
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    const error = result.diagnostics.find((d) => d.code === 'include-error');
    expect(error).toMatchObject({ path: ['custom', 'big'], span: { line: 8, column: 8 } });
    expect(error!.message).toMatch(/big\.yml: .* more than the 5242880 bytes iamlint reads/);
  });

  it('reads a 100,000-line file under the limit in linear time', async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `  k${i}: v${i}`);
    expect(lines.join('\n').length).toBeLessThan(DEFAULT_MAX_FILE_BYTES);
    const dir = tempProject({ 'serverless.yml': `${HEAD}${lines.join('\n')}\n`, 'small.yml': `${HEAD}${lines.slice(0, 20_000).join('\n')}\n` });
    pipeline(join(dir, 'small.yml')); // warm up
    const small = await cpuMs(() => pipeline(join(dir, 'small.yml')));
    const large = await cpuMs(() => pipeline(join(dir, 'serverless.yml')));
    expect(large.value.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(Object.keys(large.value.service!.config.custom as object)).toHaveLength(100_000);
    // Five times the lines: a quadratic step would take ~25 times as long.
    expect(large.ms).toBeLessThan(12 * Math.max(small.ms, 50));
  });

  it('refuses a 100,000-line file over the limit, in the full lint too', async () => {
    const dir = tempProject();
    const file = join(dir, 'serverless.yml');
    writeBig(file, 100_000 * 60);
    const result = await fullLint(file);
    expect(result.internalError).toBe(false);
    expect(result.findings.map((f) => f.messageId)).toEqual(['file-too-large']);
  });
});
