#!/usr/bin/env node
/**
 * The `iamlint` command: runs the bundled CLI (dist/iamlint.cjs, made by `npm run build`) with
 * the V8 code cache the build made for it (dist/iamlint.cjs.cache).
 *
 * Why: most of a small lint is start-up, and most of start-up is compiling the CLI's code;
 * with the cache V8 skips it (a 5-function lint: ~250 → ~170 ms CPU here). A missing cache, or
 * one made by another Node version (V8 rejects it), only costs that time again.
 * CommonJS, so that starting does not also pay for Node's ES module loader.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'iamlint.cjs');
const CACHE = `${BUNDLE}.cache`;

/** The bundle's exports (`main`) and its compiled script (the build makes the cache from it). */
function loadBundle({ useCache = true } = {}) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  if (useCache) {
    try {
      cachedData = readFileSync(CACHE);
    } catch {
      // no cache: compile as usual
    }
  }
  const script = new Script(wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { main: module.exports.main, script };
}

module.exports = { loadBundle, BUNDLE, CACHE };

if (require.main === module) {
  let main;
  try {
    main = loadBundle().main;
  } catch (e) {
    process.stderr.write(`iamlint: cannot start (${e?.message ?? String(e)}); is the package built? (npm run build)\n`);
    process.exit(2);
  }
  main(process.argv.slice(2)).then(
    (code) => {
      // A failed write may already have set 2 (see src/cli/io.ts); keep the worse code.
      process.exitCode = Math.max(code, Number(process.exitCode ?? 0));
    },
    (e) => {
      process.stderr.write(`iamlint: internal error: ${e?.message ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
