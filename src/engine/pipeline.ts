/**
 * The stages `lintFile` runs, as one replaceable object (tests inject fakes):
 * load → shape check → resolve → synthesize.
 */
import { checkServiceShape, readParsedFile } from '../load/index.js';
import type { Diagnostic } from '../load/node.js';
import type { LoadOptions, ParsedFile, ResolvedService } from '../load/types.js';
import { resolveService } from '../resolve/index.js';
import type { ServiceModel } from '../synthesize/model.js';
import { synthesize } from '../synthesize/index.js';

export interface Pipeline {
  readParsedFile(file: string, options?: { maxFileBytes?: number }): ParsedFile | Promise<ParsedFile>;
  /** A `not-serverless-config` diagnostic (or several diagnostics) when the file is not a service. */
  checkServiceShape(parsed: ParsedFile): Diagnostic | Diagnostic[] | undefined;
  /** Called only with a parsed file that has a `root`. */
  resolveService(parsed: ParsedFile, options: LoadOptions): ResolvedService | Promise<ResolvedService>;
  synthesize(resolved: ResolvedService): ServiceModel | Promise<ServiceModel>;
}

export const realPipeline: Pipeline = {
  readParsedFile,
  checkServiceShape,
  resolveService: resolveService as Pipeline['resolveService'],
  synthesize,
};

/** The real stages, except those given. */
export async function completePipeline(given: Partial<Pipeline> = {}): Promise<Pipeline> {
  const out: Pipeline = { ...realPipeline };
  for (const [stage, fn] of Object.entries(given) as Array<[keyof Pipeline, Pipeline[keyof Pipeline] | undefined]>) {
    if (typeof fn === 'function') (out as unknown as Record<string, unknown>)[stage] = fn;
  }
  return out;
}
