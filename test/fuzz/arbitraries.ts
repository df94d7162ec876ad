/**
 * fast-check arbitraries for fuzzing: random YAML (tags, anchors, merge keys, deep nesting,
 * odd scalars, broken text, non-UTF-8 bytes) and random Serverless services that mix every
 * IAM setting, event type and variable form iamlint reads.
 *
 * Both produce text. Values are built as a small YAML syntax tree (`Y`) and rendered in
 * block or flow style, so that the same value can be written many ways.
 */
import fc from 'fast-check';

// ------------------------------------------------------------------ YAML syntax tree

export type Y =
  | { t: 'scalar'; text: string }
  | { t: 'map'; entries: Array<[string, Y]>; flow?: boolean }
  | { t: 'seq'; items: Y[]; flow?: boolean }
  | { t: 'alias'; name: string }
  | { t: 'tagged'; tag: string; value: Y }
  | { t: 'anchored'; name: string; value: Y }
  | { t: 'block'; header: string; lines: string[] };

const s = (text: string): Y => ({ t: 'scalar', text });
const m = (entries: Array<[string, Y]>, flow = false): Y => ({ t: 'map', entries, flow });
const q = (text: string): Y => s(JSON.stringify(text));

/** A key as YAML text: plain when safe, else double-quoted. */
function keyText(key: string): string {
  return /^(?:<<|[A-Za-z_$][\w$.-]*)$/.test(key) ? key : JSON.stringify(key);
}

const isCollection = (y: Y): boolean => y.t === 'map' || y.t === 'seq';

/** Renders `y` at `indent` (for its block lines); `inFlow` forces flow style below. */
export function render(y: Y, indent = 0, inFlow = false): string {
  const pad = ' '.repeat(indent);
  switch (y.t) {
    case 'scalar':
      return y.text;
    case 'alias':
      return `*${y.name}`;
    case 'tagged':
      return `${y.tag} ${render(y.value, indent, inFlow || !isCollection(y.value) ? inFlow : true)}`;
    case 'anchored':
      return `&${y.name} ${render(y.value, indent, inFlow || isCollection(y.value))}`;
    case 'block':
      if (inFlow) return JSON.stringify(y.lines.join('\n'));
      return `${y.header}\n${y.lines.map((l) => `${pad}  ${l}`).join('\n')}`;
    case 'map': {
      if (y.entries.length === 0) return '{}';
      if (inFlow || y.flow) return `{${y.entries.map(([k, v]) => `${keyText(k)}: ${render(v, indent, true)}`).join(', ')}}`;
      return y.entries.map(([k, v], i) => `${i === 0 ? '' : pad}${keyText(k)}:${blockValue(v, indent)}`).join('\n');
    }
    case 'seq': {
      if (y.items.length === 0) return '[]';
      if (inFlow || y.flow) return `[${y.items.map((v) => render(v, indent, true)).join(', ')}]`;
      return y.items.map((v, i) => `${i === 0 ? '' : pad}- ${render(v, indent + 2)}`).join('\n');
    }
  }
}

/** What follows `key:` in a block map: a value on the same line, or an indented block. */
function blockValue(v: Y, indent: number): string {
  const inner = v.t === 'tagged' || v.t === 'anchored' ? v.value : v;
  if ((inner.t === 'map' && !inner.flow && inner.entries.length > 0) || (inner.t === 'seq' && !inner.flow && inner.items.length > 0)) {
    const prefix = v.t === 'tagged' ? ` ${v.tag}` : v.t === 'anchored' ? ` &${v.name}` : '';
    return `${prefix}\n${' '.repeat(indent + 2)}${render(inner, indent + 2)}`;
  }
  return ` ${render(v, indent)}`;
}

// ------------------------------------------------------------------ random YAML

const WORDS = ['a', 'b', 'key', 'value', 'Effect', 'Allow', 'Deny', 'Action', 'Resource', 's3:GetObject', '*', 'arn:aws:s3:::b/*', '__proto__', 'constructor', 'prototype', '<<', 'null', 'functions', 'provider', 'iam', 'role'];

