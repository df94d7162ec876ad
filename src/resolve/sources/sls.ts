/** `${sls:stage}` and `${sls:instanceId}`. */
import type { SourceHandler } from '../context.js';
import { missing, offline } from '../outcome.js';

export const slsSource: SourceHandler = (call, ctx) => {
  if (call.address === 'stage') return ctx.stage();
  if (call.address === 'instanceId') return offline('sls:instanceId changes on every deployment');
  return missing(`sls: has no "${call.address ?? ''}" (only stage and instanceId)`);
};
