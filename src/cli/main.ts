/** The iamlint command line: `main(argv)` returns the exit code; it never throws. */
import { ConfigError } from '../config/errors.js';
import { LINT_HELP, ROLES_HELP, UsageError, parseCliArgs } from './args.js';
import { processIO, type CliIO } from './io.js';
import { versionText } from './version.js';

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(args.topic === 'roles' ? ROLES_HELP : LINT_HELP);
        return 0;
      case 'version':
        io.stdout.write(await versionText());
        return 0;
      // Loaded on demand: --help and --version need neither the rules nor the pipeline.
      case 'lint':
        return await (await import('./lint.js')).runLint(args, io);
      case 'roles':
        return await (await import('./roles.js')).runRoles(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      const hint = e instanceof UsageError && /^unknown option|^unexpected argument|needs a value|does not take/.test(e.message);
      io.stderr.write(`iamlint: ${e.message}${hint ? ' (see "iamlint --help")' : ''}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr.write(`iamlint: internal error: ${err?.message ?? String(e)}\n`);
    if (io.env.IAMLINT_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
    return 2;
  }
}