const ODD_SCALARS = [
  '~', 'null', 'Null', '', 'true', 'False', 'yes', 'no', 'on', 'off', 'y', 'n', '0x1F', '0o17', '017', '1e3', '-.inf', '.NaN', '+12', '1_000',
  '2001-12-14t21:59:43.10-05:00', '2002-12-14', '"\\u0041\\x41\\t\\n\\"\\\\"', "'it''s'", '"\\uD800"', '"\\U0001F600"', '"multi\n  line"',
  '${self:custom.a}', '${self:custom.${sls:stage}}', "${env:HOME, 'x'}", '${opt:stage, "dev"}', '${file(./inc.yml):a}', '${file(./missing.yml)}',
  '${file(../../etc/passwd)}', '${file(./code.js):x}', '${self:}', '${ssm:/a/b}', '${cf:stack.out}', '${unknown:x}', '${self:', '${self:a, bad}',
  '${aws:accountId}', '${aws:region}', '${sls:instanceId}', '${param:p}', '${strToBool(true)}', '${AWS::Region}', '#{AWS::AccountId}', 'a ${self:custom.a} b',
  '"${self:custom.a}${self:custom.a}"', 'arn:aws:iam::aws:policy/AdministratorAccess', 'é', '日本語', '😀', '\\', '%', '@', '`',
];

const TAGS = [
  '!Ref', '!GetAtt', '!Sub', '!Join', '!If', '!Select', '!Split', '!FindInMap', '!ImportValue', '!Base64', '!Cidr', '!GetAZs', '!Equals', '!Not', '!And', '!Or',
  '!Condition', '!!str', '!!int', '!!float', '!!bool', '!!null', '!!binary', '!!timestamp', '!!map', '!!seq', '!!omap', '!!pairs', '!!set', '!Unknown', '!<tag:yaml.org,2002:str>', '!',
];

const ANCHORS = ['a1', 'a2', 'a3'];

const scalarArb: fc.Arbitrary<Y> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS).map(s) },
  // As written (some are not valid YAML there, which is the point) or double-quoted.
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ODD_SCALARS), fc.boolean()).map(([t, quoted]) => (quoted ? q(t) : s(t))) },
  { weight: 1, arbitrary: fc.integer().map((n) => s(String(n))) },
  { weight: 1, arbitrary: fc.double().map((n) => s(Number.isFinite(n) ? String(n) : '.inf')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(q) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('|', '>', '|-', '>+', '|2', '>-'), fc.array(fc.constantFrom('text', '  more', '', '${self:custom.a}', '#not a comment'), { minLength: 1, maxLength: 4 }))
      .map(([header, lines]): Y => ({ t: 'block', header, lines })),
  },
);

/** Random YAML values, up to `maxDepth` collections deep. */
export function yamlValue(maxDepth = 5): fc.Arbitrary<Y> {
  const { value } = fc.letrec<{ value: Y }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true, maxDepth },
      { weight: 5, arbitrary: scalarArb },
      { weight: 1, arbitrary: fc.constantFrom(...ANCHORS).map((name): Y => ({ t: 'alias', name })) },
      { weight: 2, arbitrary: fc.array(fc.tuple(fc.constantFrom(...WORDS), tie('value')), { maxLength: 5 }).chain((entries) => fc.boolean().map((flow) => m(entries, flow))) },
      { weight: 2, arbitrary: fc.array(tie('value'), { maxLength: 5 }).chain((items) => fc.boolean().map((flow): Y => ({ t: 'seq', items, flow }))) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TAGS), tie('value')).map(([tag, v]): Y => ({ t: 'tagged', tag, value: v })) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ANCHORS), tie('value')).map(([name, v]): Y => ({ t: 'anchored', name, value: v })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...ANCHORS), fc.array(fc.tuple(fc.constantFrom(...WORDS), tie('value')), { maxLength: 3 }))
          .map(([name, entries]) => m([['<<', { t: 'alias', name }], ...entries])),
      },
    ),
  }));
  return value;
}

