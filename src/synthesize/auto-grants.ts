/**
 * `applyPerFunctionPermissions` (semantics §6): the auto-grants of a dedicated role, built from
 * the function's own config only, in the Framework's order — logs (and the disableLogs Deny),
 * VPC and durable managed policies, streams, SQS, onError, websockets, MQ, Kafka, MSK,
 * CloudFront (+ trust), scheduler (+ trust), X-Ray, KMS, file system, destinations.
 */
import type { Path, Plain } from '../load/node.js';
import type { Sim } from './context.js';
import {
  CLOUDFRONT_LOGS_ACTIONS,
  cloudFrontLogsResource,
  ec2Statement,
  eventsOf,
  kafkaGrants,
  mqStatements,
  mskStatements,
  readStream,
  SQS_ACTIONS,
  StreamStatements,
  websocketResource,
} from './event-grants.js';
import { fileSystemActions, knownDestinationAction, kmsKeyOf, tracingOf } from './function-grants.js';
import type { GrantCause, Provenance } from './model.js';
import { durablePolicyArn, functionArnSub, logGroupArn, logGroupName, streamConsumerLogicalId, streamNameFromArn, vpcPolicyArn } from './naming.js';
import type { FunctionInfo } from './normalize.js';
import { deepEqual, get, isEmptyLodash, isObj, isStringLike, isUnknown, obj, type Obj, type Val } from './plain.js';
import { addTrustService, pushManagedPolicy, type GenRole } from './role-build.js';
import { customLogGroup, isInfrequentAccess } from './shared-role.js';

type AutoKind = Extract<Provenance, { kind: 'auto' }>['grant'];
const auto = (grant: AutoKind, causes: GrantCause[]): Provenance => ({ kind: 'auto', grant, causes });

/** Throws the Framework's per-function error (`_throwError(msg, arg)`). */
export type ThrowError = (msg: string, at: Path, arg?: Val) => never;

/** Statements being collected for a dedicated role, with provenance in step. */
export class StatementList {
  readonly docs: Plain[] = [];
  readonly provs: Provenance[] = [];
  push(doc: Plain, prov: Provenance): void {
    this.docs.push(doc);
    this.provs.push(prov);
  }
}

/** Where the dedicated log group comes from (an Unknown when its name is). */
function logGroupSource(sim: Sim, info: FunctionInfo): { group: Plain; at: Path } {
  const custom = customLogGroup(info.fn);
  if (custom) return { group: custom as Plain, at: [...info.path, 'logs', 'logGroup'] };
  const providerGroup = get(sim.n.provider, 'logs', 'lambda', 'logGroup');
  if (providerGroup) return { group: providerGroup, at: ['provider', 'logs', 'lambda', 'logGroup'] };
  return { group: logGroupName(info.fn.name, isInfrequentAccess(sim, info.fn)), at: info.path };
}

