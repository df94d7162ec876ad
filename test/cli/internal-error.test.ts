/** A rule that throws: its `internal-error` finding is reported and the run exits with 2. */
import { describe, expect, it, vi } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Rule } from '../../src/engine/types.js';
import { makeTree } from '../config/fixtures.js';
import { CLEAN } from './fixtures.js';

vi.mock('../../src/cli/registry.js', async () => {
  const { rules } = await import('../../rules/index.js');
  const crash: Rule = {
    meta: {
      id: 'test-crash',
      type: 'problem',
      description: 'throws',
      docs: 'https://example.invalid',
      messages: { m: 'm' },
      presets: { recommended: 'off', strict: 'off' },
      security: { securitySeverity: 1, precision: 'low', tags: [] },
    },
    create: () => ({
      service() {
        throw new Error('boom');
      },
    }),
  };
  return { registry: { ...rules, 'test-crash': crash } };
});

describe('internal errors', () => {
  it('are reported as findings, exit 2, no stack trace', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: makeTree({ 'serverless.yml': CLEAN }), env: {} };
    const code = await main(['--rule', 'test-crash:warn'], io);
    expect(code).toBe(2);
    expect(stdout).toMatch(/^serverless\.yml:1:1: error Rule "test-crash" failed: boom \[internal-error\]$/m);
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(stderr).toBe('');
  });
});
