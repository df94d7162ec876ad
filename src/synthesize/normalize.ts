/**
 * The Framework's view of the config before any IAM code runs (semantics §2, §8): a private
 * deep copy of the resolved config (the simulation mutates it like the Framework mutates its
 * own), `functions`/`resources` given as lists of maps merged (`mergeArrays`), null functions
 * dropped, `events` and `name` defaulted, then the schema coercion of §8.
 */
import { basename } from 'node:path';
import { inspect } from 'node:util';
import { Unknown, type Diagnostic, type Path, type Plain } from '../load/node.js';
import type { ResolvedService } from '../load/types.js';
import { coerceFunction, coercePluginCustom, coerceProvider } from './coerce.js';
import { fail } from './failure.js';
import { lodashMerge } from './lodash-merge.js';
import { clonePlain, concatName, isObj, newObj, textOf, toOrdinary, type Obj, type Val } from './plain.js';

export interface FunctionInfo {
  key: string;
  /** Logical path of the function's settings in the resolved config. */
  path: Path;
  /** The function's settings (private, coerced copy). */
  fn: Obj;
  /** Position in `functions` (the Framework's iteration order). */
  index: number;
}

export interface NormalizedService {
  /** Private copy of the config (mutated by the simulation). */
  cfg: Obj;
  provider: Obj;
  service: Plain;
  /** An `Unknown` when it cannot be resolved offline: names built from it stay unknown. */
  stage: string | Unknown;
  region: string | Unknown;
  functions: FunctionInfo[];
  byKey: Map<string, FunctionInfo>;
  /** `serverless-iam-roles-per-function` listed in `plugins`. */
  externalPlugin: boolean;
  diagnostics: Diagnostic[];
}

const PLUGIN_NAME = 'serverless-iam-roles-per-function';

/** Any `plugins` entry (list form or `modules` of the object form) naming the plugin. */
export function listsExternalPlugin(plugins: Val): boolean {
  const list = Array.isArray(plugins) ? plugins : isObj(plugins) && Array.isArray(plugins.modules) ? plugins.modules : [];
  return list.some((p) => typeof p === 'string' && p.includes(PLUGIN_NAME));
}

export function normalizeService(service: ResolvedService): NormalizedService {
  const diagnostics: Diagnostic[] = [];
  const cfg = isObj(service.config) ? clonePlain(service.config as Obj) : newObj();

  // `provider` as a string (`provider: aws`) is the provider name.
  const provided = !!cfg.provider;
  let provider: Obj;
  if (isObj(cfg.provider)) provider = cfg.provider;
  else {
    provider = newObj();
    if (cfg.provider !== undefined && cfg.provider !== null) provider.name = cfg.provider;
    cfg.provider = provider;
  }

  if (isObj(cfg.service)) {
    fail('Object notation for "service" property is not supported. Set "service" property directly with service name.', {
      code: 'SERVICE_OBJECT_NOTATION',
      at: ['service'],
    });
  }
  const configFile = basename(service.file);
  if (!cfg.service) fail(`"service" property is missing in ${configFile}`, { code: 'SERVICE_NAME_MISSING', at: ['service'] });
  if (!provided) fail(`"provider" property is missing in ${configFile}`, { code: 'PROVIDER_NAME_MISSING', at: ['provider'] });
  const serviceName: Plain = cfg.service ?? null;
  const pinned = cfg.frameworkVersion;
  if (typeof pinned === 'string' || typeof pinned === 'number') {
    const major = /^\D*(\d+)/.exec(String(pinned))?.[1];
    if (major !== undefined && major !== '4') {
      diagnostics.push({
        code: 'framework-version',
        severity: 'info',
        message: `frameworkVersion "${pinned}" pins another major version; iamlint synthesizes roles as Framework v4.41 builds them (v4 itself refuses to run this pin).`,
        path: ['frameworkVersion'],
      });
    }
  }
  const externalPlugin = listsExternalPlugin(cfg.plugins);

  // mergeArrays: `resources` and `functions` given as lists of maps are deep-merged in order.
  const functionPaths = new Map<string, Path>();
  for (const key of ['resources', 'functions'] as const) {
    const value = cfg[key];
    if (!Array.isArray(value)) continue;
    const merged = newObj();
    value.forEach((item, i) => {
      if (!item) return;
      if (typeof item === 'object' && !(item instanceof Unknown)) {
        if (key === 'functions' && isObj(item)) for (const k of Object.keys(item)) functionPaths.set(k, ['functions', i, k]);
        lodashMerge(merged, item);
        return;
      }
      fail(`Non-object value specified in ${key} array: ${textOf(item)}`, {
        code: 'LEGACY_CONFIGURATION_PROPERTY_MERGE_INVALID_INPUT',
        at: [key, i],
      });
    });
    cfg[key] = merged;
  }

  // setFunctionNames
  let functionsValue: Val = cfg.functions;
  if (functionsValue instanceof Unknown) {
    diagnostics.push({
      code: 'unknown-functions',
      severity: 'warning',
      message: `The functions of this service cannot be known offline (${functionsValue.text}); no function was synthesized.`,
      path: ['functions'],
    });
    functionsValue = undefined;
  }
  if (!functionsValue) functionsValue = newObj();
  if (!isObj(functionsValue)) {
    fail(`Unexpected "functions" configuration: Expected object received: ${inspect(toOrdinary(functionsValue))}`, {
      code: 'NON_OBJECT_FUNCTIONS_CONFIGURATION',
      at: ['functions'],
    });
  }
  const functionsObj = functionsValue as Obj;
  const functions: FunctionInfo[] = [];
  const byKey = new Map<string, FunctionInfo>();
  for (const key of Object.keys(functionsObj)) {
    const value = functionsObj[key];
    const path = functionPaths.get(key) ?? ['functions', key];
    if (value === null || value === undefined) {
      delete functionsObj[key];
      continue;
    }
    if (value instanceof Unknown || Array.isArray(value)) {
      diagnostics.push({
        code: 'unknown-function-config',
        severity: 'warning',
        message: `The settings of function "${key}" cannot be read (${value instanceof Unknown ? value.text : 'a list'}); it is left out.`,
        path,
      });
      delete functionsObj[key];
      continue;
    }
    if (!isObj(value)) {
      fail(`Unexpected "${key}" function configuration: Expected object received ${inspect(value)})`, {
        code: 'NON_OBJECT_FUNCTION_CONFIGURATION_ERROR',
        at: path,
        function: key,
      });
    }
    const fn = value as Obj;
    if (!fn.events) fn.events = [];
    if (!fn.name) fn.name = concatName([serviceName, '-', service.stage, '-', key]);
    const info: FunctionInfo = { key, path, fn, index: functions.length };
    functions.push(info);
    byKey.set(key, info);
  }
  cfg.functions = functionsObj;

  // Schema coercion (§8), in place.
  coerceProvider(provider);
  coercePluginCustom(cfg.custom);
  for (const info of functions) {
    coerceFunction(info.fn, !externalPlugin);
    if (!Array.isArray(info.fn.events)) {
      diagnostics.push({
        code: 'events-not-a-list',
        severity: 'warning',
        message: `functions.${info.key}.events is not a list; its events are ignored.`,
        path: [...info.path, 'events'],
      });
      info.fn.events = [];
    }
  }

  return {
    cfg,
    provider,
    service: serviceName,
    stage: service.stage,
    region: service.region,
    functions,
    byKey,
    externalPlugin,
    diagnostics,
  };
}
