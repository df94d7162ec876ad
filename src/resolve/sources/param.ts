/**
 * `${param:name}`: `options.params`, then the config's stage params, then its default
 * params. Both layouts are read: v3 `params.<stage>.name` and v4 `stages.<stage>.params.name`.
 */
import type { SourceHandler } from '../context.js';
import { invalid, missing, value } from '../outcome.js';

export const paramSource: SourceHandler = (call, ctx) => {
  const name = call.address;
  if (!name) return invalid('param: needs a name (${param:name})');
  const given = ctx.options.params;
  if (given && Object.prototype.hasOwnProperty.call(given, name) && given[name] !== undefined) return value(given[name]!);

  const stage = ctx.stage();
  let stageName: string | undefined;
  if (stage.kind === 'value' && stage.value !== null) stageName = String(stage.value);
  else if (stage.kind === 'found' && stage.reached.node.kind === 'scalar') stageName = String(stage.reached.node.value);
  else if (stage.kind === 'unknown') return { kind: 'unknown', reason: `the stage is unknown (${stage.reason})` };

  const candidates = [
    ...(stageName !== undefined ? [['stages', stageName, 'params', name], ['params', stageName, name]] : []),
    ['stages', 'default', 'params', name],
    ['params', 'default', name],
  ];
  for (const path of candidates) {
    const outcome = ctx.walk(ctx.configRoot, path, 'the service config', []);
    if (outcome.kind !== 'missing') return outcome;
  }
  return missing(
    `param "${name}" is not set (settings.params, params.${stageName ?? '<stage>'}, params.default); Serverless Dashboard parameters are not read`,
  );
};
