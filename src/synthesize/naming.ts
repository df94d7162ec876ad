/**
 * The Framework's names (semantics §3.2, §4.5, §7): logical ids, log groups, ARNs built with
 * `Fn::Sub`, the default role/policy names, and the 64-character rule of generated role names.
 */
import { Unknown, type Plain } from '../load/node.js';
import { concatName, isObj, isUnknown, obj, textOf, type Obj, type Val } from './plain.js';

export const SHARED_ROLE_ID = 'IamRoleLambdaExecution';

/** `getNormalizedFunctionName`: `-` → `Dash`, `_` → `Underscore`, first letter upper-cased. */
export function normalizedName(key: string): string {
  const replaced = key.includes('-') || key.includes('_') ? key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore') : key;
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}

export const lambdaLogicalId = (key: string): string => `${normalizedName(key)}LambdaFunction`;
export const logGroupLogicalId = (key: string): string => `${normalizedName(key)}LogGroup`;
export const dedicatedRoleId = (key: string): string => `${normalizedName(key)}${SHARED_ROLE_ID}`;

/** `/aws/lambda/<name>`, with `-ia` for the Infrequent Access class (4.37+); an Unknown when the name is. */
export function logGroupName(functionName: Val, infrequentAccess = false): Plain {
  return concatName(['/aws/lambda/', functionName, infrequentAccess ? '-ia' : '']);
}

/**
 * `{Fn::Sub: <before><name><after>}`. When the name is (partly) unknown, its text must not land in
 * the template, where CloudFormation would read a `${…}` as a substitution: the value is then an
 * Unknown whose parts are the known text, the template's pseudo parameters (filled in by
 * CloudFormation, opaque here) and the name's unknown pieces.
 */
function subWithName(before: string, name: Val, after: string): Obj | Unknown {
  if (!isUnknown(name)) return obj({ 'Fn::Sub': `${before}${textOf(name)}${after}` });
  const pieces: Val[] = before
    .split(/(\$\{AWS::\w+\})/)
    .map((piece) => (/^\$\{AWS::\w+\}$/.test(piece) ? new Unknown(piece, `${piece.slice(2, -1)} is filled in by CloudFormation at deployment`) : piece));
  const joined = concatName([...pieces, name, after]) as Unknown;
  return new Unknown(joined.text, name.reason, joined.parts);
}

const LOG_ARN_PREFIX = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:';

/** `{Fn::Sub: arn:…:log-group:<group><suffix>}` — suffix `:*` or `:*:*`; an Unknown when the group is. */
export function logGroupArn(group: Val, suffix: string): Obj | Unknown {
  return subWithName(LOG_ARN_PREFIX, group, suffix);
}

/** `{Fn::Sub: arn:…:lambda:…:function:<name><suffix>}`; an Unknown when the name is. */
export function functionArnSub(functionName: Val, suffix = ''): Obj | Unknown {
  return subWithName('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:', functionName, suffix);
}

/** `arn:<partition>:iam::aws:policy/service-role/<name>` as the Framework writes it. */
export function awsServiceRolePolicy(name: string): Obj {
  return obj({ 'Fn::Join': ['', ['arn:', obj({ Ref: 'AWS::Partition' }), `:iam::aws:policy/service-role/${name}`]] });
}
export const vpcPolicyArn = (): Obj => awsServiceRolePolicy('AWSLambdaVPCAccessExecutionRole');
export const durablePolicyArn = (): Obj => awsServiceRolePolicy('AWSLambdaBasicDurableExecutionRolePolicy');

/** A name part as it goes into an `Fn::Join`: strings as they are, an Unknown kept (it serializes as its text). */
function joinPart(v: Val): Plain {
  if (typeof v === 'string' || isUnknown(v)) return v;
  return textOf(v);
}

/**
 * The default shared role name: `{Fn::Join: ['-', [service, stage, {Ref: AWS::Region}, 'lambdaRole']]}`
 * (an unknown service or stage stays an Unknown part).
 */
export function defaultRoleName(service: Val, stage: Val): Obj {
  return obj({ 'Fn::Join': ['-', [joinPart(service), joinPart(stage), obj({ Ref: 'AWS::Region' }), 'lambdaRole']] });
}

/** `naming.getRoleName()`: `provider.iam.role.name` when set, else the default join. */
export function providerRoleName(customName: Val, service: Val, stage: Val): Plain {
  return customName ? (customName as Plain) : defaultRoleName(service, stage);
}

