/**
 * What `Ref` and `Fn::GetAtt` return for the resource types Serverless services commonly
 * declare, written as formats: `${Partition}`, `${Region}`, `${Account}`, `${URLSuffix}`
 * are the pseudo parameters; any other `${Slot}` is a value CloudFormation picks for that
 * resource. `${Name}` / `${Id}` are the value `Ref` returns when it returns a name or id,
 * so `Ref Table` and the table name inside `GetAtt Table.Arn` are recognised as the same value.
 * Source: the CloudFormation resource reference ("Return values" of each type).
 */
import type { ValueKind } from './arn-pattern.js';

export interface ReferenceShape {
  returns: ValueKind;
  format: string;
}

export interface TypeReferences {
  ref: ReferenceShape;
  /** By attribute name as written after the dot in `Fn::GetAtt`. */
  attributes: Readonly<Record<string, ReferenceShape>>;
}

const name: ReferenceShape = { returns: 'name', format: '${Name}' };
const id: ReferenceShape = { returns: 'id', format: '${Id}' };
const arn = (format: string): ReferenceShape => ({ returns: 'arn', format });
const url = (format: string): ReferenceShape => ({ returns: 'url', format });

/** `arn:${Partition}:<service>:${Region}:${Account}:<resource>` — the usual regional layout. */
const regional = (service: string, resource: string) => arn(`arn:\${Partition}:${service}:\${Region}:\${Account}:${resource}`);
/** IAM is global: no region field. */
const iam = (resource: string) => arn(`arn:\${Partition}:iam::\${Account}:${resource}`);

const table = regional('dynamodb', 'table/${Name}');
const tableStream = regional('dynamodb', 'table/${Name}/stream/${StreamLabel}');
const queue = regional('sqs', '${Name}');
const topic = regional('sns', '${Name}');
const kinesisStream = regional('kinesis', 'stream/${Name}');
const kinesisConsumer = regional('kinesis', 'stream/${StreamName}/consumer/${Name}:${CreationTimestamp}');
const lambdaFunction = regional('lambda', 'function:${Name}');
const stateMachine = regional('states', 'stateMachine:${Name}');
const activity = regional('states', 'activity:${Name}');
const secret = regional('secretsmanager', 'secret:${Name}-${RandomSuffix}');
const openSearchDomain = regional('es', 'domain/${Name}');

