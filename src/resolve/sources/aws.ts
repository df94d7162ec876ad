/** `${aws:region}` and `${aws:accountId}`. */
import type { SourceHandler } from '../context.js';
import { missing, offline, value } from '../outcome.js';

export const awsSource: SourceHandler = (call, ctx) => {
  if (call.address === 'region') return ctx.region();
  if (call.address === 'accountId') {
    // A symbolic id, never a made-up one: later stages treat the account as unknown.
    return ctx.options.accountId !== undefined ? value(ctx.options.accountId) : offline('account id not configured (settings.accountId)');
  }
  return missing(`aws: has no "${call.address ?? ''}" (only region and accountId)`);
};