export function applyPerFunctionPermissions(sim: Sim, info: FunctionInfo, role: GenRole, list: StatementList, throwError: ThrowError): void {
  const { fn, key } = info;
  const cause = (...rest: Array<string | number>): GrantCause => ({ function: key, setting: [...info.path, ...rest] });

  // 1. Logs (always): one statement on the `:*:*` form; disableLogs adds a Deny on the same ARN.
  const logs = logGroupSource(sim, info);
  list.push(
    obj({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
      Resource: [logGroupArn(logs.group, ':*:*')],
    }),
    auto('logs', [{ function: key, setting: logs.at }]),
  );
  if (fn.disableLogs) {
    list.push(
      obj({ Effect: 'Deny', Action: ['logs:PutLogEvents'], Resource: [logGroupArn(logs.group, ':*:*')] }),
      auto('logs-deny', [cause('disableLogs')]),
    );
  }

  // 2. VPC: a non-empty function or provider vpc (function vpc: false does not stop the provider's).
  const fnVpc = !isEmptyLodash(fn.vpc);
  const providerVpc = !isEmptyLodash(sim.n.provider.vpc);
  if (fnVpc || providerVpc) {
    const causes: GrantCause[] = [];
    if (fnVpc) causes.push(cause('vpc'));
    if (providerVpc) causes.push({ setting: ['provider', 'vpc'] });
    pushManagedPolicy(role, vpcPolicyArn(), auto('vpc', causes));
  }

  // 3. Durable.
  if (fn.durableConfig) pushManagedPolicy(role, durablePolicyArn(), auto('durable', [cause('durableConfig')]));

  // 4. Streams.
  const streams = new StreamStatements();
  for (const e of eventsOf(info, 'stream')) {
    const s = readStream(e, sim);
    if (s.type === undefined && isUnknown(s.arn)) continue;
    const c: GrantCause = { function: key, setting: e.path };
    if (s.type === 'dynamodb') streams.add('dynamodb', s.arn, c);
    else if (s.type === 'kinesis') {
      if (s.consumer) {
        streams.add('kinesisConsumer', s.arn, c);
        const ref =
          s.consumer === true
            ? obj({
                Ref: streamConsumerLogicalId(key, streamNameFromArn(s.arn), !!get(sim.n.provider, 'kinesis', 'consumerNamingMode'), sim.n.service, sim.n.stage),
              })
            : (s.consumer as Plain);
        streams.add('subscribe', ref, { function: key, setting: [...e.path, 'consumer'] });
      } else streams.add('kinesis', s.arn, c);
    } else {
      throwError(`Unsupported stream type: ${s.type === undefined ? 'undefined' : s.type} for function: `, e.path, fn);
    }
    if (s.onFailure && s.onFailure.sns !== undefined) {
      streams.add(s.onFailure.sns ? 'onFailureSns' : 'onFailureSqs', s.onFailure.arn, {
        function: key,
        setting: [...e.path, 'destinations', 'onFailure'],
      });
    }
  }
  for (const [doc, prov] of streams.statements()) list.push(doc, prov);

  // 5. SQS: one statement with the function's queues.
  const queues = eventsOf(info, 'sqs');
  if (queues.length) {
    list.push(
      obj({
        Effect: 'Allow',
        Action: [...SQS_ACTIONS],
        Resource: queues.map((e) => (isObj(e.body) ? e.body.arn || e.body : e.body) as Plain),
      }),
      auto('sqs', queues.map((e) => ({ function: key, setting: e.path }))),
    );
  }

  // 6. onError: the raw value as Resource (not wrapped in a list).
  if (!isEmptyLodash(fn.onError)) {
    list.push(obj({ Effect: 'Allow', Action: ['sns:Publish'], Resource: fn.onError as Plain }), auto('on-error', [cause('onError')]));
  }

  // 7. WebSockets (even with an external websocketApiId).
  const ws = eventsOf(info, 'websocket');
  if (ws.length) {
    list.push(
      obj({ Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: [websocketResource()] }),
      auto('websocket', ws.map((e) => ({ function: key, setting: e.path }))),
    );
  }

  // 8. MQ (activemq and rabbitmq together).
  for (const [doc, prov] of mqStatements(info, ['rabbitmq', 'activemq'], true)) list.push(doc, prov);

  // 9. Kafka: only events with accessConfigurations.
  const kafka = kafkaGrants(info, false);
  if (kafka.secrets.length) {
    list.push(
      obj({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: kafka.secrets.map((x) => x.v) }),
      auto('kafka', kafka.secrets.map((x) => x.c)),
    );
  }
  if (kafka.ec2.length) list.push(ec2Statement(), auto('ec2-network', kafka.ec2));

  // 10. MSK.
  for (const [doc, prov] of mskStatements(info)) list.push(doc, prov);

  // 11. CloudFront: edgelambda trust + the logs statement.
  const cf = eventsOf(info, 'cloudFront');
  if (cf.length) {
    const prov = auto('cloudfront', cf.map((e) => ({ function: key, setting: e.path })));
    addTrustService(role, 'edgelambda.amazonaws.com', prov);
    list.push(obj({ Effect: 'Allow', Action: [...CLOUDFRONT_LOGS_ACTIONS], Resource: [cloudFrontLogsResource()] }), prov);
  }

  // 12. Scheduler: trust + an ARN pair per scheduler event.
  const schedules = eventsOf(info, 'schedule').filter((e) => isObj(e.body) && e.body.method === 'scheduler');
  if (schedules.length) {
    const resources: Plain[] = [];
    for (let i = 0; i < schedules.length; i++) resources.push(functionArnSub(fn.name || key), functionArnSub(fn.name || key, ':*'));
    const prov = auto('scheduler', schedules.map((e) => ({ function: key, setting: e.path })));
    addTrustService(role, 'scheduler.amazonaws.com', prov);
    list.push(obj({ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: resources }), prov);
  }

  // 13. X-Ray, unless an identical statement is already there.
  const tracing = tracingOf(sim, info);
  if (tracing) {
    const stmt = obj({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] });
    if (!list.docs.some((d) => deepEqual(d, stmt))) list.push(stmt, auto('xray', [{ function: key, setting: tracing.at }]));
  }

  // 14. KMS: function key, else provider's; a string only.
  const kms = kmsKeyOf(sim, info);
  if (kms && isStringLike(kms.value)) {
    list.push(obj({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [kms.value] }), auto('kms', [{ function: key, setting: kms.at }]));
  }

  // 15. File system.
  const fsc = fn.fileSystemConfig;
  if (isObj(fsc) && fsc.arn) {
    list.push(obj({ Effect: 'Allow', Action: fileSystemActions(fsc), Resource: [fsc.arn] }), auto('file-system', [cause('fileSystemConfig')]));
  }

  // 16. Destinations: onSuccess then onFailure.
  const destinations = fn.destinations;
  if (destinations) {
    for (const which of ['onSuccess', 'onFailure'] as const) {
      const target = get(destinations, which);
      if (!target) continue;
      const at = [...info.path, 'destinations', which];
      const action = knownDestinationAction(sim, target, key, at);
      if (action === undefined) continue;
      if (action === null) throwError(`Unsupported destination target ${JSON.stringify(target)} for function: `, at, fn);
      let resource: Plain;
      if (isObj(target)) resource = (target.arn ?? null) as Plain;
      else if (typeof target === 'string' && !target.startsWith('arn:')) {
        const targetFn = sim.n.byKey.get(target);
        resource = targetFn ? functionArnSub(targetFn.fn.name) : target;
      } else resource = target as Plain;
      list.push(obj({ Effect: 'Allow', Action: action, Resource: resource }), auto('destination', [{ function: key, setting: at }]));
    }
  }
}

export type { Obj };