export const CFN_REFERENCES: Readonly<Record<string, TypeReferences>> = {
  'AWS::DynamoDB::Table': { ref: name, attributes: { Arn: table, StreamArn: tableStream } },
  'AWS::DynamoDB::GlobalTable': { ref: name, attributes: { Arn: table, StreamArn: tableStream, TableId: { returns: 'id', format: '${TableId}' } } },
  'AWS::S3::Bucket': { ref: name, attributes: { Arn: arn('arn:${Partition}:s3:::${Name}') } },
  'AWS::S3::AccessPoint': { ref: name, attributes: { Arn: regional('s3', 'accesspoint/${Name}'), Name: name } },
  'AWS::SQS::Queue': {
    ref: url('https://sqs.${Region}.${URLSuffix}/${Account}/${Name}'),
    attributes: { Arn: queue, QueueName: name, QueueUrl: url('https://sqs.${Region}.${URLSuffix}/${Account}/${Name}') },
  },
  'AWS::SNS::Topic': { ref: topic, attributes: { TopicArn: topic, TopicName: name } },
  'AWS::Kinesis::Stream': { ref: name, attributes: { Arn: kinesisStream } },
  'AWS::Kinesis::StreamConsumer': {
    ref: kinesisConsumer,
    attributes: { ConsumerARN: kinesisConsumer, ConsumerName: name, StreamARN: regional('kinesis', 'stream/${StreamName}') },
  },
  'AWS::KinesisFirehose::DeliveryStream': { ref: name, attributes: { Arn: regional('firehose', 'deliverystream/${Name}') } },
  'AWS::Lambda::Function': { ref: name, attributes: { Arn: lambdaFunction } },
  'AWS::Lambda::Alias': { ref: regional('lambda', 'function:${FunctionName}:${Name}'), attributes: {} },
  'AWS::Lambda::Version': { ref: regional('lambda', 'function:${FunctionName}:${Version}'), attributes: {} },
  'AWS::Lambda::LayerVersion': { ref: regional('lambda', 'layer:${Name}:${Version}'), attributes: {} },
  'AWS::IAM::Role': { ref: name, attributes: { Arn: iam('role/${PathAndName}'), RoleId: { returns: 'id', format: '${RoleId}' } } },
  'AWS::IAM::ManagedPolicy': { ref: iam('policy/${PathAndName}'), attributes: { PolicyArn: iam('policy/${PathAndName}') } },
  'AWS::IAM::User': { ref: name, attributes: { Arn: iam('user/${PathAndName}') } },
  'AWS::IAM::Group': { ref: name, attributes: { Arn: iam('group/${PathAndName}') } },
  'AWS::IAM::InstanceProfile': { ref: name, attributes: { Arn: iam('instance-profile/${PathAndName}') } },
  'AWS::KMS::Key': { ref: id, attributes: { Arn: regional('kms', 'key/${Id}'), KeyId: id } },
  // An alias name includes its `alias/` prefix.
  'AWS::KMS::Alias': { ref: name, attributes: {} },
  'AWS::SecretsManager::Secret': { ref: secret, attributes: { Id: secret } },
  'AWS::SSM::Parameter': { ref: name, attributes: {} },
  'AWS::StepFunctions::StateMachine': { ref: stateMachine, attributes: { Arn: stateMachine, Name: name } },
  'AWS::StepFunctions::Activity': { ref: activity, attributes: { Arn: activity, Name: name } },
  'AWS::Events::EventBus': { ref: name, attributes: { Arn: regional('events', 'event-bus/${Name}'), Name: name } },
  // A rule on a custom bus is `bus|rule` for Ref and `rule/bus/rule` in its ARN.
  'AWS::Events::Rule': { ref: id, attributes: { Arn: regional('events', 'rule/${RulePath}') } },
  'AWS::Scheduler::ScheduleGroup': { ref: name, attributes: { Arn: regional('scheduler', 'schedule-group/${Name}') } },
  // The log group `Arn` attribute ends in `:*` (every stream of the group).
  'AWS::Logs::LogGroup': { ref: name, attributes: { Arn: regional('logs', 'log-group:${Name}:*') } },
  'AWS::Logs::LogStream': { ref: name, attributes: {} },
  'AWS::ECR::Repository': {
    ref: name,
    attributes: { Arn: regional('ecr', 'repository/${Name}'), RepositoryUri: url('${Account}.dkr.ecr.${Region}.${URLSuffix}/${Name}') },
  },
  'AWS::Cognito::UserPool': { ref: id, attributes: { Arn: regional('cognito-idp', 'userpool/${Id}'), UserPoolId: id } },
  'AWS::Cognito::IdentityPool': { ref: id, attributes: {} },
  'AWS::AppSync::GraphQLApi': {
    ref: regional('appsync', 'apis/${Id}'),
    attributes: { Arn: regional('appsync', 'apis/${Id}'), ApiId: id },
  },
  'AWS::ApiGateway::RestApi': { ref: id, attributes: {} },
  'AWS::ApiGatewayV2::Api': { ref: id, attributes: {} },
  'AWS::OpenSearchService::Domain': { ref: name, attributes: { Arn: openSearchDomain, DomainArn: openSearchDomain } },
  'AWS::Elasticsearch::Domain': { ref: name, attributes: { Arn: openSearchDomain, DomainArn: openSearchDomain } },
  'AWS::RDS::DBCluster': { ref: id, attributes: { DBClusterArn: regional('rds', 'cluster:${Id}') } },
  'AWS::RDS::DBInstance': { ref: id, attributes: { DBInstanceArn: regional('rds', 'db:${Id}') } },
  'AWS::EFS::FileSystem': { ref: id, attributes: { Arn: regional('elasticfilesystem', 'file-system/${Id}'), FileSystemId: id } },
  'AWS::EFS::AccessPoint': { ref: id, attributes: { Arn: regional('elasticfilesystem', 'access-point/${Id}'), AccessPointId: id } },
};

/** The shape `Ref` (attribute undefined) or `Fn::GetAtt` returns; undefined when not in the table. */
export function referenceShape(resourceType: string, attribute?: string): ReferenceShape | undefined {
  if (!Object.hasOwn(CFN_REFERENCES, resourceType)) return undefined;
  const references = CFN_REFERENCES[resourceType]!;
  if (attribute === undefined) return references.ref;
  return Object.hasOwn(references.attributes, attribute) ? references.attributes[attribute] : undefined;
}
