/**
 * A generated role while the simulation builds it: the CloudFormation resource exactly as the
 * Framework holds it, plus provenance kept in step with every list the Framework appends to
 * (inline statements, managed policies, trust services, the named properties).
 *
 * `unionStatement`/`unionManagedPolicy` are lodash `unionWith(list, [item], isEqual)`: they
 * de-duplicate the **whole** list, keeping first occurrences (semantics §17). The part of the
 * list already de-duplicated is remembered, so repeated unions stay linear.
 */
import type { Path, Plain } from '../load/node.js';
import type { Provenance } from './model.js';
import { clonePlain, equalityKey, isObj, newObj, obj, type Obj } from './plain.js';

export type RolePropName = 'RoleName' | 'Path' | 'PermissionsBoundary' | 'Tags';

export interface GenRole {
  logicalId: string;
  kind: 'shared' | 'dedicated';
  dedicatedTo?: string;
  declaredAt: Path;
  /** `{Type: 'AWS::IAM::Role', Properties}`. */
  resource: Obj;
  stmtProv: Provenance[];
  mpProv: Provenance[];
  /** Trust service principal → provenance. */
  trustProv: Map<string, Provenance>;
  propProv: Map<RolePropName, Provenance>;
  /** Union cache: statements [0, uniqueUpTo) are pairwise distinct; `seen` maps their keys to their index. */
  uniqueUpTo: number;
  seen: Map<string, number>;
  /**
   * Provenances `mergeCauses` made for this role that no other role shares: their causes grow
   * in place, so a grant merged from thousands of functions is not copied once per function.
   */
  ownMerges: WeakSet<Provenance>;
}

export const TEMPLATE: Provenance = { kind: 'template' };

/** The skeleton of `iam-role-lambda-execution-template.json`. */
export function roleSkeleton(): Obj {
  return obj({
    Type: 'AWS::IAM::Role',
    Properties: obj({
      AssumeRolePolicyDocument: obj({
        Version: '2012-10-17',
        Statement: [
          obj({
            Effect: 'Allow',
            Principal: obj({ Service: ['lambda.amazonaws.com'] }),
            Action: ['sts:AssumeRole'],
          }),
        ],
      }),
      Policies: [
        obj({
          PolicyName: null,
          PolicyDocument: obj({
            Version: '2012-10-17',
            Statement: [
              obj({
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
                Resource: [],
              }),
              obj({ Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [] }),
            ],
          }),
        }),
      ],
    }),
  });
}

export function newGenRole(logicalId: string, kind: GenRole['kind'], resource: Obj, declaredAt: Path): GenRole {
  return {
    logicalId,
    kind,
    declaredAt,
    resource,
    stmtProv: [],
    mpProv: [],
    trustProv: new Map([['lambda.amazonaws.com', TEMPLATE]]),
    propProv: new Map(),
    uniqueUpTo: 0,
    seen: new Map(),
    ownMerges: new WeakSet(),
  };
}

export function props(role: GenRole): Obj {
  let p = role.resource.Properties;
  if (!isObj(p)) {
    p = newObj();
    role.resource.Properties = p;
  }
  return p;
}

/** `Properties.Policies[0].PolicyDocument.Statement` (created when missing). */
export function statements(role: GenRole): Plain[] {
  const p = props(role);
  const policies = p.Policies;
  const doc = Array.isArray(policies) && isObj(policies[0]) ? policies[0].PolicyDocument : undefined;
  if (isObj(doc) && Array.isArray(doc.Statement)) return doc.Statement;
  throw new Error(`internal: role ${role.logicalId} has no statement list`);
}

export function setStatements(role: GenRole, docs: Plain[], provs: Provenance[]): void {
  const policies = props(role).Policies as Plain[];
  const doc = (policies[0] as Obj).PolicyDocument as Obj;
  doc.Statement = docs;
  role.stmtProv = provs;
  role.uniqueUpTo = 0;
  role.seen = new Map();
}

export function pushStatement(role: GenRole, doc: Plain, prov: Provenance): void {
  statements(role).push(doc);
  role.stmtProv.push(prov);
}

/**
 * lodash `unionWith(statements, [doc], isEqual)` assigned back to the role. `key` is
 * `equalityKey(doc)`, for callers that union the same constant statement for every function.
 */
