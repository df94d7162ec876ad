/** `${env:NAME}`: environment variables (`settings.env` or the process environment). */
import type { SourceHandler } from '../context.js';
import { invalid, missing, value } from '../outcome.js';

export const envSource: SourceHandler = (call, ctx) => {
  if (!call.address) return invalid('env: needs a variable name (${env:NAME})');
  const found = Object.prototype.hasOwnProperty.call(ctx.env, call.address) ? ctx.env[call.address] : undefined;
  return found === undefined ? missing(`environment variable ${call.address} is not set`) : value(found);
};