/** Pieces of broken or unusual YAML spliced into rendered text. */
const NOISE = [
  '\n', '\r\n', '\t', ' ', '  ', ': ', '- ', '? ', '[', ']', '{', '}', ',', '"', "'", '#', '&a1 ', '*a1', '*zz', '!Ref ', '!!str ', '|', '>', '---\n', '...\n',
  '%YAML 1.1\n', '%TAG !e! tag:example.com,2000:\n', '\uFEFF', '\u2028', '\u0000', '\uFFFD', '\uD800', '<<: *a1\n', '${', '}', '\\', '%',
];

/** Text edits: insert noise, delete a range, duplicate a line. Applied to rendered YAML. */
const edit = fc.oneof(
  fc.tuple(fc.constant('insert' as const), fc.nat(), fc.constantFrom(...NOISE)),
  fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 8 })),
  fc.tuple(fc.constant('dupline' as const), fc.nat(), fc.constant('')),
);

function applyEdits(text: string, edits: Array<[string, number, string | number]>): string {
  let out = text;
  for (const [kind, at, arg] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    if (kind === 'insert') out = out.slice(0, i) + String(arg) + out.slice(i);
    else if (kind === 'delete') out = out.slice(0, i) + out.slice(i + Number(arg));
    else {
      const lines = out.split('\n');
      const k = at % Math.max(1, lines.length);
      lines.splice(k, 0, lines[k] ?? '');
      out = lines.join('\n');
    }
  }
  return out;
}

/** Deeply nested flow or block text, near and beyond the nesting limit. */
const deepText = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.constantFrom('[', '{a: ', '- ', '!Sub [')).map(([depth, open]) => {
  const close = open === '[' || open === '!Sub [' ? ']' : open === '{a: ' ? '}' : '';
  return `service: deep\nprovider: {name: aws}\ncustom:\n  x: ${open.repeat(depth)}1${close.repeat(depth)}\n`;
});

/**
 * Random YAML text: a rendered value (often a mapping), sometimes with edits, sometimes
 * deep, sometimes with several documents, CRLF line ends or a byte-order mark.
 */
export const yamlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(yamlValue(), fc.array(edit, { maxLength: 3 }), fc.constantFrom('', '\uFEFF', '---\n', '%YAML 1.2\n---\n'), fc.boolean()).map(([y, edits, head, crlf]) => {
    const text = head + applyEdits(render(y), edits as Array<[string, number, string | number]>) + '\n';
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  }) },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.array(yamlValue(3), { minLength: 2, maxLength: 3 }).map((docs) => docs.map((d) => render(d)).join('\n---\n')) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...NOISE, 'a', 'b:', ' c'), { maxLength: 40 }).map((parts) => parts.join('')) },
);

/**
 * Random bytes: YAML text with arbitrary bytes spliced in (invalid UTF-8 sequences, NUL,
 * lone continuation bytes), decoded the way files are read (`utf8`, replacement characters).
 */
export const yamlBytes: fc.Arbitrary<Buffer> = fc
  .tuple(yamlText, fc.array(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })), { maxLength: 4 }))
  .map(([text, splices]) => {
    let bytes = Buffer.from(text, 'utf8');
    for (const [at, chunk] of splices) {
      const i = bytes.length === 0 ? 0 : at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(chunk), bytes.subarray(i)]);
    }
    return bytes;
  });

// ------------------------------------------------------------------ random services

