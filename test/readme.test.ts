/** The README's quick-start output is real: it is what the CLI prints on examples/orders today. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/shared.js';
import { runCli } from './integrations/helpers.js';

const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const example = join(PROJECT_ROOT, 'examples', 'orders');

/** The body of the console block that starts with `$ <command>`. */
function block(command: string): string {
  const start = readme.indexOf(`$ ${command}\n`);
  expect(start, `README shows \`$ ${command}\``).toBeGreaterThanOrEqual(0);
  const body = readme.slice(start + command.length + 3);
  return body.slice(0, body.indexOf('\n```'));
}

describe('README examples', () => {
  it('shows the real lint output and exit code', async () => {
    const { code, stdout } = await runCli([], example);
    expect(block('cd examples/orders && npx iamlint')).toBe(`${stdout.trimEnd()}\n$ echo $?\n${code}`);
  });

  it('shows the real roles output', async () => {
    const { stdout } = await runCli(['roles', '--function', 'processPayment'], example);
    expect(block('npx iamlint roles --function processPayment')).toBe(stdout.trimEnd());
  });
});