/** `{Fn::Join: ['-', [service, stage, 'lambda']]}`. */
export function policyName(service: Val, stage: Val): Obj {
  return obj({ 'Fn::Join': ['-', [joinPart(service), joinPart(stage), 'lambda']] });
}

/**
 * Kinesis consumer names (`getStreamConsumerName` / `getStreamConsumerLogicalId`). With the
 * naming mode on and an unknown service or stage the logical id is an Unknown (known parts normalized).
 */
export function streamConsumerLogicalId(
  functionKey: string,
  streamName: string,
  namingMode: boolean,
  service: Val,
  stage: Val,
): string | Unknown {
  const consumerName = namingMode ? concatName([functionKey, streamName, service, stage, 'Consumer']) : `${functionKey}${streamName}Consumer`;
  if (!isUnknown(consumerName)) return `${normalizedName(textOf(consumerName))}StreamConsumer`;
  const parts = (consumerName.parts ?? []).map((p, i) => (typeof p !== 'string' ? p : i === 0 ? normalizedName(p) : p.replace(/-/g, 'Dash').replace(/_/g, 'Underscore')));
  return new Unknown(`${normalizedName(consumerName.text)}StreamConsumer`, consumerName.reason, [...parts, 'StreamConsumer']);
}

/** `getStreamNameFromArn`: the stream name used in consumer names. */
export function streamNameFromArn(arn: Val): string {
  if (isObj(arn)) {
    const getAtt = arn['Fn::GetAtt'];
    if (getAtt !== undefined) return textOf(Array.isArray(getAtt) ? getAtt[0] : getAtt);
    if (arn['Fn::ImportValue'] !== undefined) return textOf(arn['Fn::ImportValue']);
    if (arn.Ref !== undefined) return textOf(arn.Ref);
    const join = arn['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1]) && join[1].length) {
      const last = textOf(join[1][join[1].length - 1]);
      return last.split('/').pop() ?? last;
    }
    return 'undefined';
  }
  const parts = textOf(arn).split('/');
  return parts[1] ?? 'undefined';
}

/** Result of the generated per-function role name (§7). */
export type GeneratedName =
  /**
   * `uncertain`: the name has unknown parts (an unknown service, stage or region), so whether it
   * fits (and whether `lambdaRole` is dropped) is only known once they are resolved.
   */
  | { ok: true; name: Obj; droppedLambdaRole: boolean; uncertain: boolean }
  | { ok: false; reason: 'global-name'; got: Plain }
  | { ok: false; reason: 'too-long' };

/**
 * `_getFunctionRoleName`: insert the function key after the stage in the provider's default
 * role name; drop `lambdaRole` when longer than 64 (region counted with its resolved length);
 * fail when still longer. A custom `provider.iam.role.name` cannot be extended: failure.
 * Unknown parts (and an unknown region) count only with their known text: `lambdaRole` is
 * dropped, and the name fails, only when its known parts alone are too long (never guessed
 * from the source text of a variable); `uncertain` says the length was not fully known.
 */
export function generatedRoleName(providerName: Plain, functionKey: string, region: string | Unknown): GeneratedName {
  const join = isObj(providerName) ? providerName['Fn::Join'] : undefined;
  if (!Array.isArray(join) || join.length !== 2 || !Array.isArray(join[1]) || join[1].length < 2) {
    return { ok: false, reason: 'global-name', got: providerName };
  }
  const parts: Plain[] = [...join[1]];
  parts.splice(2, 0, functionKey);
  const measure = (ps: Plain[]): { known: number; unknown: boolean } => {
    let n = ps.length - 1;
    let unknown = false;
    for (const part of ps) {
      let value: Plain = part;
      if (isObj(part) && part.Ref !== undefined && part.Ref !== null && part.Ref !== '') value = part.Ref === 'AWS::Region' ? region : textOf(part.Ref);
      if (value instanceof Unknown) {
        n += knownLength(value);
        unknown = true;
      } else {
        n += textOf(value).length;
      }
    }
    return { known: n, unknown };
  };
  let length = measure(parts);
  let dropped = false;
  if (length.known > 64 && parts[parts.length - 1] === 'lambdaRole') {
    parts.pop();
    dropped = true;
    length = measure(parts);
  }
  if (length.known > 64) return { ok: false, reason: 'too-long' };
  return {
    ok: true,
    name: obj({ 'Fn::Join': [join[0] as Plain, parts] }),
    droppedLambdaRole: dropped,
    uncertain: length.unknown,
  };
}

function knownLength(u: Unknown): number {
  if (!u.parts) return 0;
  let n = 0;
  for (const part of u.parts) if (typeof part === 'string') n += part.length;
  return n;
}
