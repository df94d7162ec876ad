/**
 * Turn the finalized template into the model: every `AWS::IAM::Role` (generated or declared in
 * `resources`) with its statements, managed policies, trust principals and named properties,
 * each with provenance; and every function's final role wiring.
 */
import type { Path, Plain } from '../load/node.js';
import type { CompiledFunction, Sim } from './context.js';
import type {
  FunctionModel,
  ManagedPolicyModel,
  Provenance,
  RoleModel,
  RoleProperty,
  StatementModel,
  TrustPrincipalModel,
} from './model.js';
import { arnService, eventsOf } from './event-grants.js';
import { lambdaLogicalId, logGroupLogicalId, streamConsumerLogicalId, streamNameFromArn } from './naming.js';
import { equalityKey, get, isObj, isUnknown, textOf, type Obj } from './plain.js';
import { ROLE_PROPS, type FinalTemplate } from './resources.js';
import type { GenRole } from './role-build.js';
import { referencedLogicalId } from './role-reference.js';

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function uniquePaths(paths: Path[]): Path[] {
  const out: Path[] = [];
  for (const p of paths) if (!out.some((q) => samePath(p, q))) out.push(p);
  return out;
}

/** Paths that changed an object or anything below it (the tracker marks every ancestor). */
function changedPaths(final: FinalTemplate, value: Plain): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return final.touched.get(value) ?? [];
}

/** A statement list of a policy document: an array, or a single statement object. */
function statementList(doc: Plain | undefined): Plain[] {
  if (!isObj(doc)) return [];
  const st = doc.Statement;
  if (Array.isArray(st)) return st;
  if (isObj(st)) return [st];
  return [];
}

function resourcesBase(final: FinalTemplate, id: string, property: string): Path {
  const ext = final.extended.get(id)?.get(property);
  return ext ?? ['resources', 'Resources', id, 'Properties', property];
}

function buildStatements(final: FinalTemplate, id: string, props: Obj, gen?: GenRole): StatementModel[] {
  const out: StatementModel[] = [];
  const policies = Array.isArray(props.Policies) ? props.Policies : [];
  const snap = gen ? final.snapshots.get(id) : undefined;
  const base = resourcesBase(final, id, 'Policies');
  policies.forEach((policy, pi) => {
    if (!isObj(policy)) return;
    const doc = policy.PolicyDocument;
    const list = statementList(doc);
    const sameArray = !!snap && pi === 0 && isObj(doc) && doc.Statement === snap.statementArray;
    const positional = (si: number): Path => [...base, pi, 'PolicyDocument', 'Statement', si];
    list.forEach((st, si) => {
      if (!isObj(st)) return;
      let provenance: Provenance;
      let changedBy: Path[] = [];
      if (gen && snap && sameArray && si < snap.statementDocs.length) {
        provenance = gen.stmtProv[si] ?? { kind: 'template' };
        if (st !== snap.statementDocs[si]) changedBy = [positional(si)];
        else changedBy = changedPaths(final, st);
      } else {
        provenance = { kind: 'resources', path: final.origin.get(st) ?? positional(si) };
      }
      const model: StatementModel = { document: st, provenance, policyIndex: pi, statementIndex: si };
      if (changedBy.length) model.changedBy = uniquePaths(changedBy);
      out.push(model);
    });
  });
  return out;
}

function buildManagedPolicies(final: FinalTemplate, id: string, props: Obj, gen?: GenRole): ManagedPolicyModel[] {
  const list = props.ManagedPolicyArns;
  if (!Array.isArray(list)) return [];
  const snap = gen ? final.snapshots.get(id) : undefined;
  const sameArray = !!snap && list === snap.managedArray;
  const base = resourcesBase(final, id, 'ManagedPolicyArns');
  return list.map((arn, i) => {
    if (gen && snap && sameArray && i < snap.managedValues.length) {
      const model: ManagedPolicyModel = { arn, provenance: gen.mpProv[i] ?? { kind: 'template' }, index: i };
      const before = snap.managedValues[i]!;
      const changed = arn !== before ? [[...base, i]] : changedPaths(final, arn);
      if (changed.length) model.changedBy = uniquePaths(changed);
      return model;
    }
    const origin = typeof arn === 'object' && arn !== null ? final.origin.get(arn) : undefined;
    return { arn, provenance: { kind: 'resources', path: origin ?? [...base, i] }, index: i };
  });
}

