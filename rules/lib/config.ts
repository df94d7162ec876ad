/**
 * Looking values up in the resolved service config (`ServiceModel.config`, plain JS).
 *
 * Not a rule: this module has no default export.
 */
import type { Path, Plain } from '../../src/load/node.js';
import type { FunctionModel, ServiceModel } from '../../src/synthesize/model.js';
import { isMap, type PlainMap } from './plain.js';

/** The value at a logical path (`['functions', 'w', 'events', 0]`), or undefined when any step is missing. */
export function valueAt(root: Plain | undefined, path: Path): Plain | undefined {
  let cur: Plain | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isMap(cur) && Object.hasOwn(cur, seg) ? cur[seg] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** `provider` when it is a map. */
export function providerConfig(service: ServiceModel): PlainMap | undefined {
  const provider = service.config.provider;
  return isMap(provider) ? provider : undefined;
}

/** The function's own settings (`functions.<key>`, or `functions[i].<key>`), when they are a map. */
export function functionConfig(service: ServiceModel, fn: FunctionModel): PlainMap | undefined {
  const value = valueAt(service.config, fn.path);
  return isMap(value) ? value : undefined;
}

/**
 * A lookup of each function's settings by function key, for rules that start from a key (a
 * role's `functions`, a grant's cause). Built once per model; O(number of functions).
 */
export function functionConfigs(service: ServiceModel): (key: string) => PlainMap | undefined {
  const configs = configsOf(service);
  return (key) => configs.get(key);
}

/** Several rules look functions up by key. Never mutated. */
const configsByModel = new WeakMap<ServiceModel, ReadonlyMap<string, PlainMap | undefined>>();

function configsOf(service: ServiceModel): ReadonlyMap<string, PlainMap | undefined> {
  let configs = configsByModel.get(service);
  if (!configs) configsByModel.set(service, (configs = new Map(service.functions.map((f) => [f.key, functionConfig(service, f)]))));
  return configs;
}
