/**
 * `npm run bench` — wall time, CPU time and peak RSS of the iamlint CLI on synthetic
 * services of 5 to 5,000 functions and on the shared corpus, each next to a floor measured
 * in the same run (a Node process that only reads and YAML-parses the same files), plus
 * cold start and an in-process breakdown by stage. Needs `npm run build` first.
 *
 * Options (after `npm run bench --`):
 *   --runs N          runs per measurement, median reported (default 5)
 *   --sizes a,b,…     function counts (default 5,10,100,1000,5000)
 *   --no-corpus       skip the corpus run
 *   --no-stages       skip the in-process breakdown
 *   --corpus DIR      corpus folder (default $IAMLINT_SHARED_DIR/corpus or ../shared/corpus)
 *
 * Wall time on a shared machine is noisy; CPU time (user + sys) is the steadier number,
 * and the load average is printed before and after so a slow run can be told apart.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeService } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'iamlint.cjs');
const floorScript = join(root, 'bench', 'floor.mjs');
const stagesScript = join(root, 'bench', 'stages.mjs');
const usagePreload = join(root, 'bench', 'usage.mjs');
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '5,10,100,1000,5000' },
    corpus: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    'no-stages': { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(opts.runs));
const sizes = opts.sizes.split(',').map(Number).filter((n) => n > 0);
const corpusDir = opts.corpus ?? join(process.env.IAMLINT_SHARED_DIR ?? resolve(root, '..', 'shared'), 'corpus');

if (!existsSync(bin)) {
  process.stderr.write(`bench: ${bin} is missing; run "npm run build" first.\n`);
  process.exit(2);
}

// ---------------------------------------------------------------- measuring

/** One process: wall ms (measured here), CPU ms (user + sys), peak RSS MB, exit code, stdout. */
function measure(args, { cwd = root } = {}) {
  const command = hasTime ? TIME : process.execPath;
  const argv = hasTime ? ['-f', '__USAGE__ %e %M %U %S', process.execPath, ...args] : ['--import', pathToFileURL(usagePreload).href, ...args];
  const start = process.hrtime.bigint();
  const child = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.error) throw child.error;
  const line = child.stderr.split('\n').findLast((l) => l.startsWith('__USAGE__'));
  if (!line) throw new Error(`no usage line from ${args.join(' ')}:\n${child.stderr.slice(-2000)}`);
  const [, , rssKb, user, sys] = line.split(' ');
  return {
    wall,
    cpu: (Number(user) + Number(sys)) * 1000,
    rss: Number(rssKb) / 1024,
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr.replace(/\n?__USAGE__.*\n?$/, ''),
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs `a` and `b` alternately `runs` times (so load swings hit both), medians of each. */
function compare(aArgs, bArgs, options) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(measure(aArgs, options));
    b.push(measure(bArgs, options));
  }
  const summary = (list) => ({
    wall: median(list.map((m) => m.wall)),
    cpu: median(list.map((m) => m.cpu)),
    rss: median(list.map((m) => m.rss)),
    maxRss: Math.max(...list.map((m) => m.rss)),
    status: list[0].status,
    first: list[0],
  });
  return { lint: summary(a), floor: summary(b) };
}

