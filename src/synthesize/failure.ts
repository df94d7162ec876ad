/**
 * The Framework refusing to package (semantics §9): thrown inside the simulation, caught by
 * `synthesize` and recorded as `ServiceModel.failure`. Messages are the Framework's exact text.
 */
import { inspect } from 'node:util';
import type { Path } from '../load/node.js';
import type { FrameworkFailure } from './model.js';
import { toOrdinary, type Val } from './plain.js';

export class FrameworkError extends Error {
  readonly failure: FrameworkFailure;
  constructor(failure: FrameworkFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export function fail(message: string, opts: { code?: string; at?: Path; function?: string } = {}): never {
  const failure: FrameworkFailure = { message };
  if (opts.code !== undefined) failure.code = opts.code;
  if (opts.at !== undefined) failure.at = opts.at;
  if (opts.function !== undefined) failure.function = opts.function;
  throw new FrameworkError(failure);
}

/**
 * The per-function errors of the built-in roles (`_throwError`): prefix `ERROR: `, and when an
 * argument is passed, `util.format(msg, [arg])` appends a space and the inspected array.
 */
export function perFunctionErrorText(prefix: string, msg: string, arg?: Val): string {
  const formatted = arg === undefined ? msg : `${msg} ${inspect([toOrdinary(arg)])}`;
  return `${prefix}${formatted}`;
}

