/**
 * `compileFunctions` (semantics §1.2, §2, §3.5, §17): every function's `Role`/`DependsOn`, and
 * the grants the shared role receives per function — onError, KMS (union), X-Ray (union, not
 * guarded), the durable managed policy (union, not guarded), file systems and destinations
 * (memoized per destination value). "Guarded" writers skip functions with a dedicated role.
 *
 * Functions compile concurrently; everything up to the first `await` runs in function order,
 * and destinations run after it: they are simulated as a second pass in function order.
 */
import type { Path, Plain } from '../load/node.js';
import { customExecutionRole, isDedicated, type CompiledFunction, type Sim } from './context.js';
import { fail } from './failure.js';
import type { GrantCause, Provenance, RoleChoice } from './model.js';
import { durablePolicyArn, functionArnSub, logGroupLogicalId, SHARED_ROLE_ID } from './naming.js';
import type { FunctionInfo } from './normalize.js';
import { equalityKey, get, isObj, isStringLike, isUnknown, knownPrefix, obj, textOf, type Obj, type Val } from './plain.js';
import { mergeCauses, pushStatement, unionManagedPolicy, unionStatement } from './role-build.js';
import { compileRole } from './role-reference.js';

const auto = (grant: Extract<Provenance, { kind: 'auto' }>['grant'], causes: GrantCause[]): Provenance => ({
  kind: 'auto',
  grant,
  causes,
});

/** The effective tracing setting and where it is written (function value wins when truthy). */
export function tracingOf(sim: Sim, info: FunctionInfo): { value: Val; at: Path } | undefined {
  if (info.fn.tracing) return { value: info.fn.tracing, at: [...info.path, 'tracing'] };
  const provider = get(sim.n.provider, 'tracing', 'lambda');
  if (provider) return { value: provider, at: ['provider', 'tracing', 'lambda'] };
  return undefined;
}

/** The effective KMS key (function overrides provider) and where it is written. */
export function kmsKeyOf(sim: Sim, info: FunctionInfo): { value: Val; at: Path } | undefined {
  if (info.fn.kmsKeyArn) return { value: info.fn.kmsKeyArn, at: [...info.path, 'kmsKeyArn'] };
  if (sim.n.provider.kmsKeyArn) return { value: sim.n.provider.kmsKeyArn, at: ['provider', 'kmsKeyArn'] };
  return undefined;
}

/** `resolveFileSystemType`: S3 Files when `type: s3files` or the literal ARN contains `:s3files:`. */
export function fileSystemActions(config: Obj): string[] {
  const arn = config.arn;
  const s3files = config.type === 's3files' || (typeof arn === 'string' && arn.includes(':s3files:')) ||
    (isUnknown(arn) && knownPrefix(arn).includes(':s3files:'));
  return s3files ? ['s3files:ClientMount', 's3files:ClientWrite'] : ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'];
}

const DURABLE_NODE = /^nodejs(2[2-9]|[3-9][0-9])\.x$/;
const DURABLE_PYTHON = /^python3\.(1[3-9]|[2-9][0-9])$/;
const DEFAULT_RUNTIME = 'nodejs20.x';

/**
 * The X-Ray statement every traced function unions into the shared role, made and keyed once per
 * run: the first copy stays in the list, the others are duplicates and only add their cause.
 */
interface XrayGrant {
  doc: Obj;
  key: string;
}

function xrayGrant(): XrayGrant {
  const doc = obj({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] });
  return { doc, key: equalityKey(doc) };
}

function roleChoiceOf(sim: Sim, info: FunctionInfo): { choice: RoleChoice; at: Path } {
  const fn = info.fn;
  if (fn.role) return { choice: 'function-role', at: [...info.path, 'role'] };
  if (sim.existingProviderRole) return { choice: 'provider-iam-role', at: ['provider', 'iam', 'role'] };
  if (sim.providerRoleKey) return { choice: 'provider-role', at: ['provider', 'role'] };
  return { choice: 'shared', at: [...info.path] };
}