export function unionStatement(role: GenRole, doc: Plain, prov: Provenance, key = equalityKey(doc)): void {
  const list = statements(role);
  const provs = role.stmtProv;
  // [0, uniqueUpTo) is already pairwise distinct; compact the tail in place. A dropped
  // duplicate's causes join the statement that stays (it exists for both settings).
  let w = role.uniqueUpTo;
  for (let i = role.uniqueUpTo; i < list.length; i++) {
    const k = equalityKey(list[i]!);
    const kept = role.seen.get(k);
    if (kept !== undefined) {
      provs[kept] = mergeCauses(role, provs[kept]!, provs[i]!);
      continue;
    }
    role.seen.set(k, w);
    list[w] = list[i]!;
    provs[w] = provs[i]!;
    w++;
  }
  list.length = w;
  provs.length = w;
  const kept = role.seen.get(key);
  if (kept === undefined) {
    role.seen.set(key, list.length);
    list.push(doc);
    provs.push(prov);
  } else provs[kept] = mergeCauses(role, provs[kept]!, prov);
  role.uniqueUpTo = list.length;
}

/**
 * Two auto-grants of the same kind that de-duplicated into one entry of `role`'s lists: one
 * provenance with both causes (the kept one extended, when an earlier merge made it for `role`).
 */
export function mergeCauses(role: GenRole, kept: Provenance, dropped: Provenance): Provenance {
  if (kept.kind !== 'auto' || dropped.kind !== 'auto' || kept.grant !== dropped.grant) return kept;
  if (role.ownMerges.has(kept)) {
    const added = dropped.causes;
    for (let i = 0, n = added.length; i < n; i++) kept.causes.push(added[i]!);
    return kept;
  }
  const merged: Provenance = { kind: 'auto', grant: kept.grant, causes: [...kept.causes, ...dropped.causes] };
  role.ownMerges.add(merged);
  return merged;
}

/** `ManagedPolicyArns` (created as `[]` when missing). */
export function managedPolicies(role: GenRole): Plain[] {
  const p = props(role);
  if (!Array.isArray(p.ManagedPolicyArns)) p.ManagedPolicyArns = [];
  return p.ManagedPolicyArns as Plain[];
}

export function pushManagedPolicy(role: GenRole, arn: Plain, prov: Provenance): void {
  managedPolicies(role).push(arn);
  role.mpProv.push(prov);
}

/** lodash `unionWith(ManagedPolicyArns || [], [arn], isEqual)` (the durable policy). */
export function unionManagedPolicy(role: GenRole, arn: Plain, prov: Provenance): void {
  const list = managedPolicies(role);
  const seen = new Map<string, number>();
  const docs: Plain[] = [];
  const provs: Provenance[] = [];
  const add = (v: Plain, p: Provenance) => {
    const k = equalityKey(v);
    const kept = seen.get(k);
    if (kept !== undefined) {
      provs[kept] = mergeCauses(role, provs[kept]!, p);
      return;
    }
    seen.set(k, docs.length);
    docs.push(v);
    provs.push(p);
  };
  list.forEach((v, i) => add(v, role.mpProv[i] ?? TEMPLATE));
  add(arn, prov);
  list.length = 0;
  list.push(...docs);
  role.mpProv = provs;
}

/** Add a service principal to the trust statement that lists `lambda.amazonaws.com`. */
export function addTrustService(role: GenRole, service: string, prov: Provenance): void {
  const doc = props(role).AssumeRolePolicyDocument;
  const list = isObj(doc) && Array.isArray(doc.Statement) ? doc.Statement : [];
  for (const st of list) {
    if (!isObj(st) || !isObj(st.Principal)) continue;
    let services = st.Principal.Service;
    const has = Array.isArray(services) ? services.includes('lambda.amazonaws.com') : services === 'lambda.amazonaws.com';
    if (!has) continue;
    if (!Array.isArray(services)) services = [services as Plain];
    if (!services.includes(service)) services.push(service);
    st.Principal.Service = services;
    if (!role.trustProv.has(service)) role.trustProv.set(service, prov);
    return;
  }
}

export function setProp(role: GenRole, name: RolePropName, value: Plain, prov: Provenance): void {
  props(role)[name] = value;
  role.propProv.set(name, prov);
}

/**
 * `_.cloneDeep` of a role with its provenance. Every caller resets the inline statements right
 * after cloning, so they are not copied (a shared role can hold thousands).
 */
export function cloneRole(role: GenRole, logicalId: string, kind: GenRole['kind'], declaredAt: Path): GenRole {
  const list = statements(role);
  const doc = ((role.resource.Properties as Obj).Policies as Plain[])[0] as Obj;
  const policyDoc = doc.PolicyDocument as Obj;
  policyDoc.Statement = [];
  let resource: Obj;
  try {
    resource = clonePlain(role.resource);
  } finally {
    policyDoc.Statement = list;
  }
  // The clone shares the managed policies' provenances: neither role may grow them in place now.
  role.ownMerges = new WeakSet();
  return {
    logicalId,
    kind,
    declaredAt,
    resource,
    stmtProv: [],
    mpProv: [...role.mpProv],
    trustProv: new Map(role.trustProv),
    propProv: new Map(role.propProv),
    uniqueUpTo: 0,
    seen: new Map(),
    ownMerges: new WeakSet(),
  };
}
