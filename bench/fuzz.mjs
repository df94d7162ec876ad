/**
 * `npm run fuzz` — the long fuzz run: the properties of test/fuzz (random YAML and random
 * services through load, resolve, synthesize and the full lint) with many more inputs than
 * the quick run inside `npm test`.
 *
 *   npm run fuzz                         100,000 inputs in all, a random seed (printed)
 *   npm run fuzz -- --inputs 20000       fewer
 *   npm run fuzz -- --seed 42            repeat a run
 *   npm run fuzz -- --config x.ts        further arguments go to vitest
 *
 * A failure prints the shrunk counterexample and the seed; re-run it with `--seed`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// --inputs and --seed are ours; every other argument goes to vitest as written.
const args = process.argv.slice(2);
const forwarded = [];
const values = { inputs: '100000', seed: undefined };
for (let i = 0; i < args.length; i++) {
  const match = /^--(inputs|seed)(?:=(.*))?$/.exec(args[i]);
  if (match) values[match[1]] = match[2] ?? args[++i];
  else if (args[i] !== '--') forwarded.push(args[i]);
}
const inputs = Math.max(1, Number(values.inputs));
const seed = values.seed ?? String(Math.floor(Math.random() * 2 ** 31));

// One run count for every property (`params()` in test/fuzz/harness.ts), so the total is `inputs`.
const files = readdirSync(join(root, 'test', 'fuzz')).filter((f) => f.endsWith('.test.ts') && f !== 'found.test.ts');
const properties = files.reduce((n, f) => n + (readFileSync(join(root, 'test', 'fuzz', f), 'utf8').match(/\bparams\(\d+\)/g) ?? []).length, 0);
const perProperty = Math.ceil(inputs / properties);

process.stdout.write(`fuzz: ${properties} properties × ${perProperty.toLocaleString('en')} inputs = ${(properties * perProperty).toLocaleString('en')} inputs, seed ${seed}\n`);
const started = Date.now();
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', ...files.map((f) => join('test', 'fuzz', f)), ...forwarded], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, IAMLINT_FUZZ_RUNS: String(perProperty), IAMLINT_FUZZ_SEED: seed },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
process.stdout.write(`fuzz: ${run.status === 0 ? 'no failure' : 'FAILED'} after ${minutes} min (${(properties * perProperty).toLocaleString('en')} inputs, seed ${seed})\n`);
process.exit(run.status ?? 1);
