/**
 * Finalize (semantics §10, §17): user `resources` deep-merged by index over the generated
 * template, `resources.extensions` applied, null properties stripped. The template here holds
 * the generated roles, a stub of every function resource (its `Role` and `DependsOn`, which
 * `resources` can change too) and the user's resources.
 *
 * What changed is recorded for provenance: which objects a merge touched (with the source path
 * at the same depth), which objects were created from source objects, and the state of every
 * generated role before the merge.
 */
import type { Path, Plain } from '../load/node.js';
import type { Sim } from './context.js';
import { fail } from './failure.js';
import { lodashMerge } from './lodash-merge.js';
import { lambdaLogicalId } from './naming.js';
import { equalityKey, isObj, isUnknown, newObj, obj, setKey, type Obj } from './plain.js';
import { statements, type GenRole, type RolePropName } from './role-build.js';

export interface RoleSnapshot {
  statementArray: Plain[];
  statementDocs: Plain[];
  managedArray: Plain[] | undefined;
  managedValues: Plain[];
  propKeys: Map<RolePropName, string>;
}

export interface FinalTemplate {
  /** logical id → resource, after merge, extensions and null stripping. */
  resources: Obj;
  /** Destination objects a `resources` merge changed → source paths at the same depth. */
  touched: Map<object, Path[]>;
  /** Objects that came from `resources` (merge copies, extension values) → where they are written. */
  origin: Map<object, Path>;
  snapshots: Map<string, RoleSnapshot>;
  /** logical id → top-level `Properties` keys replaced by `resources.extensions` (key → path). */
  extended: Map<string, Map<string, Path>>;
  /** Logical ids declared in `resources.Resources`. */
  userIds: Set<string>;
}

export const ROLE_PROPS: RolePropName[] = ['RoleName', 'Path', 'PermissionsBoundary', 'Tags'];

function snapshot(role: GenRole): RoleSnapshot {
  const p = role.resource.Properties as Obj;
  const list = statements(role);
  const mp = Array.isArray(p.ManagedPolicyArns) ? p.ManagedPolicyArns : undefined;
  const propKeys = new Map<RolePropName, string>();
  for (const name of ROLE_PROPS) if (Object.prototype.hasOwnProperty.call(p, name)) propKeys.set(name, equalityKey(p[name]));
  return { statementArray: list, statementDocs: [...list], managedArray: mp, managedValues: mp ? [...mp] : [], propKeys };
}

function recordOrigins(value: Plain, path: Path, origin: Map<object, Path>): void {
  if (typeof value !== 'object' || value === null || isUnknown(value)) return;
  origin.set(value, path);
  if (Array.isArray(value)) value.forEach((v, i) => recordOrigins(v, [...path, i], origin));
  else for (const k of Object.keys(value)) recordOrigins(value[k]!, [...path, k], origin);
}

/** Delete `null` properties recursively (a `null` list element stays: it serializes as null). */
function stripNulls(value: Plain): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) stripNulls(value[i]!);
    return;
  }
  if (!isObj(value)) return;
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (value[k] === null) delete value[k];
    else stripNulls(value[k]!);
  }
}

const EXTENSION_ATTRIBUTES = new Set(['Condition', 'CreationPolicy', 'DeletionPolicy', 'UpdatePolicy', 'UpdateReplacePolicy', 'Properties', 'DependsOn', 'Metadata']);

export function finalizeTemplate(sim: Sim): FinalTemplate {
  const template = newObj();
  const snapshots = new Map<string, RoleSnapshot>();
  for (const role of sim.roles.values()) {
    template[role.logicalId] = role.resource;
    snapshots.set(role.logicalId, snapshot(role));
  }
  for (const compiled of sim.compiled.values()) {
    template[lambdaLogicalId(compiled.info.key)] = obj({
      Type: 'AWS::Lambda::Function',
      Properties: obj({ Role: compiled.role }),
      DependsOn: compiled.dependsOn,
    });
  }

  const touched = new Map<object, Path[]>();
  const origin = new Map<object, Path>();
  const extended = new Map<string, Map<string, Path>>();
  const userIds = new Set<string>();
  const resources = sim.n.cfg.resources;
  if (isUnknown(resources)) {
    sim.diagnostics.push({
      code: 'unknown-resources',
      severity: 'warning',
      message: `The resources of this service cannot be known offline (${resources.text}); roles they would declare or change are not seen.`,
      path: ['resources'],
    });
  }
  const userResources = isObj(resources) ? resources.Resources : undefined;
  if (isObj(userResources)) {
    for (const id of Object.keys(userResources)) userIds.add(id);
    recordOrigins(userResources, ['resources', 'Resources'], origin);
    lodashMerge(template, userResources, ['resources', 'Resources'], {
      onChanged(dest, srcPath) {
        const list = touched.get(dest);
        if (!list) touched.set(dest, [srcPath]);
        else if (!list.some((p) => p.length === srcPath.length && p.every((s, i) => s === srcPath[i]))) list.push(srcPath);
      },
      onCreated(created, srcPath) {
        origin.set(created, srcPath);
      },
    });
  }

  const extensions = isObj(resources) ? resources.extensions : undefined;
  if (isObj(extensions)) {
    for (const id of Object.keys(extensions)) {
      const def = extensions[id];
      if (!isObj(def)) continue;
      for (const attribute of Object.keys(def)) {
        const value = def[attribute]!;
        const at: Path = ['resources', 'extensions', id, attribute];
        const target = template[id];
        if (!isObj(target)) {
          // Only ids iamlint can be sure about: generated roles.
          if (/IamRoleLambdaExecution$/.test(id)) {
            fail(`Cannot extend "${id}" resource, as it's not found in generated stack`, { code: 'RESOURCE_EXTENSION_NOT_EXISTING', at: ['resources', 'extensions', id] });
          }
          break;
        }
        if (!EXTENSION_ATTRIBUTES.has(attribute)) {
          fail(
            `Cannot extend "${id}" resource, as extending the "${attribute}" attribute at this point is not supported. Feel free to propose support for it in the Framework issue tracker: https://github.com/serverless/serverless/issues`,
            { code: 'RESOURCE_EXTENSION_UNSUPPORTED_ATTRIBUTE', at },
          );
        }
        recordOrigins(value, at, origin);
        if (attribute === 'Properties') {
          if (!isObj(target.Properties)) target.Properties = newObj();
          if (isObj(value)) {
            const keys = extended.get(id) ?? new Map<string, Path>();
            for (const k of Object.keys(value)) {
              setKey(target.Properties as Obj, k, value[k]!);
              keys.set(k, [...at, k]);
            }
            extended.set(id, keys);
          }
        } else if (attribute === 'DependsOn') {
          const current = target.DependsOn;
          const list: Plain[] = Array.isArray(current) ? current : current ? [current] : [];
          if (Array.isArray(value)) list.push(...value);
          target.DependsOn = list;
        } else if (attribute === 'Metadata') {
          if (!isObj(target.Metadata)) target.Metadata = newObj();
          if (isObj(value)) for (const k of Object.keys(value)) setKey(target.Metadata as Obj, k, value[k]!);
        } else target[attribute] = value;
      }
    }
  }

  for (const id of Object.keys(template)) {
    const resource = template[id];
    if (isObj(resource) && isObj(resource.Properties)) stripNulls(resource.Properties);
  }

  return { resources: template, touched, origin, snapshots, extended, userIds };
}
