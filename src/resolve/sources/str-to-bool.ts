/** `${strToBool(x)}`: `true`/`1` → true, `false`/`0` → false (trimmed, any case), as the Framework. */
import type { SourceHandler } from '../context.js';
import { invalid, value } from '../outcome.js';

export const strToBoolSource: SourceHandler = (call) => {
  const input = call.params?.[0];
  if (input === undefined || input === null) return invalid('strToBool needs an input: ${strToBool(value)}');
  const text = String(input).trim().toLowerCase();
  if (text === 'true' || text === '1') return value(true);
  if (text === 'false' || text === '0') return value(false);
  return invalid(`strToBool input "${String(input)}" is not true, false, 1 or 0`);
};
