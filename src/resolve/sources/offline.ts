/** Sources whose values live in AWS or a SaaS: never fetched, they stay unknown. */
import type { SourceHandler } from '../context.js';
import { offline } from '../outcome.js';

const WHAT: Record<string, string> = {
  ssm: 'SSM parameter',
  s3: 'S3 object',
  cf: 'CloudFormation stack output',
  secretsmanager: 'Secrets Manager secret',
  output: 'Serverless Dashboard output',
};

export const OFFLINE_SOURCES = Object.keys(WHAT);

export const offlineSource: SourceHandler = (call) => {
  const what = WHAT[call.type] ?? call.type;
  const address = call.address ? ` ${call.address}` : '';
  return offline(`${what}${address} is not read (iamlint works offline)`);
};
