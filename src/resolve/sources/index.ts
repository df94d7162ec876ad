/** Variable sources by name. Anything else is an unknown source. */
import type { SourceHandler } from '../context.js';
import { awsSource } from './aws.js';
import { envSource } from './env.js';
import { fileSource } from './file.js';
import { offlineSource, OFFLINE_SOURCES } from './offline.js';
import { optSource } from './opt.js';
import { paramSource } from './param.js';
import { selfSource } from './self.js';
import { slsSource } from './sls.js';
import { strToBoolSource } from './str-to-bool.js';

const HANDLERS = new Map<string, SourceHandler>([
  ['self', selfSource],
  ['opt', optSource],
  ['env', envSource],
  ['sls', slsSource],
  ['aws', awsSource],
  ['param', paramSource],
  ['file', fileSource],
  ['strToBool', strToBoolSource],
  ...OFFLINE_SOURCES.map((name): [string, SourceHandler] => [name, offlineSource]),
]);

const unknownSource: SourceHandler = (call) => ({
  kind: 'unknown',
  reason: `unknown variable source "${call.type}" (a plugin's or a Framework v4 resolver's, not read by iamlint)`,
  report: { code: 'unknown-variable-source', severity: 'warning' },
});

export function sourceHandler(type: string): SourceHandler {
  return HANDLERS.get(type) ?? unknownSource;
}