const ACTIONS = ['s3:GetObject', 's3:*', '*', 'dynamodb:PutItem', 'iam:PassRole', 'iam:CreatePolicyVersion', 'sts:AssumeRole', 'kms:Decrypt', 'sqs:SendMessage', 'lambda:InvokeFunction', 'logs:*', 'ec2:*', 'secretsmanager:GetSecretValue', 'S3:getobject', 's3:Get*', 'not-an-action'];
const RESOURCES = ['*', 'arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket', 'arn:aws:dynamodb:us-east-1:123456789012:table/t', 'arn:aws:iam::123456789012:role/x', 'arn:aws:sqs:*:*:q', 'arn:aws:kms:us-east-1:123456789012:key/1', 'arn:bad', 'arn:aws:s3:::${self:custom.bucket}/*', '${self:custom.tableArn}', '${ssm:/arn}'];
const ARNS = {
  sqs: ['arn:aws:sqs:us-east-1:123456789012:q', '${self:custom.queueArn}', '${cf:stack.QueueArn}'],
  stream: ['arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2020', 'arn:aws:kinesis:us-east-1:123456789012:stream/s', '${self:custom.streamArn}'],
  msk: ['arn:aws:kafka:us-east-1:123456789012:cluster/c/1'],
  mq: ['arn:aws:mq:us-east-1:123456789012:broker:b:1'],
  secret: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:s'],
  sns: ['arn:aws:sns:us-east-1:123456789012:t', 'topicName'],
};

/** A string value: literal, a variable form, or one of a pool. */
const str = (pool: string[]): fc.Arbitrary<Y> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool).map(q) },
    { weight: 1, arbitrary: fc.constantFrom('${self:custom.name}', '${sls:stage}', "${env:NAME, 'x'}", '${opt:region, "us-east-1"}', '${file(./inc.yml):name}', '${aws:accountId}', '${ssm:/x}', '${self:custom.missing}').map(q) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('!Ref', '!GetAtt', '!Sub', '!ImportValue'), fc.constantFrom('Role.Arn', 'Bucket', 'arn:${AWS::Partition}:s3:::x', 'Export')).map(([tag, v]): Y => ({ t: 'tagged', tag, value: q(v) })) },
  );

const oneOrMany = (item: fc.Arbitrary<Y>): fc.Arbitrary<Y> => fc.oneof(item, fc.array(item, { minLength: 0, maxLength: 3 }).map((items): Y => ({ t: 'seq', items })));

/**
 * A few of the settings in `spec` (at most `maxKeys`, in spec order), each with a random
 * value: a map's entry list. Few at a time, so that configs are mostly valid enough to get
 * through every stage, while every combination stays reachable.
 */
function entries(spec: Record<string, fc.Arbitrary<Y>>, maxKeys = 5): fc.Arbitrary<Array<[string, Y]>> {
  const keys = Object.keys(spec);
  return fc
    .subarray(keys, { maxLength: Math.min(maxKeys, keys.length) })
    .chain((chosen) => fc.tuple(...chosen.map((k) => spec[k]!.map((v): [string, Y] => [k, v]))))
    .map((list) => [...list]);
}

const bool: fc.Arbitrary<Y> = fc.constantFrom('true', 'false', 'null', '"yes"', '${self:custom.flag}').map(s);

const statement: fc.Arbitrary<Y> = fc.oneof(
  { weight: 8, arbitrary: entries({
    Sid: str(['S1', 'Sid-1']),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', '"${self:custom.effect}"', '').map(s),
    Action: oneOrMany(str(ACTIONS)),
    NotAction: oneOrMany(str(ACTIONS)),
    Resource: oneOrMany(str(RESOURCES)),
    NotResource: oneOrMany(str(RESOURCES)),
    Principal: fc.constantFrom('"*"', '{AWS: "*"}', '{Service: lambda.amazonaws.com}').map(s),
    Condition: fc.constantFrom('{StringEquals: {"aws:SourceAccount": "123456789012"}}', '{Bool: {"aws:SecureTransport": false}}', '[]', '~').map(s),
  }).map((e) => m(e)) },
  { weight: 1, arbitrary: fc.constantFrom('"a string"', '~', '[]', '${self:custom.statement}', '!Ref Stmt').map((t) => s(t.startsWith('$') ? JSON.stringify(t) : t)) },
);

