/**
 * `_.merge` as the Framework uses it for `resources` (semantics §10) and `mergeArrays`:
 * plain objects merge key by key in place, arrays merge **by index** in place, a source
 * value `undefined` never overwrites, anything else (strings, numbers, null, Unknown)
 * replaces. A tracker learns which destination objects changed (with the source path at
 * the same depth) and which objects were created as copies of source objects.
 */
import { Unknown, type Path, type Plain } from '../load/node.js';
import { newObj, setKey, type Obj } from './plain.js';

export interface MergeTracker {
  /** `dest` (an object or array of the destination) has a changed value somewhere below; `srcPath` is the source at the same depth. */
  onChanged?(dest: object, srcPath: Path): void;
  /** `created` was made for the source value at `srcPath` (it did not exist in the destination). */
  onCreated?(created: object, srcPath: Path): void;
}

type Container = Obj | Plain[];

function assign(dest: Container, k: string | number, v: Plain): void {
  if (Array.isArray(dest)) dest[k as number] = v;
  else setKey(dest, String(k), v);
}

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null && !(v instanceof Unknown);
}

/** Merge `src` into `dest` in place; returns true when anything in `dest` changed. */
export function lodashMerge(dest: Container, src: Container, srcPath: Path = [], tracker?: MergeTracker): boolean {
  let changed = false;
  const d = dest as Record<string | number, Plain | undefined>;
  const s = src as Record<string | number, Plain | undefined>;
  const keys: Array<string | number> = Array.isArray(src) ? src.map((_, i) => i) : Object.keys(src);
  for (const k of keys) {
    const sv = s[k];
    // Own properties only: `dest.__proto__` or `dest.constructor` must never be merged into.
    const dv = Object.prototype.hasOwnProperty.call(d, k) ? d[k] : undefined;
    const path = [...srcPath, k];
    if (isContainer(sv)) {
      let target: Container;
      if (Array.isArray(sv)) target = Array.isArray(dv) ? dv : [];
      else target = isContainer(dv) && !Array.isArray(dv) ? dv : newObj();
      const created = target !== dv;
      if (created) tracker?.onCreated?.(target, path);
      const sub = lodashMerge(target, sv, path, tracker);
      if (created) {
        assign(dest, k, target);
        changed = true;
      } else if (sub) changed = true;
    } else {
      if (sv === undefined) continue;
      const present = Array.isArray(dest) ? typeof k === 'number' && k < dest.length : Object.prototype.hasOwnProperty.call(dest, k);
      if (!present || !Object.is(dv, sv)) {
        if (!(present && typeof dv === 'number' && typeof sv === 'number' && dv === sv)) {
          assign(dest, k, sv);
          changed = true;
        }
      }
    }
  }
  if (changed) tracker?.onChanged?.(dest, srcPath);
  return changed;
}
