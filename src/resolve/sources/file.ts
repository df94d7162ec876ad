/**
 * `${file(path)}` and `${file(path):a.b}`: YAML/JSON files (and `.tfstate`, which is JSON)
 * relative to the service folder, confined to the project. Code files are never read nor
 * executed; other files (read as plain text by the Framework) are not read either.
 */
import { extname } from 'node:path';
import { addressSegments, type SourceHandler } from '../context.js';
import { invalid, missing, offline } from '../outcome.js';

const DATA_FILES = new Set(['.yml', '.yaml', '.json', '.tfstate']);
const CODE_FILES = new Set(['.js', '.ts', '.mjs', '.cjs']);

export const fileSource: SourceHandler = (call, ctx) => {
  const path = call.params?.[0];
  if (typeof path !== 'string' || path === '') return invalid('file() needs a path: ${file(./config.yml)}');
  // Confinement first: a path outside the project is an error whatever it names.
  const location = ctx.locateInclude(path);
  if (location.kind === 'refused') return invalid(location.reason, 'file-outside-project');
  const extension = extname(path).toLowerCase();
  if (CODE_FILES.has(extension)) return offline(`${path} is code; iamlint never executes code`);
  if (!DATA_FILES.has(extension)) {
    return {
      kind: 'unknown',
      reason: `${path} is not read (only .yml, .yaml, .json and .tfstate files are)`,
      report: { code: 'unresolved-variable', severity: 'warning' },
    };
  }

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