const statements: fc.Arbitrary<Y> = fc.oneof(
  { weight: 6, arbitrary: fc.array(statement, { maxLength: 4 }).map((items): Y => ({ t: 'seq', items })) },
  { weight: 1, arbitrary: fc.constantFrom('~', '[]', '"${self:custom.statements}"', '"${file(./inc.yml):statements}"', '{}').map(s) },
);

const managedPolicies = oneOrMany(str(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/p', '${self:custom.policyArn}']));
const tags: fc.Arbitrary<Y> = fc.oneof(
  fc.dictionary(fc.constantFrom('team', 'env', 'aws:reserved', '__proto__', 'x'.repeat(130)), str(['a', 'b', '']), { maxKeys: 4 }).map((d) => m(Object.entries(d))),
  fc.constantFrom('~', '[]', '"tags"').map(s),
);
const roleName = str(['my-role', 'x'.repeat(70), '${self:service}-${sls:stage}-role', 'bad name!']);
const rolePath = str(['/', '/services/', 'no-slash', '/a//b/']);
const boundary = str(['arn:aws:iam::123456789012:policy/boundary', '${self:custom.boundary}']);
const roleRef = fc.oneof(
  str(['arn:aws:iam::123456789012:role/existing', 'MyRole', 'IamRoleLambdaExecution']),
  fc.constantFrom('{"Fn::GetAtt": [MyRole, Arn]}', '{Ref: MyRole}', '{"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/x"}', '{"Fn::ImportValue": "RoleArn"}').map(s),
);

const providerRole: fc.Arbitrary<Y> = fc.oneof(
  { weight: 4, arbitrary: entries({
    mode: fc.constantFrom('shared', 'perFunction', 'PerFunction', '"${self:custom.mode}"').map(s),
    name: roleName,
    path: rolePath,
    statements,
    managedPolicies,
    permissionsBoundary: boundary,
    permissionBoundary: boundary,
    tags,
  }).map((e) => m(e)) },
  { weight: 1, arbitrary: roleRef },
);

const onFailure = fc.constantFrom('arn:aws:sqs:us-east-1:123456789012:dlq', 'arn:aws:sns:us-east-1:123456789012:t', '{"Fn::GetAtt": [Dlq, Arn]}').map((t) => (t.startsWith('{') ? s(t) : q(t)));

const event: fc.Arbitrary<Y> = fc.oneof(
  fc.oneof(str(ARNS.sqs), entries({ arn: str(ARNS.sqs), batchSize: fc.constant(s('10')) }).map((e) => m(e))).map((v) => m([['sqs', v]])),
  fc.oneof(str(ARNS.stream), entries({ arn: str(ARNS.stream), type: fc.constantFrom('dynamodb', 'kinesis', 'bogus').map(s), consumer: bool, destinations: fc.constant(m([['onFailure', q('arn:aws:sqs:us-east-1:123456789012:dlq')]])) }).map((e) => m(e))).map((v) => m([['stream', v]])),
  entries({ arn: str(ARNS.msk), topic: fc.constant(q('t')) }).map((e) => m([['msk', m(e)]])),
  entries({ bootstrapServers: fc.constant(s('[b:9092]')), topic: fc.constant(q('t')), accessConfigurations: fc.constant(m([['saslScram512Auth', q(ARNS.secret[0]!)], ['vpcSubnet', s('[subnet-1]')], ['vpcSecurityGroup', q('sg-1')]])) }).map((e) => m([['kafka', m(e)]])),
  fc.constantFrom('activemq', 'rabbitmq').chain((kind) => entries({ arn: str(ARNS.mq), basicAuthArn: str(ARNS.secret), queue: fc.constant(q('q')) }).map((e) => m([[kind, m(e)]]))),
  entries({ route: fc.constantFrom('$connect', '$default', 'hello').map(q) }).map((e) => m([['websocket', m(e)]])),
  entries({ eventType: fc.constantFrom('viewer-request', 'origin-response').map(s), origin: fc.constant(q('https://example.com')) }).map((e) => m([['cloudFront', m(e)]])),
  fc.oneof(
    fc.constantFrom('rate(1 minute)', 'cron(0 12 * * ? *)').map((t) => m([['schedule', q(t)]])),
    entries({ rate: fc.constant(s('[rate(5 minutes)]')), method: fc.constantFrom('scheduler', 'eventBus', 'bogus').map(s), enabled: bool }).map((e) => m([['schedule', m(e)]])),
  ),
  fc.constantFrom('http: GET /', 'httpApi: "*"', 'sns: topic', 's3: bucket', 'eventBridge: {pattern: {source: [x]}}', 'alb: {listenerArn: x, priority: 1, conditions: {path: /}}').map((t) => {
    const [k, ...rest] = t.split(': ');
    return m([[k!, s(rest.join(': '))]]);
  }),
  fc.constantFrom('~', '"sqs"', '{}', '[]').map(s),
);

const fnDestinations: fc.Arbitrary<Y> = entries({ onSuccess: onFailure, onFailure }).map((e) => m(e));

const fn: fc.Arbitrary<Y> = fc.oneof(
  { weight: 10, arbitrary: entries({
    name: str(['custom-fn-name', '${self:service}-${sls:stage}-f']),
    role: roleRef,
    iam: entries({ role: providerRole, inheritStatements: bool }).map((e) => m(e)),
    iamRoleStatements: statements,
    iamRoleStatementsName: roleName,
    iamRoleStatementsInherit: bool,
    iamPermissionsBoundary: boundary,
    events: fc.array(event, { maxLength: 4 }).map((items): Y => ({ t: 'seq', items })),
    onError: onFailure,
    destinations: fnDestinations,
    kmsKeyArn: str(['arn:aws:kms:us-east-1:123456789012:key/1', '${self:custom.kms}']),
    tracing: fc.constantFrom('Active', 'PassThrough', 'true', 'false').map(s),
    vpc: fc.constantFrom('{securityGroupIds: [sg-1], subnetIds: [subnet-1]}', '~', 'false', '{}').map(s),
    fileSystemConfig: fc.constantFrom('{arn: "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-1", localMountPath: /mnt/efs}', '{arn: "arn:aws:s3files:us-east-1:123456789012:x"}', '{localMountPath: /mnt}').map(s),
    durableConfig: fc.constantFrom('{executionTimeout: 60}', 'true', '~').map(s),
    logs: fc.constantFrom('{logGroup: /custom/group}', '~').map(s),
    disableLogs: bool,
    environment: fc.constant(m([['TABLE', q('${self:custom.table}')]])),
  })
    // Nearly always a handler: without one the Framework refuses the whole service.
    .chain((e) => fc.nat(19).map((n) => m(n === 0 ? e : [['handler', q('src/h.handler')], ...e]))) },
  { weight: 1, arbitrary: fc.constantFrom('~', '"handler.js"', '[]', '${self:custom.fn}').map((t) => s(t.startsWith('$') ? JSON.stringify(t) : t)) },
);

const provider: fc.Arbitrary<Y> = entries({
  runtime: fc.constantFrom('nodejs22.x', 'nodejs22.x', 'python3.13', 'nodejs20.x', 'provided.al2023').map(s),
  stage: str(['dev', 'prod', '${opt:stage, "dev"}']),
  region: str(['us-east-1', 'eu-west-1']),
  iam: entries({ role: providerRole, deploymentRole: str(['arn:aws:iam::123456789012:role/deploy']) }).map((e) => m(e)),
  role: roleRef,
  iamRoleStatements: statements,
  iamManagedPolicies: managedPolicies,
  rolePermissionsBoundary: boundary,
  kmsKeyArn: str(['arn:aws:kms:us-east-1:123456789012:key/1']),
  tracing: fc.constantFrom('{lambda: true}', '{lambda: Active}', '{apiGateway: true}').map(s),
  vpc: fc.constantFrom('{securityGroupIds: [sg-1], subnetIds: [subnet-1]}', '{}').map(s),
  logs: fc.constantFrom('{lambda: {logGroup: /shared}}', '{restApi: true}').map(s),
  disableLogs: bool,
  variableSyntax: fc.constant(q('\\${([^{}]+?)}')),
}).map((e) => m([['name', s('aws')], ...e]));

const userResources: fc.Arbitrary<Y> = fc.constantFrom(
  '{Resources: {IamRoleLambdaExecution: {Properties: {Policies: []}}}}',
  '{Resources: {IamRoleLambdaExecution: {Type: "AWS::IAM::Role", Properties: {ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"]}}}}',
  '{Resources: {MyRole: {Type: "AWS::IAM::Role", Properties: {AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}, Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}]}}}}',
  '{Resources: {ExtraPolicy: {Type: "AWS::IAM::Policy", Properties: {Roles: [{Ref: IamRoleLambdaExecution}], PolicyDocument: {Statement: [{Effect: Allow, Action: "iam:PassRole", Resource: "*"}]}}}}}',
  '{Resources: {__proto__: {Type: x}}}',
  '"${file(./inc.yml):resources}"',
  '[]',
).map(s);

const custom: fc.Arbitrary<Y> = fc.constant(
  m([
    ['name', q('svc')],
    ['bucket', q('my-bucket')],
    ['table', q('orders')],
    ['tableArn', q('arn:aws:dynamodb:us-east-1:123456789012:table/${self:custom.table}')],
    ['queueArn', q('arn:aws:sqs:us-east-1:123456789012:q')],
    ['streamArn', q('arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1')],
    ['flag', s('true')],
    ['effect', q('Allow')],
    ['mode', q('perFunction')],
    ['statements', s('[{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]')],
    ['cycle', q('${self:custom.cycle}')],
  ]),
);

const FN_KEYS = ['api', 'worker', 'my-fn_x', 'a'.repeat(60), 'Fn1', '__proto__', 'constructor'];

/** A random Serverless service (YAML text) mixing every IAM setting, event and variable form. */
export const serviceText: fc.Arbitrary<string> = fc
  .record(
    {
      provider,
      functions: fc.dictionary(fc.constantFrom(...FN_KEYS), fn, { minKeys: 0, maxKeys: 4 }).map((d) => m(Object.entries(d))),
      custom,
      resources: userResources,
      plugins: fc.constantFrom('[serverless-iam-roles-per-function]', '[serverless-plugin-tracing]', '[]').map(s),
      perFunction: fc.constantFrom('{defaultInherit: true}', '{iamGlobalPermissionsBoundary: "arn:aws:iam::123456789012:policy/b"}').map(s),
    },
    { requiredKeys: ['provider', 'functions', 'custom'] },
  )
  .map(({ provider: p, functions, custom: c, resources, plugins, perFunction }) => {
    const top: Array<[string, Y]> = [['service', q('fuzz')], ['provider', p], ['custom', perFunction ? m([...(c as { entries: Array<[string, Y]> }).entries, ['serverless-iam-roles-per-function', perFunction]]) : c], ['functions', functions]];
    if (resources) top.push(['resources', resources]);
    if (plugins) top.push(['plugins', plugins]);
    return `${render(m(top))}\n`;
  });

/** Files beside every fuzzed service, for `${file()}`. `code.js` would write `ran.txt` if it were ever run. */
export const INCLUDES: Record<string, string> = {
  'inc.yml': 'name: included\na: 1\nstatements:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: "*"\nresources:\n  Resources: {}\n',
  'code.js': "require('fs').writeFileSync(require('path').join(__dirname, 'ran.txt'), 'ran');\nmodule.exports = { x: 1 };\n",
};
