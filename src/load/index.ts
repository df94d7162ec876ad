/** The load stage: find service files, read and parse them into located trees. */
export * from './node.js';
export type * from './types.js';
export { parseYaml, type ParseLimits } from './parse.js';
export { readParsedFile, DEFAULT_MAX_FILE_BYTES, type ReadOptions } from './read.js';
export { CFN_TAG_NAMES } from './cfn-tags.js';
export { DEFAULT_MAX_ALIAS_NODES } from './yaml-tree.js';
export { MAX_NESTING_DEPTH } from './nesting-depth.js';
export { fileStartSpan } from './span.js';
export { checkServiceShape } from './service-shape.js';
export { discoverServiceFiles, SERVICE_FILE_NAMES, type Discovery } from './discover.js';
