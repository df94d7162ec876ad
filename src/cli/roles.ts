/** `iamlint roles [paths…]`: the role model of each service, as text, JSON or CloudFormation. */
import { ConfigResolver } from '../config/index.js';
import { lintFile } from '../engine/lint.js';
import { formatRolesJson, formatRolesText, relativePath, selectFunctions, shouldUseColor, type RolesInput } from '../report/index.js';
import { formatRolesDot, formatRolesMermaid } from '../report/roles-graph.js';
import { toCloudFormation, type ServiceModel } from '../synthesize/index.js';
import { UsageError, type RolesArgs } from './args.js';
import type { CliIO } from './io.js';
import { discover, emit, loadOptionsFor, type EnvCache } from './lint.js';
import { registry } from './registry.js';

type CloudFormationOutput = ReturnType<typeof toCloudFormation>;

/** Keep only the selected functions (and the roles they use) in a `toCloudFormation` document. */
function filterCloudFormation(doc: CloudFormationOutput, model: ServiceModel, globs: string[]): CloudFormationOutput {
  if (!globs.length || 'error' in doc) return doc;
  const keep = new Set(selectFunctions(model, globs).map((f) => f.key));
  const roleIds = new Set(model.functions.filter((f) => keep.has(f.key) && f.roleLogicalId).map((f) => f.roleLogicalId!));
  return {
    roles: Object.fromEntries(Object.entries(doc.roles).filter(([id]) => roleIds.has(id))),
    functions: Object.fromEntries(Object.entries(doc.functions).filter(([k]) => keep.has(k))),
  };
}

export async function runRoles(args: RolesArgs, io: CliIO): Promise<number> {
  const resolver = new ConfigResolver({
    registry,
    cwd: io.cwd,
    configFile: args.config,
    settings: { stage: args.stage, region: args.region },
  });
  const files = discover(args.paths, io);
  const inputs: RolesInput[] = [];
  let failed = false;
  let internal = false;
  const envCache: EnvCache = new Map();
  for (const file of files) {
    const config = resolver.resolveConfigForFile(file);
    const r = await lintFile(file, {
      registry,
      rules: {},
      loadOptions: loadOptionsFor(config, io.env, file, io.cwd, envCache),
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    });
    if (r.internalError) internal = true;
    if (r.model) {
      inputs.push({ filePath: r.filePath, model: r.model });
      if (r.model.failure) failed = true;
    } else {
      failed = true;
      const why = r.findings.find((f) => f.severity === 'error') ?? r.findings[0];
      const where = why ? `${relativePath(why.file, io.cwd)}:${why.line}:${why.column}: ` : '';
      inputs.push({ filePath: r.filePath, error: why ? `${where}${why.message} [${why.ruleId}]` : 'no roles could be built' });
    }
  }
  if (args.functions.length && !inputs.some((i) => i.model && selectFunctions(i.model, args.functions).length)) {
    throw new UsageError(`--function: no function matches ${args.functions.join(', ')}`);
  }

  let text: string;
  if (args.format === 'cloudformation') {
    const docs = inputs.map((i) => ({
      key: relativePath(i.filePath, io.cwd),
      doc: i.model ? filterCloudFormation(toCloudFormation(i.model), i.model, args.functions) : { error: { message: i.error } },
    }));
    const value = docs.length === 1 ? docs[0]!.doc : Object.fromEntries(docs.map((d) => [d.key, d.doc]));
    text = `${JSON.stringify(value, null, 2)}\n`;
  } else if (args.format === 'mermaid') {
    text = formatRolesMermaid(inputs, { cwd: io.cwd, functions: args.functions });
  } else if (args.format === 'dot') {
    text = formatRolesDot(inputs, { cwd: io.cwd, functions: args.functions });
  } else if (args.format === 'json') {
    text = formatRolesJson(inputs, { cwd: io.cwd, functions: args.functions });
  } else {
    const color = args.output === undefined && shouldUseColor(io.stdout, io.env);
    text = formatRolesText(inputs, { cwd: io.cwd, color, functions: args.functions });
  }
  emit(text, args, io);
  if (internal) return 2;
  return failed ? 1 : 0;
}
