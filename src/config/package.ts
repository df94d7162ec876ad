/** Where the iamlint package is installed: for presets/, schema/ and the version. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding iamlint's package.json (works from src/ under vitest and from dist/src/). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'iamlint') return (root = dir);
      } catch {
        // not ours; keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('iamlint: cannot find the package folder (package.json)');
    dir = up;
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export const presetPath = (name: string) => join(packageRoot(), 'presets', `${name}.json`);
export const configSchemaPath = () => join(packageRoot(), 'schema', 'iamlintrc.schema.json');
