import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverServiceFiles } from '../../src/load/discover.js';

/** A fresh folder holding the given files (paths relative to it). */
function tree(files: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'iamlint-discover-'));
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'service: x\n');
  }
  return root;
}

describe('discoverServiceFiles', () => {
  describe('with no paths', () => {
    it('picks the folder’s service file in the Framework’s order', () => {
      const root = tree(['serverless.json', 'serverless.yaml']);
      expect(discoverServiceFiles([], root)).toEqual({ files: [join(root, 'serverless.yaml')], diagnostics: [] });
      const all = tree(['serverless.json', 'serverless.yaml', 'serverless.yml']);
      expect(discoverServiceFiles([], all).files).toEqual([join(all, 'serverless.yml')]);
    });

    it('says what it looked for when there is none', () => {
      const root = tree(['README.md']);
      const result = discoverServiceFiles([], root);
      expect(result.files).toEqual([]);
      expect(result.diagnostics).toMatchObject([{ code: 'no-service-file', severity: 'error' }]);
      expect(result.diagnostics[0]!.message).toMatch(/serverless\.yml, serverless\.yaml, serverless\.json/);
    });

    it('explains that a service written as code cannot be read', () => {
      const root = tree(['serverless.ts']);
      const result = discoverServiceFiles([], root);
      expect(result.files).toEqual([]);
      expect(result.diagnostics).toMatchObject([{ code: 'no-service-file', severity: 'error' }]);
      expect(result.diagnostics[0]!.message).toMatch(/serverless\.ts.*never executes code/);
    });
  });

  it('takes a named file as it is, resolved against cwd', () => {
    const root = tree(['config/custom-name.yml']);
    expect(discoverServiceFiles(['config/custom-name.yml'], root)).toEqual({ files: [join(root, 'config/custom-name.yml')], diagnostics: [] });
  });

  it('reports a named file that does not exist', () => {
    const root = tree([]);
    const result = discoverServiceFiles(['missing.yml'], root);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'file-not-found', severity: 'error' }]);
    expect(result.diagnostics[0]!.message).toContain(join(root, 'missing.yml'));
  });

  it('searches folders recursively, skipping dependencies, build output and .git', () => {
    const root = tree([
      'serverless.yml',
      'services/b/serverless.json',
      'services/a/serverless.yaml',
      'services/a/nested/serverless.yml',
      'node_modules/pkg/serverless.yml',
      'services/a/node_modules/x/serverless.yml',
      '.serverless/serverless.yml',
      '.git/serverless.yml',
      'other/config.yml',
    ]);
    const result = discoverServiceFiles([root], '/');
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual(
      [
        join(root, 'serverless.yml'),
        join(root, 'services/a/nested/serverless.yml'),
        join(root, 'services/a/serverless.yaml'),
        join(root, 'services/b/serverless.json'),
      ].sort(),
    );
  });

  it('deduplicates and sorts files reached more than once', () => {
    const root = tree(['b/serverless.yml', 'a/serverless.yml']);
    const result = discoverServiceFiles(['b', '.', 'a/serverless.yml', 'b/serverless.yml', 'b'], root);
    expect(result).toEqual({ files: [join(root, 'a/serverless.yml'), join(root, 'b/serverless.yml')], diagnostics: [] });
  });

  it('survives a symlink loop and does not follow links out of the tree', () => {
    const outside = tree(['serverless.yml']);
    const root = tree(['app/serverless.yml']);
    symlinkSync(root, join(root, 'app', 'loop'));
    symlinkSync(join(root, 'app'), join(root, 'again'));
    symlinkSync(outside, join(root, 'elsewhere'));
    const result = discoverServiceFiles(['.'], root);
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual([join(root, 'app/serverless.yml')]);
  });

  it('reports a folder with no service file in it', () => {
    const root = tree(['docs/readme.md']);
    const result = discoverServiceFiles(['docs'], root);
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'no-service-file', severity: 'error' }]);
  });
});
