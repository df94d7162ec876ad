/**
 * iamlint's library API: load a Serverless service with source locations, synthesize
 * each function's effective IAM role, lint it.
 *
 *   import { loadService, synthesize } from 'iamlint';
 *   const { service } = loadService('serverless.yml', { stage: 'prod' });
 *   if (service) console.log(synthesize(service).roles);
 */
export { loadService, loadParsedService, type LoadedService } from './load-service.js';
export { synthesize, toCloudFormation } from './synthesize/index.js';
export { discoverServiceFiles } from './load/discover.js';
export { formatPath, nodeAt, toPlain, Unknown } from './load/node.js';
export type * from './load/node.js';
export type * from './load/types.js';
export type * from './synthesize/model.js';
export type * from './engine/types.js';
