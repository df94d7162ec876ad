/**
 * Very large services complete, in time that grows linearly. The services are the
 * benchmark's (`bench/generate.mjs`): realistic statements, events, variables and includes.
 * CPU time, not wall time, is measured: the machine may be busy with other work.
 * `IAMLINT_HEAVY=1` adds the full lint of 5,000 functions on one shared role.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript module shared with the benchmark
import { writeService } from '../../bench/generate.mjs';
import { cpuMs, fullLint, pipeline, tempProject } from './helpers.js';

const write = writeService as (dir: string, functions: number, options?: { mode?: string }) => string;
const HEAVY = Boolean(process.env.IAMLINT_HEAVY);

describe('5,000 functions', () => {
  it('load, resolve and synthesize complete, with every function and no error', async () => {
    const file = write(tempProject(), 5000);
    const { value: result, ms } = await cpuMs(() => pipeline(file));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.model?.functions).toHaveLength(5000);
    expect(result.model?.failure).toBeUndefined();
    // About 3 s of CPU on a slow shared machine; a quadratic step would take minutes.
    expect(ms).toBeLessThan(30_000);
  });

  it('load, resolve and synthesize grow linearly: five times the functions, not 25 times the time', async () => {
    const small = write(join(tempProject(), 'small'), 400);
    const large = write(join(tempProject(), 'large'), 2000);
    pipeline(small); // warm up
    const best = async (file: string) => Math.min((await cpuMs(() => pipeline(file))).ms, (await cpuMs(() => pipeline(file))).ms);
    const a = await best(small);
    const b = await best(large);
    // Linear is 5; garbage collection of the bigger heap adds some. Quadratic would be 25.
    expect(b / a).toBeLessThan(10);
  });

  it('the full lint of 5,000 functions with a role each completes without internal errors', async () => {
    const file = write(tempProject(), 5000, { mode: 'perFunction' });
    const { value: result, ms } = await cpuMs(() => fullLint(file));
    expect(result.internalError).toBe(false);
    expect(result.model?.roles.length).toBeGreaterThanOrEqual(5000);
    expect(ms).toBeLessThan(60_000);
  }, 180_000);

  it.runIf(HEAVY)('the full lint of 5,000 functions on one shared role completes', async () => {
    const file = write(tempProject(), 5000);
    const { value: result, ms } = await cpuMs(() => fullLint(file));
    expect(result.internalError).toBe(false);
    expect(ms).toBeLessThan(60_000);
  }, 600_000);
});
