/**
 * `compileEvents` (semantics §3.6): what the event compilers append to the shared role, in
 * plugin order (schedule, websockets, stream, kafka, activemq, rabbitmq, msk, sqs, cloudFront),
 * with their granularity: SQS and scheduler one statement for the service, streams/Kafka/MQ/MSK
 * per function, websockets and CloudFront once. Guarded compilers skip functions with a
 * dedicated role; websockets and CloudFront count every function.
 */
import type { Path, Plain } from '../load/node.js';
import { validateApiGatewaySettings } from './api-gateway.js';
import { isDedicated, type Sim } from './context.js';
import { fail } from './failure.js';
import type { GrantCause, Provenance } from './model.js';
import { functionArnSub, streamConsumerLogicalId, streamNameFromArn } from './naming.js';
import type { FunctionInfo } from './normalize.js';
import { get, isObj, isUnknown, knownPrefix, obj, textOf, type Obj, type Val } from './plain.js';
import { addTrustService, pushStatement, type GenRole } from './role-build.js';

type AutoKind = Extract<Provenance, { kind: 'auto' }>['grant'];
const auto = (grant: AutoKind, causes: GrantCause[]): Provenance => ({ kind: 'auto', grant, causes });

export const EC2_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeVpcs',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
];
export const ec2Statement = (): Obj => obj({ Effect: 'Allow', Action: [...EC2_ACTIONS], Resource: '*' });

