/**
 * Builds the CLI as users run it, after `tsc` (`npm run build`):
 *   dist/iamlint.cjs        iamlint's CLI and its runtime dependencies in one CommonJS file;
 *   dist/iamlint.cjs.cache  V8's code cache of it, made after linting a sample service, so that
 *                           the functions a lint needs are already compiled.
 * bin/iamlint.cjs (the package's `bin`) runs the first with the second.
 *
 * Why: Node 20 loads ES modules file by file (iamlint and `yaml` are ~240 files) and compiles
 * each function on first use; for a 5-function service that start-up was two thirds of the
 * run (CPU here: 450 ms unbundled, 250 ms bundled, 170 ms bundled with the cache; a process
 * that only parses the YAML: 150 ms). The library entry (`dist/src/index.js`) stays unbundled.
 *
 * `ajv` is required at run time through `createRequire` (only when a config file or rule
 * options need it), so it stays in node_modules.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const launcher = createRequire(import.meta.url)(join(root, 'bin', 'iamlint.cjs'));

await build({
  entryPoints: [join(root, 'dist', 'src', 'cli', 'main.js')],
  outfile: launcher.BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The sources are ES modules; in one CommonJS file `import.meta.url` is the bundle's URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // The bundled packages stay dependencies, installed with their own licenses.
  legalComments: 'none',
  // cosmiconfig requires these inside its default loaders, which iamlint replaces (never called).
  external: ['import-fresh', 'js-yaml', 'parse-json', 'typescript'],
  logLevel: 'warning',
});

// Warm up: lint the example service in this process in the formats people use, then save
// what V8 compiled. Output goes nowhere; nothing is written but the cache.
const { main, script } = launcher.loadBundle({ useCache: false });
const sink = { write: () => true, isTTY: false };
const io = { stdout: sink, stderr: sink, cwd: join(root, 'examples', 'orders'), env: { NO_COLOR: '1' } };
for (const args of [[], ['--format', 'json'], ['--format', 'sarif'], ['--format', 'github'], ['roles']]) {
  const code = await main(args, io);
  if (code === 2) throw new Error(`bundle: warm-up run "iamlint ${args.join(' ')}" failed (exit 2)`);
}
const temporary = `${launcher.CACHE}.${process.pid}.tmp`;
writeFileSync(temporary, script.createCachedData());
renameSync(temporary, launcher.CACHE);
