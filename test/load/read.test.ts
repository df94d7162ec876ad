import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeAt } from '../../src/load/node.js';
import { readParsedFile } from '../../src/load/read.js';

const dir = mkdtempSync(join(tmpdir(), 'iamlint-read-'));

describe('readParsedFile', () => {
  it('reads and parses a file, locating spans in its absolute path', () => {
    const file = join(dir, 'serverless.yml');
    writeFileSync(file, 'service: api\nprovider:\n  name: aws\n');
    const parsed = readParsedFile(relative(process.cwd(), file));
    expect(parsed.file).toBe(file);
    expect(parsed.source).toEqual({ file, text: 'service: api\nprovider:\n  name: aws\n' });
    expect(parsed.documentCount).toBe(1);
    expect(nodeAt(parsed.root, ['provider', 'name'])).toMatchObject({ value: 'aws', span: { file, line: 3, column: 9 } });
  });

  it('reports a missing file, with no root', () => {
    const file = join(dir, 'nope.yml');
    const parsed = readParsedFile(file);
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'file-not-found', severity: 'error', span: { file, line: 1, column: 1 } }]);
  });

  it('reports a folder given as a file', () => {
    const sub = join(dir, 'folder.yml');
    mkdirSync(sub);
    expect(readParsedFile(sub).diagnostics).toMatchObject([{ code: 'not-a-file', severity: 'error' }]);
  });

  it('refuses a file over the size limit without reading it', () => {
    const file = join(dir, 'big.yml');
    writeFileSync(file, `a: ${'x'.repeat(2000)}\n`);
    const parsed = readParsedFile(file, { maxFileBytes: 1000 });
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'file-too-large', severity: 'error', span: { file } }]);
    expect(parsed.diagnostics[0]!.message).toContain('1000');
    expect(readParsedFile(file).root).toBeDefined();
  });

  // root reads every file regardless of its mode, so there is nothing to observe then.
  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', () => {
    const file = join(dir, 'secret.yml');
    writeFileSync(file, 'a: 1\n', { mode: 0o000 });
    expect(readParsedFile(file).diagnostics).toMatchObject([{ code: 'file-unreadable', severity: 'error' }]);
  });
});