export const STREAM_ACTIONS = {
  dynamodb: ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
  kinesis: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListStreams'],
  kinesisConsumer: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
  subscribe: ['kinesis:SubscribeToShard'],
  onFailureSns: ['sns:Publish'],
  onFailureSqs: ['sqs:ListQueues', 'sqs:SendMessage'],
};
export const SQS_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
export const CLOUDFRONT_LOGS_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:TagResource'];
export const cloudFrontLogsResource = (): Obj => obj({ 'Fn::Sub': 'arn:${AWS::Partition}:logs:*:*:*' });
export const websocketResource = (): Obj => obj({ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:*:*:*/@connections/*' });

export interface EventRef {
  info: FunctionInfo;
  index: number;
  body: Val;
  path: Path;
}

const NO_EVENTS: readonly EventRef[] = Object.freeze([]);

/** The function's events of one type (`events[i].<type>`), in order; non-object entries are skipped. */
export function eventsOf(info: FunctionInfo, type: string): readonly EventRef[] {
  const events = info.fn.events;
  if (!Array.isArray(events)) return NO_EVENTS;
  // Most functions have no event of most types: no list is made for them.
  let out: EventRef[] | undefined;
  for (let index = 0; index < events.length; index++) {
    const ev = events[index];
    if (!isObj(ev) || !ev[type]) continue;
    (out ??= []).push({ info, index, body: ev[type], path: [...info.path, 'events', index, type] });
  }
  return out ?? NO_EVENTS;
}

const causeOf = (e: EventRef, ...rest: Array<string | number>): GrantCause => ({ function: e.info.key, setting: [...e.path, ...rest] });

/** A type taken from the third `:` field of an ARN; undefined when that part is not known. */
export function arnService(arn: Val): string | undefined {
  if (typeof arn === 'string') return arn.split(':')[2];
  if (isUnknown(arn)) {
    const fields = knownPrefix(arn).split(':');
    return fields.length > 3 ? fields[2] : undefined;
  }
  return undefined;
}

/** One stream event read the way the compilers read it. */
export interface StreamEvent {
  arn: Val;
  /** `undefined` when it cannot be told offline (an unknown ARN without `type`). */
  type: string | undefined;
  consumer: Val;
  onFailure?: { arn: Val; sns: boolean | undefined };
}

export function readStream(e: EventRef, sim: Sim): StreamEvent {
  const body = e.body;
  const arn = isObj(body) ? body.arn : body;
  const explicitType = isObj(body) ? body.type : undefined;
  let type: string | undefined;
  if (explicitType) type = textOf(explicitType);
  else if (typeof arn === 'string' || isUnknown(arn)) type = arnService(arn);
  else if (arn === undefined || arn === null) {
    fail(`Cannot read properties of ${arn === null ? 'null' : 'undefined'} (reading 'split')`, { at: e.path, function: e.info.key });
  } else {
    fail('EventSourceArn.split is not a function', { at: [...e.path, 'arn'], function: e.info.key });
  }
  if (type === undefined && isUnknown(arn)) {
    sim.diagnostics.push({
      code: 'unknown-stream-type',
      severity: 'warning',
      message: `The stream type of ${textOf(arn)} (function "${e.info.key}") cannot be known offline; set "type" to let iamlint place its grant.`,
      path: e.path,
    });
  }
  const consumer = isObj(body) ? body.consumer : undefined;
  let onFailure: StreamEvent['onFailure'];
  const destinations = isObj(body) ? body.destinations : undefined;
  if (destinations) {
    const target = get(destinations, 'onFailure');
    const failureArn = isObj(target) ? target.arn : target;
    const failureType = isObj(target) && target.type ? textOf(target.type) : arnService(failureArn);
    onFailure = { arn: failureArn, sns: failureType === undefined && isUnknown(failureArn) ? undefined : failureType === 'sns' };
  }
  return { arn, type, consumer, onFailure };
}

type StreamKind = keyof typeof STREAM_ACTIONS;
type Grant = { v: Plain; c: GrantCause };

const STREAM_KINDS: ReadonlyArray<[StreamKind, AutoKind]> = [
  ['dynamodb', 'stream'],
  ['kinesis', 'stream'],
  ['kinesisConsumer', 'stream'],
  ['subscribe', 'stream-consumer'],
  ['onFailureSns', 'stream-on-failure'],
  ['onFailureSqs', 'stream-on-failure'],
];

/** The six stream statements a compiler fills for one function, pushed in this order when non-empty. */
export class StreamStatements {
  /** Made on first use: most functions have no stream event. */
  private readonly lists: Partial<Record<StreamKind, Grant[]>> = {};
  add(kind: StreamKind, v: Val, c: GrantCause): void {
    (this.lists[kind] ??= []).push({ v: (v ?? null) as Plain, c });
  }
  /** `[document, provenance]` pairs for the non-empty statements. */
  statements(): Array<[Obj, Provenance]> {
    const out: Array<[Obj, Provenance]> = [];
    for (let i = 0; i < STREAM_KINDS.length; i++) {
      const kind = STREAM_KINDS[i]![0];
      const grant = STREAM_KINDS[i]![1];
      const list = this.lists[kind];
      if (!list) continue;
      out.push([
        obj({ Effect: 'Allow', Action: [...STREAM_ACTIONS[kind]], Resource: list.map((x) => x.v) }),
        auto(grant, list.map((x) => x.c)),
      ]);
    }
    return out;
  }
}

function consumerRef(sim: Sim, e: EventRef, s: StreamEvent): Plain {
  if (s.consumer === true) {
    const namingMode = !!get(sim.n.provider, 'kinesis', 'consumerNamingMode');
    return obj({ Ref: streamConsumerLogicalId(e.info.key, streamNameFromArn(s.arn), namingMode, sim.n.service, sim.n.stage) });
  }
  return (s.consumer ?? null) as Plain;
}

/** Shared-role stream statements of one function (`compileStreamEvents`). */
function sharedStreamStatements(sim: Sim, info: FunctionInfo): StreamStatements {
  const st = new StreamStatements();
  for (const e of eventsOf(info, 'stream')) {
    const s = readStream(e, sim);
    if (s.type === undefined && isUnknown(s.arn)) continue;
    const cause = causeOf(e);
    if (s.type === 'dynamodb') st.add('dynamodb', s.arn, cause);
    else if (s.consumer) st.add('kinesisConsumer', s.arn, cause);
    else st.add('kinesis', s.arn, cause);
    if (s.onFailure && s.onFailure.sns !== undefined) {
      st.add(s.onFailure.sns ? 'onFailureSns' : 'onFailureSqs', s.onFailure.arn, causeOf(e, 'destinations', 'onFailure'));
    }
    if (s.consumer && s.type === 'kinesis') st.add('subscribe', consumerRef(sim, e, s), causeOf(e, 'consumer'));
  }
  return st;
}

/** Per-function access configurations of Kafka events (walked last to first). */
function kafkaGrants(info: FunctionInfo, fromEnd: boolean): { secrets: Array<{ v: Plain; c: GrantCause }>; ec2: GrantCause[]; has: boolean } {
  const events = eventsOf(info, 'kafka');
  const secrets: Array<{ v: Plain; c: GrantCause }> = [];
  const ec2: GrantCause[] = [];
  const order = fromEnd ? [...events].reverse() : events;
  for (const e of order) {
    const access = get(e.body, 'accessConfigurations');
    if (!isObj(access)) continue;
    for (const type of Object.keys(access)) {
      const values = access[type];
      if (!Array.isArray(values)) continue;
      if (type === 'vpcSubnet' || type === 'vpcSecurityGroup') {
        if (!fromEnd && !values.length) continue;
        ec2.push(causeOf(e, 'accessConfigurations', type));
        continue;
      }
      if (['saslPlainAuth', 'saslScram256Auth', 'saslScram512Auth', 'clientCertificateTlsAuth', 'serverRootCaCertificate'].includes(type)) {
        values.forEach((v, i) => secrets.push({ v, c: causeOf(e, 'accessConfigurations', type, i) }));
      }
    }
  }
  return { secrets, ec2, has: events.length > 0 };
}

export { kafkaGrants };

function checkKafka(info: FunctionInfo): void {
  for (const e of [...eventsOf(info, 'kafka')].reverse()) {
    const access = get(e.body, 'accessConfigurations');
    if (!isObj(access)) {
      fail(`Cannot destructure property 'vpcSecurityGroup' of 'event.kafka.accessConfigurations' as it is undefined.`, {
        at: e.path,
        function: info.key,
      });
    }
    const sg = access.vpcSecurityGroup;
    const subnet = access.vpcSubnet;
    if ((sg && !subnet) || (subnet && !sg)) {
      const missing = sg ? 'vpcSubnet' : 'vpcSecurityGroup';
      fail(`You must specify at least one "${missing}" accessConfiguration for function: ${info.key}`, {
        code: 'FUNCTION_KAFKA_VPC_ACCESS_CONFIGURATION_INVALID',
        at: [...e.path, 'accessConfigurations'],
        function: info.key,
      });
    }
  }
}

function hasEventOf(events: Plain[], types: string[]): boolean {
  for (let i = 0; i < events.length; i++) {
    const ev = events[i];
    if (!isObj(ev)) continue;
    for (let t = 0; t < types.length; t++) if (ev[types[t]!]) return true;
  }
  return false;
}

/** MQ statements of one function for one event type (or both, for dedicated roles). */
export function mqStatements(info: FunctionInfo, types: string[], dedicated: boolean): Array<[Obj, Provenance]> {
  const secrets: Array<{ v: Plain; c: GrantCause }> = [];
  const brokers: Array<{ v: Plain; c: GrantCause }> = [];
  const all: GrantCause[] = [];
  const events = info.fn.events as Plain[];
  if (!hasEventOf(events, types)) return [];
  events.forEach((ev, index) => {
    if (!isObj(ev)) return;
    for (const type of types) {
      const body = ev[type];
      if (!body) continue;
      const e: EventRef = { info, index, body, path: [...info.path, 'events', index, type] };
      all.push(causeOf(e));
      const basic = get(body, 'basicAuthArn');
      const arn = get(body, 'arn');
      if (!dedicated || basic) secrets.push({ v: (basic ?? null) as Plain, c: causeOf(e, 'basicAuthArn') });
      if (!dedicated || arn) brokers.push({ v: (arn ?? null) as Plain, c: causeOf(e, 'arn') });
    }
  });
  if (!all.length) return [];
  const out: Array<[Obj, Provenance]> = [];
  if (!dedicated || secrets.length) {
    out.push([obj({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: secrets.map((x) => x.v) }), auto('mq', secrets.map((x) => x.c))]);
  }
  if (!dedicated || brokers.length) {
    out.push([obj({ Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: brokers.map((x) => x.v) }), auto('mq', brokers.map((x) => x.c))]);
  }
  out.push([ec2Statement(), auto('ec2-network', all)]);
  return out;
}

export function mskStatements(info: FunctionInfo): Array<[Obj, Provenance]> {
  const events = eventsOf(info, 'msk');
  if (!events.length) return [];
  const clusters = events.filter((e) => get(e.body, 'arn')).map((e) => ({ v: get(e.body, 'arn') as Plain, c: causeOf(e, 'arn') }));
  const out: Array<[Obj, Provenance]> = [];
  if (clusters.length) {
    out.push([
      obj({ Effect: 'Allow', Action: ['kafka:DescribeCluster', 'kafka:GetBootstrapBrokers'], Resource: clusters.map((x) => x.v) }),
      auto('msk', clusters.map((x) => x.c)),
    ]);
  }
  out.push([ec2Statement(), auto('ec2-network', events.map((e) => causeOf(e)))]);
  return out;
}

export function compileEvents(sim: Sim): void {
  const shared = sim.shared;
  const fns = sim.n.functions;
  const guardedFns = fns.filter((f) => !isDedicated(sim, f.key));
  const push = (role: GenRole | undefined, list: Array<[Obj, Provenance]>) => {
    if (role) for (let i = 0; i < list.length; i++) pushStatement(role, list[i]![0], list[i]![1]);
  };

  // schedule (method: scheduler): one statement, a pair per function; trust scheduler.amazonaws.com.
  const schedulerResources: Plain[] = [];
  const schedulerCauses: GrantCause[] = [];
  for (const info of guardedFns) {
    const events = eventsOf(info, 'schedule').filter((e) => get(e.body, 'method') === 'scheduler');
    if (!events.length) continue;
    schedulerResources.push(functionArnSub(info.fn.name), functionArnSub(info.fn.name, ':*'));
    for (const e of events) schedulerCauses.push(causeOf(e));
  }
  if (shared && schedulerResources.length) {
    const prov = auto('scheduler', schedulerCauses);
    addTrustService(shared, 'scheduler.amazonaws.com', prov);
    pushStatement(shared, obj({ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: schedulerResources }), prov);
  }

  // api-gateway (s3 compiles nothing IAM-related in between): its validate() refusals, run with or without http events.
  validateApiGatewaySettings(sim);

  // websockets: once per service when the service creates the API; not guarded.
  const wsEvents = fns.flatMap((f) => eventsOf(f, 'websocket'));
  if (wsEvents.length && !get(sim.n.provider, 'apiGateway', 'websocketApiId') && shared) {
    pushStatement(shared, obj({ Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: [websocketResource()] }), auto('websocket', wsEvents.map((e) => causeOf(e))));
  }

  // stream: per function.
  for (const info of fns) {
    const st = sharedStreamStatements(sim, info);
    if (!isDedicated(sim, info.key)) push(shared, st.statements());
  }

  // kafka: per function, events last to first.
  for (const info of fns) {
    checkKafka(info);
    if (isDedicated(sim, info.key) || !shared) continue;
    const k = kafkaGrants(info, true);
    if (!k.has) continue;
    const list: Array<[Obj, Provenance]> = [];
    if (k.secrets.length) {
      list.push([obj({ Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: k.secrets.map((x) => x.v) }), auto('kafka', k.secrets.map((x) => x.c))]);
    }
    if (k.ec2.length) list.push([ec2Statement(), auto('ec2-network', k.ec2)]);
    push(shared, list);
  }

  // activemq, then rabbitmq: per function, per type.
  for (const type of ['activemq', 'rabbitmq']) {
    for (const info of guardedFns) push(shared, mqStatements(info, [type], false));
  }

  // msk: per function.
  for (const info of guardedFns) push(shared, mskStatements(info));

  // sqs: one statement for the whole service.
  const queues: Array<{ v: Plain; c: GrantCause }> = [];
  for (const info of guardedFns) {
    for (const e of eventsOf(info, 'sqs')) {
      const arn = isObj(e.body) ? (e.body.arn || e.body) : e.body;
      queues.push({ v: arn as Plain, c: causeOf(e) });
    }
  }
  if (shared && queues.length) {
    pushStatement(shared, obj({ Effect: 'Allow', Action: [...SQS_ACTIONS], Resource: queues.map((q) => q.v) }), auto('sqs', queues.map((q) => q.c)));
  }

  // cloudFront: region check, then once per service; not guarded.
  const cfEvents = fns.flatMap((f) => eventsOf(f, 'cloudFront'));
  if (cfEvents.length) {
    // An unknown region cannot be checked (its `unknown-region` warning says so): no failure guessed.
    if (typeof sim.n.region === 'string' && sim.n.region !== 'us-east-1') {
      fail('CloudFront associated functions have to be deployed to the us-east-1 region.', {
        code: 'CLOUDFRONT_INVALID_REGION',
        at: cfEvents[0]!.path,
        function: cfEvents[0]!.info.key,
      });
    }
    if (shared) {
      const prov = auto('cloudfront', cfEvents.map((e) => causeOf(e)));
      addTrustService(shared, 'edgelambda.amazonaws.com', prov);
      pushStatement(shared, obj({ Effect: 'Allow', Action: [...CLOUDFRONT_LOGS_ACTIONS], Resource: [cloudFrontLogsResource()] }), prov);
    }
  }
}
