/** Hand-built models over real parsed trees, for engine tests that must not depend on synthesis. */
import { parseYaml } from '../../src/load/parse.js';
import { mapGet, nodeAt, toPlain, type Node, type Path, type ViaStep } from '../../src/load/node.js';
import type { SourceFile } from '../../src/load/types.js';
import type {
  FunctionModel,
  Provenance,
  RoleModel,
  ServiceModel,
  StatementModel,
} from '../../src/synthesize/model.js';
import type { Rule, RuleListeners, RuleContext } from '../../src/engine/types.js';

export const SERVICE_FILE = '/proj/svc/serverless.yml';
export const PROJECT_ROOT = '/proj';

export function parseTree(yaml: string, file = SERVICE_FILE): { tree: Node; source: SourceFile } {
  const parsed = parseYaml(yaml, file);
  if (!parsed.root) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return { tree: parsed.root, source: parsed.source };
}

/** Put `node` at `path` of `tree` (replacing what is there), as if reached through `via`. */
export function graft(tree: Node, path: Path, node: Node, via: ViaStep[]): void {
  const parent = nodeAt(tree, path.slice(0, -1));
  const last = path[path.length - 1]!;
  const grafted = { ...node, via } as Node;
  if (parent?.kind === 'map' && typeof last === 'string') {
    const e = parent.entries.find((x) => x.key === last);
    if (!e) throw new Error(`no key ${last}`);
    e.value = grafted;
  } else if (parent?.kind === 'seq' && typeof last === 'number') {
    parent.items[last] = grafted;
  } else throw new Error(`cannot graft at ${path.join('.')}`);
}

export function statement(provenance: Provenance, document: StatementModel['document'] = {}, i = 0): StatementModel {
  return {
    document: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*', ...document },
    provenance,
    policyIndex: 0,
    statementIndex: i,
  };
}

export function role(logicalId: string, parts: Partial<RoleModel> = {}): RoleModel {
  return {
    logicalId,
    kind: 'shared',
    functions: [],
    declaredAt: ['provider', 'iam', 'role'],
    properties: {},
    statements: [],
    managedPolicies: [],
    trust: [],
    ...parts,
  };
}

export function fn(key: string, roleLogicalId: string | null, parts: Partial<FunctionModel> = {}): FunctionModel {
  return {
    key,
    name: `svc-dev-${key}`,
    path: ['functions', key],
    roleLogicalId,
    role: roleLogicalId ? { 'Fn::GetAtt': [roleLogicalId, 'Arn'] } : null,
    choice: 'shared',
    choiceAt: ['provider', 'iam', 'role'],
    dangling: false,
    ...parts,
  };
}

export function model(tree: Node, parts: Partial<ServiceModel> = {}, file = SERVICE_FILE): ServiceModel {
  const config = toPlain(tree) as ServiceModel['config'];
  const service = mapGet(tree, 'service');
  return {
    file,
    service: service ? toPlain(service) : 'svc',
    stage: 'dev',
    region: 'us-east-1',
    mode: 'shared',
    externalPerFunctionPlugin: false,
    functions: [],
    roles: [],
    resourceTypes: {},
    config,
    tree,
    diagnostics: [],
    ...parts,
  };
}

/** A rule whose listeners are given inline. */
export function fakeRule(
  id: string,
  create: (context: RuleContext<any>) => RuleListeners,
  messages: Record<string, string> = { found: 'found {{what}}' },
  schema?: Record<string, unknown>,
): Rule {
  return {
    meta: {
      id,
      type: 'problem',
      description: `test rule ${id}`,
      docs: `https://example.invalid/${id}`,
      messages,
      schema,
      presets: { recommended: 'error', strict: 'error' },
      security: { securitySeverity: 5, precision: 'high', tags: [] },
    },
    create,
  };
}

/** A shared-mode service: two provider statements, an sqs auto-grant, two functions. */
export const SHARED_YAML = `service: svc
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource:
            - arn:aws:s3:::a/*
            - arn:aws:s3:::b/*
        - Effect: Allow
          Action: sqs:*
          Resource: '*'
functions:
  worker:
    handler: h.worker
    events:
      - sqs: arn:aws:sqs:us-east-1:1:q
  api:
    handler: h.api
`;

export function sharedModel(yaml = SHARED_YAML): ServiceModel {
  const { tree } = parseTree(yaml);
  const shared = role('IamRoleLambdaExecution', {
    functions: ['api', 'worker'],
    statements: [
      statement({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 0] }, {}, 0),
      statement({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 1] }, {}, 1),
      statement(
        { kind: 'auto', grant: 'sqs', causes: [{ function: 'worker', setting: ['functions', 'worker', 'events', 0, 'sqs'] }] },
        { Action: ['sqs:ReceiveMessage'] },
        2,
      ),
    ],
    managedPolicies: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', provenance: { kind: 'template' } }],
  });
  return model(tree, {
    roles: [shared],
    functions: [fn('worker', 'IamRoleLambdaExecution'), fn('api', 'IamRoleLambdaExecution')],
  });
}

/** perFunction mode: provider statement 0 inherited into two dedicated roles. */
export function perFunctionModel(yaml = SHARED_YAML): ServiceModel {
  const { tree } = parseTree(yaml);
  const dedicated = (key: string) =>
    role(`${key[0]!.toUpperCase()}${key.slice(1)}IamRoleLambdaExecution`, {
      kind: 'dedicated',
      functions: [key],
      dedicatedTo: key,
      declaredAt: ['functions', key],
      statements: [
        statement({ kind: 'inherited', function: key, path: ['provider', 'iam', 'role', 'statements', 0] }),
        statement({ kind: 'inherited', function: key, path: ['provider', 'iam', 'role', 'statements', 1] }, {}, 1),
      ],
    });
  const worker = dedicated('worker');
  const api = dedicated('api');
  return model(tree, {
    mode: 'perFunction',
    roles: [worker, api],
    functions: [
      fn('worker', worker.logicalId, { choice: 'dedicated-per-function' }),
      fn('api', api.logicalId, { choice: 'dedicated-per-function' }),
    ],
  });
}
