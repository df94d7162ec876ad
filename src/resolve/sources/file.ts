/**
 * `${file(path)}` and `${file(path):a.b}`: YAML/JSON files relative to the service
 * folder, confined to the project. Code files are never read nor executed.
 */
import { extname } from 'node:path';
import { addressSegments, type SourceHandler } from '../context.js';
import { invalid, missing, offline } from '../outcome.js';

const DATA_FILES = new Set(['.yml', '.yaml', '.json']);
const CODE_FILES = new Set(['.js', '.ts', '.mjs', '.cjs']);

export const fileSource: SourceHandler = (call, ctx) => {
  const path = call.params?.[0];
  if (typeof path !== 'string' || path === '') return invalid('file() needs a path: ${file(./config.yml)}');
  const extension = extname(path).toLowerCase();
  if (CODE_FILES.has(extension)) return offline(`${path} is code; iamlint never executes code`);
  if (!DATA_FILES.has(extension)) return invalid(`${path}: only .yml, .yaml and .json files are read`);

  const include = ctx.readInclude(path, call.site);
  switch (include.kind) {
    case 'missing':
      return missing(include.reason);
    case 'refused':
      return invalid(include.reason, 'file-outside-project');
    case 'failed':
      return { kind: 'unknown', reason: include.reason }; // its own diagnostics were forwarded
    case 'ok':
      return ctx.walk(include.root, addressSegments(call.address), path);
  }
};
