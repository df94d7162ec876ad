/** `${self:path}`: any value of the service config, resolved on demand. */
import { addressSegments, type SourceHandler } from '../context.js';

export const selfSource: SourceHandler = (call, ctx) => {
  const segments = addressSegments(call.address);
  const outcome = ctx.walk(ctx.configRoot, segments, 'the service config', []);
  // The Framework fills provider.stage / provider.region in when they are not written.
  if (outcome.kind === 'missing' && segments.length === 2 && segments[0] === 'provider') {
    if (segments[1] === 'stage') return ctx.stage();
    if (segments[1] === 'region') return ctx.region();
  }
  return outcome;
};