function compileOne(sim: Sim, info: FunctionInfo, xray: XrayGrant): CompiledFunction {
  const { fn, key } = info;
  const shared = sim.shared;
  const guarded = shared && !isDedicated(sim, key) ? shared : undefined;

  if (!fn.handler && !fn.image) {
    fail(`Either "handler" or "image" property needs to be set on function "${key}"`, {
      code: 'FUNCTION_NEITHER_HANDLER_NOR_IMAGE_DEFINED_ERROR',
      at: info.path,
      function: key,
    });
  }
  if (fn.handler && fn.image) {
    fail(`Either "handler" or "image" property (not both) needs to be set on function "${key}".`, {
      code: 'FUNCTION_BOTH_HANDLER_AND_IMAGE_DEFINED_ERROR',
      at: [...info.path, 'image'],
      function: key,
    });
  }
  if (fn.handler && fn.durableConfig) {
    const runtime = fn.runtime || sim.n.provider.runtime || DEFAULT_RUNTIME;
    if (typeof runtime === 'string' && !DURABLE_NODE.test(runtime) && !DURABLE_PYTHON.test(runtime)) {
      fail('Durable Functions are only supported for Node.js 22+ and Python 3.13+ runtimes.', {
        code: 'LAMBDA_DURABLE_FUNCTION_INVALID_RUNTIME',
        at: fn.runtime ? [...info.path, 'runtime'] : sim.n.provider.runtime ? ['provider', 'runtime'] : [...info.path, 'durableConfig'],
        function: key,
      });
    }
    if (fn.versionFunction === false) {
      fail(
        `Function "${key}" has "durableConfig" set but "versionFunction" is explicitly disabled. Durable Functions require versioning to publish a stable alias for qualified invocations.`,
        { code: 'FUNCTION_DURABLE_REQUIRES_VERSIONING', at: [...info.path, 'versionFunction'], function: key },
      );
    }
  }

  let dependsOn: string[] | undefined;
  if (fn.dependsOn) dependsOn = ([] as Plain[]).concat(fn.dependsOn).map((d) => textOf(d));

  // onError: a string only; guarded; one statement per function.
  if (fn.onError && isStringLike(fn.onError) && guarded) {
    pushStatement(guarded, obj({ Effect: 'Allow', Action: ['sns:Publish'], Resource: [fn.onError] }), auto('on-error', [
      { function: key, setting: [...info.path, 'onError'] },
    ]));
  }

  // KMS: function overrides provider; a string only; guarded; union over the whole list.
  const kms = kmsKeyOf(sim, info);
  if (kms && isStringLike(kms.value) && guarded) {
    unionStatement(guarded, obj({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [kms.value] }), auto('kms', [
      { function: key, setting: kms.at },
    ]));
  }

  // X-Ray: any truthy tracing; not guarded; union.
  const tracing = tracingOf(sim, info);
  if (tracing && shared) {
    unionStatement(shared, xray.doc, auto('xray', [{ function: key, setting: tracing.at }]), xray.key);
  }

  const customRole = customExecutionRole(sim, fn);
  const compiled = compileRole(customRole || SHARED_ROLE_ID);
  if (compiled.dependsOn !== undefined) dependsOn = (dependsOn ?? []).concat(compiled.dependsOn);

  // Durable: the managed policy, when no custom role; not guarded; union.
  if (fn.durableConfig && !customRole && shared) {
    unionManagedPolicy(shared, durablePolicyArn(), auto('durable', [{ function: key, setting: [...info.path, 'durableConfig'] }]));
  }

  // VpcConfig is written when the function does not opt out and security groups and subnets are known.
  let hasVpcConfig = false;
  if (!fn.capacityProvider && fn.vpc !== null && fn.vpc !== false) {
    const fnVpc = isObj(fn.vpc) ? fn.vpc : undefined;
    const providerVpc = isObj(sim.n.provider.vpc) ? sim.n.provider.vpc : undefined;
    const sg = fnVpc?.securityGroupIds || providerVpc?.securityGroupIds;
    const subnets = fnVpc?.subnetIds || providerVpc?.subnetIds;
    hasVpcConfig = !!sg && !!subnets;
  }

  const fsc = fn.fileSystemConfig;
  if (fsc) {
    if (fn.capacityProvider) {
      fail("File system configuration isn't compatible with functions using capacity provider compute.", {
        code: 'LAMBDA_FILE_SYSTEM_CONFIG_WITH_CAPACITY_PROVIDER',
        at: [...info.path, 'fileSystemConfig'],
        function: key,
      });
    }
    if (!hasVpcConfig) {
      fail(
        `Function "${key}": when using fileSystemConfig, ensure that function has vpc configured on function or provider level`,
        { code: 'LAMBDA_FILE_SYSTEM_CONFIG_MISSING_VPC', at: [...info.path, 'fileSystemConfig'], function: key },
      );
    }
    if (guarded) {
      const config = isObj(fsc) ? fsc : obj({});
      pushStatement(
        guarded,
        obj({ Effect: 'Allow', Action: fileSystemActions(config), Resource: [config.arn ?? null] }),
        auto('file-system', [{ function: key, setting: [...info.path, 'fileSystemConfig'] }]),
      );
    }
  }

  if (!fn.disableLogs && !get(fn, 'logs', 'logGroup') && !get(sim.n.provider, 'logs', 'lambda', 'logGroup')) {
    dependsOn = [logGroupLogicalId(key), ...(dependsOn ?? [])];
  }

  const choice = roleChoiceOf(sim, info);
  return {
    info,
    role: compiled.role,
    dependsOn,
    choice: choice.choice,
    choiceAt: choice.at,
    hasVpcConfig,
    customRole,
  };
}

