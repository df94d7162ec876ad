/**
 * The stages `lintFile` runs, as one replaceable object (tests inject fakes):
 * load → shape check → resolve → synthesize.
 */
import type { Diagnostic } from '../load/node.js';
import type { LoadOptions, ParsedFile, ResolvedService } from '../load/types.js';
import type { ServiceModel } from '../synthesize/model.js';

export interface Pipeline {
  readParsedFile(file: string, options?: { maxFileBytes?: number }): ParsedFile | Promise<ParsedFile>;
  /** A `not-serverless-config` diagnostic (or several diagnostics) when the file is not a service. */
  checkServiceShape(parsed: ParsedFile): Diagnostic | Diagnostic[] | undefined;
  resolveService(parsed: ParsedFile, options: LoadOptions): ResolvedService | Promise<ResolvedService>;
  synthesize(resolved: ResolvedService): ServiceModel | Promise<ServiceModel>;
}

type Stage = keyof Pipeline;

const loaders: Record<Stage, () => Promise<Pipeline[Stage]>> = {
  readParsedFile: async () => (await import('../load/index.js')).readParsedFile,
  checkServiceShape: async () => (await import('../load/index.js')).checkServiceShape,
  resolveService: async () => (await import('../resolve/index.js')).resolveService as Pipeline['resolveService'],
  // Computed specifier while the synthesize stage is being written, so the engine typechecks without it.
  synthesize: async () => {
    const spec = '../synthesize/index.js';
    return ((await import(spec)) as { synthesize: Pipeline['synthesize'] }).synthesize;
  },
};

/** The real stages, except those given. */
export async function completePipeline(given: Partial<Pipeline> = {}): Promise<Pipeline> {
  const out: Partial<Record<Stage, unknown>> = { ...given };
  for (const stage of Object.keys(loaders) as Stage[]) {
    if (typeof out[stage] !== 'function') out[stage] = await loaders[stage]();
  }
  return out as Pipeline;
}
