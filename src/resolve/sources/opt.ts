/** `${opt:…}`: CLI options. iamlint knows only `--stage` and `--region`. */
import type { SourceHandler } from '../context.js';
import { missing, value } from '../outcome.js';

export const optSource: SourceHandler = (call, ctx) => {
  const given = call.address === 'stage' ? ctx.options.stage : call.address === 'region' ? ctx.options.region : undefined;
  if (given !== undefined) return value(given);
  return missing(`option --${call.address ?? ''} is not given`);
};