/** `getDestinationAction` (shared form); null when the target kind is not recognized. */
function destinationAction(target: Val): string | null | 'unknown' {
  if (isObj(target)) {
    if (target.type === 'function') return 'lambda:InvokeFunction';
    if (target.type === 'sqs') return 'sqs:SendMessage';
    if (target.type === 'sns') return 'sns:Publish';
    if (target.type === 'eventBus') return 'events:PutEvents';
    return null;
  }
  if (typeof target === 'string' || isUnknown(target)) {
    const text = typeof target === 'string' ? target : knownPrefix(target);
    if (isUnknown(target) && !text.startsWith('arn:')) return 'unknown';
    if (!text.startsWith('arn:') || text.includes(':function:')) return 'lambda:InvokeFunction';
    if (text.includes(':sqs:')) return 'sqs:SendMessage';
    if (text.includes(':sns:')) return 'sns:Publish';
    if (text.includes(':event-bus/')) return 'events:PutEvents';
    return isUnknown(target) ? 'unknown' : null;
  }
  return null;
}

/**
 * The action a destination's grant allows (null when the target kind is not recognized), or
 * undefined for a target whose kind cannot be known offline: its grant is left out, with an
 * `unknown-destination` warning.
 */
export function knownDestinationAction(sim: Sim, target: Val, functionKey: string, at: Path): string | null | undefined {
  const action = destinationAction(target);
  if (action !== 'unknown') return action;
  sim.diagnostics.push({
    code: 'unknown-destination',
    severity: 'warning',
    message: `The kind of destination ${textOf(target)} of function "${functionKey}" cannot be known offline; its grant is left out.`,
    path: at,
  });
  return undefined;
}

/** Second pass: `compileFunctionEventInvokeConfig` — destinations. */
function compileDestinations(sim: Sim, info: FunctionInfo, memo: Map<Val, number | undefined>): void {
  const { fn, key } = info;
  const destinations = fn.destinations;
  if (!isObj(destinations)) return;
  const handledExternally = Boolean(customExecutionRole(sim, fn)) || sim.perFunction || isDedicated(sim, key);
  for (const which of ['onSuccess', 'onFailure'] as const) {
    const target = destinations[which];
    if (!target) continue;
    const at: Path = [...info.path, 'destinations', which];
    // getDestinationsArn: a function key must exist.
    if (typeof target === 'string' && !target.startsWith('arn:') && !sim.n.byKey.has(target)) {
      fail(`Unrecognized function address ${target}`, { code: 'UNRECOGNIZED_FUNCTION_ADDRESS', at, function: key });
    }
    if (handledExternally) continue;
    if (memo.has(target)) {
      // The Framework's memoized call is a no-op: the first statement serves this function too
      // (nothing de-duplicates the list after destinations, so its index is stable).
      const i = memo.get(target);
      if (i !== undefined && sim.shared) {
        sim.shared.stmtProv[i] = mergeCauses(sim.shared, sim.shared.stmtProv[i]!, auto('destination', [{ function: key, setting: at }]));
      }
      continue;
    }
    memo.set(target, undefined);
    const action = knownDestinationAction(sim, target, key, at);
    if (action === undefined) continue;
    if (action === null) {
      fail(`Unsupported destination target ${textOf(target)}`, { code: 'UNSUPPORTED_DESTINATION_TARGET', at, function: key });
    }
    if (!sim.shared) fail("Cannot read properties of undefined (reading 'Properties')", { at, function: key });
    let resource: Plain;
    if (isObj(target)) resource = target.arn ?? null;
    else if (typeof target === 'string' && !target.startsWith('arn:')) resource = functionArnSub(sim.n.byKey.get(target)!.fn.name);
    else resource = target as Plain;
    memo.set(target, sim.shared.stmtProv.length);
    pushStatement(sim.shared, obj({ Effect: 'Allow', Action: action, Resource: resource }), auto('destination', [{ function: key, setting: at }]));
  }
}

export function compileFunctions(sim: Sim): void {
  const xray = xrayGrant();
  for (const info of sim.n.functions) sim.compiled.set(info.key, compileOne(sim, info, xray));
  const memo = new Map<Val, number | undefined>();
  for (const info of sim.n.functions) compileDestinations(sim, info, memo);
}