function findingsOf(result) {
  try {
    const json = JSON.parse(result.first.stdout);
    const findings = json.results.reduce((n, r) => n + r.findings.length, 0);
    return `${findings} in ${json.results.length} file${json.results.length === 1 ? '' : 's'}`;
  } catch {
    return `exit ${result.status}, output not JSON: ${result.first.stderr.split('\n')[0].slice(0, 80)}`;
  }
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const log = (text = '') => process.stdout.write(`${text}\n`);

// ---------------------------------------------------------------- run

const work = mkdtempSync(join(tmpdir(), 'iamlint-bench-'));
const loadBefore = loadavg();
const rows = [];
const results = {};
try {
  for (const n of sizes) {
    const dir = join(work, `svc-${n}`);
    const file = writeService(dir, n);
    const lines = readFileSync(file, 'utf8').split('\n').length;
    process.stderr.write(`bench: ${n} functions (${lines} lines)…\n`);
    const r = compare([bin, file, '--format', 'json'], [floorScript, file], { cwd: dir });
    results[n] = r;
    rows.push({ label: `${fmt(n)} functions`, lines, ...r, findings: findingsOf(r.lint) });
  }

  let corpus;
  if (!opts['no-corpus'] && existsSync(corpusDir)) {
    process.stderr.write(`bench: corpus ${corpusDir}…\n`);
    const { discoverServiceFiles } = await import(pathToFileURL(join(root, 'dist', 'src', 'load', 'discover.js')).href);
    const { files } = discoverServiceFiles([corpusDir], root);
    const list = join(work, 'corpus-files.txt');
    writeFileSync(list, files.join('\n'));
    const lines = files.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length, 0);
    corpus = compare([bin, corpusDir, '--format', 'json'], [floorScript, `@${list}`]);
    rows.push({ label: `corpus (${fmt(files.length)} files)`, lines, ...corpus, findings: findingsOf(corpus.lint) });
  }

  // Cold start: an empty Node process, --version, and a 5-function lint.
  process.stderr.write('bench: cold start…\n');
  const small = writeService(join(work, 'cold'), 5);
  const cold = {};
  for (const [name, args] of [
    ['node (empty script)', ['-e', '']],
    ['iamlint --version', [bin, '--version']],
    ['iamlint, 5 functions, json', [bin, small, '--format', 'json']],
    ['iamlint, 5 functions, text', [bin, small]],
  ]) {
    const list = Array.from({ length: runs }, () => measure(args, { cwd: dirname(small) }));
    cold[name] = { wall: median(list.map((m) => m.wall)), cpu: median(list.map((m) => m.cpu)), rss: median(list.map((m) => m.rss)) };
  }

  let stages;
  if (!opts['no-stages']) {
    stages = [];
    for (const n of sizes.filter((s) => s >= 1000)) {
      process.stderr.write(`bench: in-process stages, ${n} functions…\n`);
      const file = join(work, `svc-${n}`, 'serverless.yml');
      const child = spawnSync(process.execPath, [stagesScript, file, String(Math.max(3, runs))], { encoding: 'utf8', cwd: dirname(file) });
      if (child.status === 0) stages.push({ n, ...JSON.parse(child.stdout) });
      else process.stderr.write(`bench: stages failed: ${child.stderr.slice(0, 500)}\n`);
    }
  }

  // ---------------------------------------------------------------- report
  const loadAfter = loadavg();
  const cpuList = cpus();
  log('## iamlint benchmark');
  log();
  log(
    `Machine: ${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'cpu'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ` +
      `${process.platform}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after. ` +
      `Median of ${runs} runs; peak RSS from ${hasTime ? '/usr/bin/time' : 'process.resourceUsage()'}.`,
  );
  log();
  log('`iamlint <file> --format json` (a new process each run) next to the floor, a process that only reads and `yaml`-parses the same file(s) (`parseDocument`, `uniqueKeys: false`).');
  log();
  log('| input | lines | iamlint wall ms | floor wall ms | × floor | iamlint CPU ms | floor CPU ms | iamlint peak RSS MB | floor RSS MB | findings |');
  log('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const r of rows) {
    log(
      `| ${r.label} | ${fmt(r.lines)} | ${fmt(r.lint.wall)} | ${fmt(r.floor.wall)} | ${fmt(r.lint.wall / r.floor.wall, 2)} | ${fmt(r.lint.cpu)} | ${fmt(r.floor.cpu)} | ${fmt(r.lint.maxRss)} | ${fmt(r.floor.maxRss)} | ${r.findings} |`,
    );
  }
  log();
  log('Cold start:');
  log();
  log('| command | wall ms | CPU ms | peak RSS MB |');
  log('|---|--:|--:|--:|');
  for (const [name, c] of Object.entries(cold)) log(`| ${name} | ${fmt(c.wall)} | ${fmt(c.cpu)} | ${fmt(c.rss)} |`);
  if (stages?.length) {
    log();
    log('In-process, by stage (`bench/stages.mjs`: CPU ms, user + system, except `wall`; first round cold, then the median of the others):');
    log();
    const keys = [...new Set(stages.flatMap((s) => Object.keys(s.warm)))];
    log(`| functions | round | ${keys.join(' | ')} |`);
    log(`|---|---|${keys.map(() => '--:').join('|')}|`);
    for (const s of stages) {
      for (const kind of ['cold', 'warm']) log(`| ${fmt(s.n)} | ${kind} | ${keys.map((k) => fmt(s[kind][k] ?? 0)).join(' | ')} |`);
    }
  }

  // ---------------------------------------------------------------- targets
  log();
  log('Targets:');
  log();
  const check = (ok, text) => log(`- ${ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL'} ${text}`);
  const r5 = results[5];
  const r1k = results[1000];
  const r5k = results[5000];
  check(r5 && r5.lint.wall <= 1.5 * r5.floor.wall, `5 functions within 1.5× of the floor (wall ${r5 ? fmt(r5.lint.wall / r5.floor.wall, 2) : '?'}×, CPU ${r5 ? fmt(r5.lint.cpu / r5.floor.cpu, 2) : '?'}×)`);
  check(r1k && r1k.lint.wall < 500, `1,000 functions under 0.5 s (wall ${r1k ? fmt(r1k.lint.wall) : '?'} ms, CPU ${r1k ? fmt(r1k.lint.cpu) : '?'} ms)`);
  check(
    r1k && r5k && r5k.lint.wall <= 5.5 * r1k.lint.wall,
    `linear growth: 5,000 ≤ 5.5 × 1,000 (wall ${r1k && r5k ? fmt(r5k.lint.wall / r1k.lint.wall, 2) : '?'}×, CPU ${r1k && r5k ? fmt(r5k.lint.cpu / r1k.lint.cpu, 2) : '?'}×)`,
  );
  check(r5k && r5k.lint.maxRss < 200, `peak RSS under 200 MB at 5,000 functions (${r5k ? fmt(r5k.lint.maxRss) : '?'} MB)`);
  check(corpus && corpus.lint.wall < 5000, `whole corpus under 5 s (${corpus ? `wall ${fmt(corpus.lint.wall)} ms, CPU ${fmt(corpus.lint.cpu)} ms` : 'not run'})`);
  const internal = rows.filter((r) => r.lint.status !== 0 && r.lint.status !== 1);
  if (internal.length) log(`\nExit code 2 (internal error or usage) for: ${internal.map((r) => r.label).join(', ')}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
