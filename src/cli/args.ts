/** Command-line parsing with node:util parseArgs; every mistake is a UsageError (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type LintFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';
export type RolesFormat = 'text' | 'json' | 'cloudformation' | 'mermaid' | 'dot';

interface Common {
  paths: string[];
  config?: string;
  stage?: string;
  region?: string;
  output?: string;
}

export interface LintArgs extends Common {
  command: 'lint';
  preset?: string;
  rules: string[];
  format: LintFormat;
  maxWarnings: number;
  quiet: boolean;
  printConfig?: string;
  /** `--sarif-file FILE`: also write SARIF there, whatever `--format` is. */
  sarifFile?: string;
}

export interface RolesArgs extends Common {
  command: 'roles';
  functions: string[];
  format: RolesFormat;
}

export type CliArgs = LintArgs | RolesArgs | { command: 'help'; topic: 'lint' | 'roles' } | { command: 'version' };

const COMMON = {
  config: { type: 'string', short: 'c' },
  stage: { type: 'string', short: 's' },
  region: { type: 'string', short: 'r' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

const LINT_OPTIONS = {
  ...COMMON,
  preset: { type: 'string', short: 'p' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'print-config': { type: 'string' },
  'sarif-file': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

const ROLES_OPTIONS = {
  ...COMMON,
  function: { type: 'string', multiple: true },
} as const satisfies ParseArgsConfig['options'];

/** parseArgs' messages are long and mention internals; keep the gist, on one line. */
function usageMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = String(err.message ?? e);
  const quoted = /'([^']+)'/.exec(msg)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? msg}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // Node names options as `-f, --format <value>`; keep the long name.
      const name = quoted?.replace(/ <value>$/, '').replace(/^-\w, /, '');
      if (name && /argument missing/.test(msg)) return `option ${name} needs a value`;
      if (name && /does not take an argument/.test(msg)) return `option ${name} does not take a value`;
      if (name && /is ambiguous/.test(msg)) return `option ${name} needs a value (write ${name}=VALUE for a value starting with "-")`;
      return msg.split('\n')[0]!;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ?? msg}`;
    default:
      return msg.split('\n')[0]!;
  }
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: expected one of ${allowed.join(', ')}, got "${value}"`);
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value;
}

export function parseCliArgs(argv: string[]): CliArgs {
  const isRoles = argv[0] === 'roles';
  const args = isRoles ? argv.slice(1) : argv;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: isRoles ? ROLES_OPTIONS : LINT_OPTIONS,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(usageMessage(e));
  }
  const v = parsed.values as Record<string, string | string[] | boolean | undefined>;
  if (v.help) return { command: 'help', topic: isRoles ? 'roles' : 'lint' };
  if (v.version) return { command: 'version' };
  const common: Common = {
    paths: parsed.positionals,
    config: nonEmpty(v.config as string | undefined, '--config'),
    stage: nonEmpty(v.stage as string | undefined, '--stage'),
    region: nonEmpty(v.region as string | undefined, '--region'),
    output: nonEmpty(v.output as string | undefined, '--output'),
  };
  if (isRoles) {
    return {
      command: 'roles',
      ...common,
      functions: (v.function as string[] | undefined) ?? [],
      format: pick(v.format as string | undefined, ['text', 'json', 'cloudformation', 'mermaid', 'dot'] as const, '--format', 'text'),
    };
  }
  let maxWarnings = -1;
  const mw = v['max-warnings'] as string | undefined;
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw.trim())) throw new UsageError(`--max-warnings: expected a whole number, got "${mw}"`);
    maxWarnings = Number(mw.trim());
  }
  return {
    command: 'lint',
    ...common,
    preset: nonEmpty(v.preset as string | undefined, '--preset'),
    rules: (v.rule as string[] | undefined) ?? [],
    format: pick(v.format as string | undefined, ['text', 'json', 'sarif', 'github', 'markdown'] as const, '--format', 'text'),
    maxWarnings,
    quiet: Boolean(v.quiet),
    printConfig: nonEmpty(v['print-config'] as string | undefined, '--print-config'),
    sarifFile: nonEmpty(v['sarif-file'] as string | undefined, '--sarif-file'),
  };
}

export const LINT_HELP = `Usage: iamlint [paths...] [options]
       iamlint roles [paths...] [options]

Lint the effective IAM role of every Lambda function of Serverless Framework services.
Paths are service files or folders to search (default: the service file of the current folder).

Options:
  -p, --preset NAME         Base preset: recommended (default) or strict
  -c, --config FILE         Use this config file instead of searching for .iamlintrc*
      --rule ID:SEVERITY    Set a rule's severity (off, warn, error); repeatable
  -f, --format FORMAT       text (default), json, sarif (GitHub code scanning), github
                            (workflow-command annotations) or markdown (pull-request summary)
  -o, --output FILE         Write the report to FILE instead of standard output
      --sarif-file FILE     Also write SARIF to FILE (whatever --format is), e.g. for upload-sarif
      --max-warnings N      Exit with 1 when there are more than N warnings
  -q, --quiet               Report errors only
  -s, --stage STAGE         Stage used to resolve variables (default: provider.stage, else dev)
  -r, --region REGION       Region used to resolve variables (default: provider.region, else us-east-1)
      --print-config FILE   Print the configuration that applies to FILE, as JSON, and exit
  -v, --version             Print the version and exit
  -h, --help                Print this help and exit

Commands:
  roles                     Show the role each function runs with and why (iamlint roles --help)

Exit codes: 0 no errors (and warnings within --max-warnings), 1 lint errors or too many
warnings, 2 usage, configuration or internal error.
`;

export const ROLES_HELP = `Usage: iamlint roles [paths...] [options]

Show, for each function, the IAM role it runs with and why: the statements grouped by where
they come from (provider, the function, inherited, granted by the Framework, resources), managed
policies, permissions boundary, trust and role name, each with the file:line it was written at.

Options:
      --function NAME       Only this function (a glob over function keys); repeatable
  -f, --format FORMAT       text (default), json (the role model with locations, see
                            docs/roles-json.md), cloudformation (the roles and functions as
                            CloudFormation would receive them), mermaid (a flowchart GitHub
                            renders in Markdown) or dot (Graphviz)
  -c, --config FILE         Config file whose settings (stage, region, params, env) apply
  -s, --stage STAGE         Stage used to resolve variables
  -r, --region REGION       Region used to resolve variables
  -o, --output FILE         Write to FILE instead of standard output
  -h, --help                Print this help and exit

Exit codes: 0 every service's roles were built, 1 a service could not be read or the
Framework would refuse to package it, 2 usage, configuration or internal error.
`;
