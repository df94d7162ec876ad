/**
 * The Framework's names (semantics §3.2, §4.5, §7): logical ids, log groups, ARNs built with
 * `Fn::Sub`, the default role/policy names, and the 64-character rule of generated role names.
 */
import { Unknown, type Plain } from '../load/node.js';
import { isObj, isUnknown, obj, textOf, type Obj, type Val } from './plain.js';

export const SHARED_ROLE_ID = 'IamRoleLambdaExecution';

/** `getNormalizedFunctionName`: `-` → `Dash`, `_` → `Underscore`, first letter upper-cased. */
export function normalizedName(key: string): string {
  const replaced = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return replaced.charAt(0).toUpperCase() + replaced.slice(1);
}

export const lambdaLogicalId = (key: string): string => `${normalizedName(key)}LambdaFunction`;
export const logGroupLogicalId = (key: string): string => `${normalizedName(key)}LogGroup`;
export const dedicatedRoleId = (key: string): string => `${normalizedName(key)}${SHARED_ROLE_ID}`;

/** `/aws/lambda/<name>`, with `-ia` for the Infrequent Access class (4.37+). */
export function logGroupName(functionName: Val, infrequentAccess = false): string {
  return `/aws/lambda/${textOf(functionName)}${infrequentAccess ? '-ia' : ''}`;
}

const LOG_ARN_PREFIX = 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:';

/** `{Fn::Sub: arn:…:log-group:<group><suffix>}` — suffix `:*` or `:*:*`. */
export function logGroupArn(group: Val, suffix: string): Obj {
  return obj({ 'Fn::Sub': `${LOG_ARN_PREFIX}${textOf(group)}${suffix}` });
}

/** `{Fn::Sub: arn:…:lambda:…:function:<name><suffix>}`. */
export function functionArnSub(functionName: Val, suffix = ''): Obj {
  return obj({
    'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${textOf(functionName)}${suffix}`,
  });
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

/** The default shared role name: `{Fn::Join: ['-', [service, stage, {Ref: AWS::Region}, 'lambdaRole']]}`. */
export function defaultRoleName(service: Val, stage: string): Obj {
  return obj({ 'Fn::Join': ['-', [joinPart(service), stage, obj({ Ref: 'AWS::Region' }), 'lambdaRole']] });
}

/** `naming.getRoleName()`: `provider.iam.role.name` when set, else the default join. */
export function providerRoleName(customName: Val, service: Val, stage: string): Plain {
  return customName ? (customName as Plain) : defaultRoleName(service, stage);
}

/** `{Fn::Join: ['-', [service, stage, 'lambda']]}`. */
export function policyName(service: Val, stage: string): Obj {
  return obj({ 'Fn::Join': ['-', [joinPart(service), stage, 'lambda']] });
}

/** Kinesis consumer names (`getStreamConsumerName` / `getStreamConsumerLogicalId`). */
export function streamConsumerLogicalId(
  functionKey: string,
  streamName: string,
  namingMode: boolean,
  service: Val,
  stage: string,
): string {
  const consumerName = namingMode
    ? `${functionKey}${streamName}${textOf(service)}${stage}Consumer`
    : `${functionKey}${streamName}Consumer`;
  return `${normalizedName(consumerName)}StreamConsumer`;
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
  /** `uncertain`: longer than 64 only because of the text of unknown parts (not failed). */
  | { ok: true; name: Obj; droppedLambdaRole: boolean; uncertain: boolean }
  | { ok: false; reason: 'global-name'; got: Plain }
  | { ok: false; reason: 'too-long' };

/**
 * `_getFunctionRoleName`: insert the function key after the stage in the provider's default
 * role name; drop `lambdaRole` when longer than 64 (region counted with its resolved length);
 * fail when still longer. A custom `provider.iam.role.name` cannot be extended: failure.
 * Unknown parts count with their text length for the `lambdaRole` decision, but only a name
 * too long on its known parts alone fails (`uncertain` says the length was not fully known).
 */
export function generatedRoleName(providerName: Plain, functionKey: string, region: string): GeneratedName {
  const join = isObj(providerName) ? providerName['Fn::Join'] : undefined;
  if (!Array.isArray(join) || join.length !== 2 || !Array.isArray(join[1]) || join[1].length < 2) {
    return { ok: false, reason: 'global-name', got: providerName };
  }
  const parts: Plain[] = [...join[1]];
  parts.splice(2, 0, functionKey);
  const length = (ps: Plain[], knownOnly: boolean): number => {
    let n = 0;
    for (const part of ps) {
      if (isObj(part) && part.Ref !== undefined && part.Ref !== null && part.Ref !== '') {
        n += part.Ref === 'AWS::Region' ? region.length : textOf(part.Ref).length;
      } else if (part instanceof Unknown) {
        n += knownOnly ? knownLength(part) : part.text.length;
      } else {
        n += textOf(part).length;
      }
    }
    return n + ps.length - 1;
  };
  let dropped = false;
  if (length(parts, false) > 64 && parts[parts.length - 1] === 'lambdaRole') {
    parts.pop();
    dropped = true;
  }
  const textLength = length(parts, false);
  if (textLength > 64 && length(parts, true) > 64) return { ok: false, reason: 'too-long' };
  return {
    ok: true,
    name: obj({ 'Fn::Join': [join[0] as Plain, parts] }),
    droppedLambdaRole: dropped,
    uncertain: textLength > 64,
  };
}

function knownLength(u: Unknown): number {
  if (!u.parts) return 0;
  let n = 0;
  for (const part of u.parts) if (typeof part === 'string') n += part.length;
  return n;
}
