/** Locates ../shared (spec, v4 cases, corpus). Tests that need it skip with a clear message when it is absent. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROJECT_ROOT = projectRoot;
export const SHARED_DIR = process.env.IAMLINT_SHARED_DIR ?? resolve(projectRoot, '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED_DIR, 'spec'));
export const SKIP_SHARED_REASON = `skipped: ${SHARED_DIR} is absent (tests that read ../shared run in CI, where it is present)`;

if (!HAS_SHARED) {
  // Said once per test file that imports this, so a skip is never silent.
  console.warn(`[iamlint tests] ${SKIP_SHARED_REASON}`);
}
export const sharedPath = (...parts: string[]) => join(SHARED_DIR, ...parts);