const PRINCIPAL_TYPES = ['Service', 'AWS', 'Federated', 'CanonicalUser'] as const;

function buildTrust(final: FinalTemplate, id: string, props: Obj, gen?: GenRole): TrustPrincipalModel[] {
  const out: TrustPrincipalModel[] = [];
  const list = statementList(props.AssumeRolePolicyDocument);
  list.forEach((st, si) => {
    if (!isObj(st)) return;
    const base: Path = [...resourcesBase(final, id, 'AssumeRolePolicyDocument'), 'Statement', si, 'Principal'];
    const common = { statementIndex: si, effect: st.Effect ?? null, conditional: st.Condition !== undefined };
    const principal = st.Principal;
    if (principal === '*') {
      out.push({ principal: '*', type: '*', provenance: { kind: 'resources', path: base }, ...common });
      return;
    }
    if (!isObj(principal)) return;
    for (const type of PRINCIPAL_TYPES) {
      const value = principal[type];
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, i) => {
        const fromGen = gen && type === 'Service' && typeof v === 'string' ? gen.trustProv.get(v) : undefined;
        const path: Path = Array.isArray(value) ? [...base, type, i] : [...base, type];
        out.push({ principal: v, type, provenance: fromGen ?? { kind: 'resources', path }, ...common });
      });
    }
  });
  return out;
}

function buildProperties(final: FinalTemplate, id: string, props: Obj, gen?: GenRole): Partial<Record<'roleName' | 'path' | 'permissionsBoundary' | 'tags', RoleProperty>> {
  const out: Partial<Record<'roleName' | 'path' | 'permissionsBoundary' | 'tags', RoleProperty>> = {};
  const snap = gen ? final.snapshots.get(id) : undefined;
  const field = { RoleName: 'roleName', Path: 'path', PermissionsBoundary: 'permissionsBoundary', Tags: 'tags' } as const;
  for (const name of ROLE_PROPS) {
    if (!Object.prototype.hasOwnProperty.call(props, name)) continue;
    const value = props[name]!;
    const positional = resourcesBase(final, id, name);
    let property: RoleProperty;
    if (gen && snap && snap.propKeys.has(name)) {
      property = { value, provenance: gen.propProv.get(name) ?? { kind: 'template' } };
      if (snap.propKeys.get(name) !== equalityKey(value)) property.changedBy = [positional];
    } else property = { value, provenance: { kind: 'resources', path: positional } };
    out[field[name]] = property;
  }
  return out;
}

export function buildRoles(sim: Sim, final: FinalTemplate): RoleModel[] {
  const roles: RoleModel[] = [];
  const seen = new Set<string>();
  const add = (id: string, resource: Obj, gen?: GenRole) => {
    if (seen.has(id)) return;
    seen.add(id);
    const props = isObj(resource.Properties) ? resource.Properties : ({} as Obj);
    const role: RoleModel = {
      logicalId: id,
      kind: gen ? gen.kind : 'resource',
      functions: [],
      declaredAt: gen ? gen.declaredAt : ['resources', 'Resources', id],
      properties: props,
      statements: buildStatements(final, id, props, gen),
      managedPolicies: buildManagedPolicies(final, id, props, gen),
      trust: buildTrust(final, id, props, gen),
      ...buildProperties(final, id, props, gen),
    };
    if (gen?.dedicatedTo !== undefined) role.dedicatedTo = gen.dedicatedTo;
    if (gen) {
      const changed = [...changedPaths(final, resource), ...(final.extended.has(id) ? [['resources', 'extensions', id] as Path] : [])];
      if (changed.length) role.changedBy = uniquePaths(changed);
    }
    roles.push(role);
  };
  for (const gen of sim.roles.values()) {
    const resource = final.resources[gen.logicalId];
    if (isObj(resource) && resource.Type === 'AWS::IAM::Role') add(gen.logicalId, resource, gen);
  }
  for (const id of Object.keys(final.resources)) {
    const resource = final.resources[id];
    if (isObj(resource) && resource.Type === 'AWS::IAM::Role') add(id, resource, sim.roles.get(id));
  }
  return roles;
}

