/** Synthesis of each Lambda function's effective IAM role, as Serverless Framework v4.41 builds it. */
export { synthesize } from './synthesize.js';
export { toCloudFormation, type CloudFormationRoles } from './cloudformation.js';
export type * from './model.js';
