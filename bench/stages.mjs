/**
 * Where the time goes, in-process: `node bench/stages.mjs <serverless.yml> [rounds]`.
 *
 * Runs the full lint of one file (`lintFile` with the CLI's registry and the rules of the
 * config that applies to it) `rounds` times in this process, timing each stage through the
 * engine's replaceable pipeline. Prints JSON: the first (cold) round and the median of the
 * others (warm), in CPU milliseconds (user + system; `wall` is the round's wall time). When the engine cannot be loaded, it falls back to the
 * library pipeline (read → resolve → synthesize) alone.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);

const file = process.argv[2];
const rounds = Math.max(2, Number(process.argv[3] ?? 5));
if (!file) {
  process.stderr.write('usage: node bench/stages.mjs <serverless.yml> [rounds]\n');
  process.exit(2);
}

const { readParsedFile } = await dist('src/load/read.js');
const { checkServiceShape } = await dist('src/load/service-shape.js');
const { resolveService } = await dist('src/resolve/index.js');
const { synthesize } = await dist('src/synthesize/index.js');

let lint;
try {
  const { lintFile } = await dist('src/engine/lint.js');
  const { registry } = await dist('src/cli/registry.js');
  const { ConfigResolver } = await dist('src/config/index.js');
  const { loadOptionsFor } = await dist('src/cli/lint.js');
  const config = new ConfigResolver({ registry, cwd: dirname(file) }).resolveConfigForFile(file);
  lint = (pipeline) =>
    lintFile(file, {
      registry,
      rules: config.rules,
      functionOverrides: config.functionOverrides,
      loadOptions: loadOptionsFor(config, process.env, file, dirname(file)),
      linterOptions: config.linterOptions,
      pipeline,
    });
} catch (error) {
  process.stderr.write(`bench/stages: full lint unavailable (${error.message}); timing the library pipeline only\n`);
}

/** CPU milliseconds (user + system) of this process: steadier than wall time on a busy machine. */
function cpuNow() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timed(times, name, fn) {
  return (...args) => {
    const start = cpuNow();
    try {
      return fn(...args);
    } finally {
      times[name] = (times[name] ?? 0) + cpuNow() - start;
    }
  };
}

async function round() {
  const times = {};
  const pipeline = {
    readParsedFile: timed(times, 'read+parse', readParsedFile),
    checkServiceShape: timed(times, 'shape', checkServiceShape),
    resolveService: timed(times, 'resolve', resolveService),
    synthesize: timed(times, 'synthesize', synthesize),
  };
  const start = cpuNow();
  const wallStart = performance.now();
  let findings;
  if (lint) {
    const result = await lint(pipeline);
    findings = result.findings.length;
  } else {
    const parsed = pipeline.readParsedFile(file);
    pipeline.checkServiceShape(parsed);
    const resolved = pipeline.resolveService(parsed, {});
    pipeline.synthesize(resolved);
  }
  const total = cpuNow() - start;
  const stages = (times['read+parse'] ?? 0) + (times.shape ?? 0) + (times.resolve ?? 0) + (times.synthesize ?? 0);
  if (lint) times['rules+directives'] = total - stages;
  times.total = total;
  times.wall = performance.now() - wallStart;
  return { times, findings };
}

const all = [];
for (let i = 0; i < rounds; i++) all.push(await round());
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const warm = {};
for (const key of Object.keys(all[0].times)) warm[key] = median(all.slice(1).map((r) => r.times[key]));
process.stdout.write(`${JSON.stringify({ fullLint: Boolean(lint), findings: all[0].findings, cold: all[0].times, warm })}\n`);