export function buildFunctions(sim: Sim, final: FinalTemplate, roles: RoleModel[]): FunctionModel[] {
  const byId = new Map(roles.map((r) => [r.logicalId, r]));
  const out: FunctionModel[] = [];
  for (const compiled of sim.compiled.values()) out.push(functionModel(compiled, final, byId));
  return out;
}

function functionModel(compiled: CompiledFunction, final: FinalTemplate, byId: Map<string, RoleModel>): FunctionModel {
  const { info } = compiled;
  const lambdaId = lambdaLogicalId(info.key);
  const stub = final.resources[lambdaId];
  const props = isObj(stub) && isObj(stub.Properties) ? stub.Properties : undefined;
  const finalRole: Plain = props && props.Role !== undefined ? props.Role : null;
  let choice = compiled.choice;
  let choiceAt = compiled.choiceAt;
  const changed = isObj(stub) && isObj(stub.Properties) ? final.touched.get(stub.Properties) : undefined;
  const extended = final.extended.get(lambdaId)?.get('Role');
  if (extended || (changed && equalityKey(finalRole) !== equalityKey(compiled.role))) {
    choice = 'resources-override';
    choiceAt = extended ?? ['resources', 'Resources', lambdaId, 'Properties', 'Role'];
  }
  const roleLogicalId = referencedLogicalId(finalRole);
  const dangling = roleLogicalId !== null && !Object.prototype.hasOwnProperty.call(final.resources, roleLogicalId);
  const model: FunctionModel = {
    key: info.key,
    name: info.fn.name ?? null,
    path: info.path,
    lambdaLogicalId: lambdaId,
    roleLogicalId,
    role: finalRole,
    choice,
    choiceAt,
    dangling,
  };
  if (roleLogicalId !== null && !dangling) byId.get(roleLogicalId)?.functions.push(info.key);
  return model;
}

/**
 * The Kinesis stream consumers the Framework generates (`consumer: true` on a kinesis stream
 * event): `<Name>StreamConsumer`, unless the id has parts that cannot be known offline.
 */
function streamConsumerIds(sim: Sim): string[] {
  const namingMode = !!get(sim.n.provider, 'kinesis', 'consumerNamingMode');
  const ids: string[] = [];
  for (const compiled of sim.compiled.values()) {
    for (const e of eventsOf(compiled.info, 'stream')) {
      const body = e.body;
      if (!isObj(body) || body.consumer !== true) continue;
      const arn = body.arn;
      const type = body.type ? textOf(body.type) : typeof arn === 'string' || isUnknown(arn) ? arnService(arn) : undefined;
      if (type !== 'kinesis' || arn === undefined || arn === null) continue;
      const id = streamConsumerLogicalId(compiled.info.key, streamNameFromArn(arn), namingMode, sim.n.service, sim.n.stage);
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

/** Logical id → literal `Type` of every entry of a template-like map (others are skipped). */
function literalTypes(out: Record<string, string>, resources: Obj): void {
  for (const id of Object.keys(resources)) {
    const resource = resources[id];
    if (isObj(resource) && typeof resource.Type === 'string') out[id] = resource.Type;
  }
}

/**
 * `ServiceModel.resourceTypes`: logical id → CloudFormation type of every resource of the stack
 * iamlint knows — the finalized template (generated roles, function resources, the user's
 * `resources.Resources` merged over them, with a literal `Type`), the functions' log groups and
 * the generated Kinesis stream consumers.
 */
export function buildResourceTypes(sim: Sim, final: FinalTemplate): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const compiled of sim.compiled.values()) {
    // The Framework makes the log group exactly when the function depends on it (no `disableLogs`, no custom log group).
    const logGroup = logGroupLogicalId(compiled.info.key);
    if (compiled.dependsOn?.includes(logGroup)) out[logGroup] = 'AWS::Logs::LogGroup';
  }
  for (const id of streamConsumerIds(sim)) out[id] = 'AWS::Kinesis::StreamConsumer';
  // The template last: what `resources` declares or merges over a generated id wins.
  literalTypes(out, final.resources);
  return out;
}

/**
 * `resourceTypes` when the Framework refuses the service: what `resources.Resources` declares and
 * the function resources it would have made.
 */
export function declaredResourceTypes(config: Obj, functionLogicalIds: readonly string[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const id of functionLogicalIds) out[id] = 'AWS::Lambda::Function';
  const resources = get(config, 'resources', 'Resources');
  if (isObj(resources)) literalTypes(out, resources);
  return out;
}
