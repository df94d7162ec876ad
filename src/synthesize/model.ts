/**
 * The effective-role model: what every Lambda function of a service may do, and why.
 *
 * Produced by `synthesize` from a resolved service; read by rules and reporters.
 * Every statement, managed policy and trust principal carries its provenance, expressed
 * as logical paths into the resolved config (the engine maps a path to a source span).
 */
import type { Diagnostic, Node, Path, Plain, Unknown } from '../load/node.js';

/** What made the Framework add a grant by itself. */
export type AutoGrantKind =
  | 'logs'
  | 'logs-deny'
  | 'vpc'
  | 'durable'
  | 'stream'
  | 'stream-consumer'
  | 'stream-on-failure'
  | 'sqs'
  | 'on-error'
  | 'kms'
  | 'xray'
  | 'file-system'
  | 'destination'
  | 'websocket'
  | 'mq'
  | 'kafka'
  | 'msk'
  | 'ec2-network'
  | 'cloudfront'
  | 'scheduler'
  | 'lambda-trust';

/** One setting that caused an auto-grant: the function it belongs to (if any) and where it is written. */
export interface GrantCause {
  function?: string;
  /** Logical path of the setting, e.g. ['functions','worker','events',0,'sqs']. */
  setting: Path;
}

export type Provenance =
  /**
   * Written in provider-level IAM settings, on the shared role (also the legacy `provider.*`
   * fields and `custom.serverless-iam-roles-per-function.iamGlobalPermissionsBoundary`).
   */
  | { kind: 'provider'; path: Path }
  /** Written in the function's own IAM settings (`iam.role.*`, `iamRoleStatements*`, `iamPermissionsBoundary`). */
  | { kind: 'function'; function: string; path: Path }
  /**
   * A provider setting that reached a function's dedicated role: an inherited statement, or a
   * managed policy / path / tags / boundary taken over from the provider (perFunction base, or
   * the clone of the shared role). `path` is where it was written.
   */
  | { kind: 'inherited'; function: string; path: Path }
  /**
   * Added by the Framework itself. `causes[0]` is the primary cause; a statement that several
   * settings produce (one SQS statement for all queues, a de-duplicated KMS/X-Ray statement, a
   * memoized destination) lists every cause in config order.
   */
  | { kind: 'auto'; grant: AutoGrantKind; causes: GrantCause[] }
  /** The generated role's skeleton (lambda trust, policy name, default path/name). */
  | { kind: 'template' }
  /** Written in `resources.Resources` / `resources.extensions` (a role declared or changed there). */
  | { kind: 'resources'; path: Path };

export interface StatementModel {
  /**
   * The statement as CloudFormation would receive it (after `resources` merge), intrinsics in
   * long form. Entries of a statement list that are not objects (junk) are not modelled; they
   * stay visible in `RoleModel.properties`.
   */
  document: { [key: string]: Plain };
  provenance: Provenance;
  /** Paths in `resources` that changed this statement after generation. */
  changedBy?: Path[];
  /** Index of the inline policy in `Policies` and of the statement in its document. */
  policyIndex: number;
  statementIndex: number;
}

export interface ManagedPolicyModel {
  arn: Plain;
  provenance: Provenance;
  /** Paths in `resources` that changed this entry after generation. */
  changedBy?: Path[];
  /** Index in `ManagedPolicyArns`. */
  index?: number;
}

export interface TrustPrincipalModel {
  /** e.g. `lambda.amazonaws.com`, or an `AWS`/`Federated` principal value for roles from `resources`. */
  principal: Plain;
  type: 'Service' | 'AWS' | 'Federated' | 'CanonicalUser' | '*';
  provenance: Provenance;
  /** Index of the statement in `AssumeRolePolicyDocument.Statement`, and its `Effect`. */
  statementIndex?: number;
  effect?: Plain;
  /** True when the trust statement has a `Condition` (the principal is then restricted). */
  conditional?: boolean;
}

/** A role property (RoleName, Path, PermissionsBoundary, Tags) with where its value came from. */
export interface RoleProperty {
  value: Plain;
  provenance: Provenance;
  /** Paths in `resources` that changed this property after generation. */
  changedBy?: Path[];
}

export type RoleKind =
  /** `IamRoleLambdaExecution`, generated in shared mode. */
  | 'shared'
  /** `<Fn>IamRoleLambdaExecution`, generated for one function. */
  | 'dedicated'
  /** Declared by the user in `resources.Resources` (an `AWS::IAM::Role`). */
  | 'resource';

export interface RoleModel {
  logicalId: string;
  kind: RoleKind;
  /** Function keys that run with this role (may be empty: an unused generated role), in `functions` order. */
  functions: string[];
  /** For dedicated roles: the function it was generated for. */
  dedicatedTo?: string;
  /** Where the role is declared (`['resources','Resources',id]`) or, for generated roles, the setting that made it. */
  declaredAt: Path;
  /** The final CloudFormation `Properties` of the role (after `resources` merge and null stripping). */
  properties: { [key: string]: Plain };
  /** Paths in `resources` that changed this generated role (empty or absent when untouched). */
  changedBy?: Path[];
  statements: StatementModel[];
  managedPolicies: ManagedPolicyModel[];
  trust: TrustPrincipalModel[];
  roleName?: RoleProperty;
  path?: RoleProperty;
  permissionsBoundary?: RoleProperty;
  tags?: RoleProperty;
}

/** How a function's role was chosen (semantics §2). */
export type RoleChoice =
  | 'shared'
  | 'dedicated-opt-in'
  | 'dedicated-per-function'
  /** A dedicated role made by the external `serverless-iam-roles-per-function` plugin (§12). */
  | 'dedicated-plugin'
  | 'function-role'
  | 'provider-iam-role'
  | 'provider-role'
  /** `resources.Resources.<Fn>LambdaFunction.Properties.Role` (or an extension) replaced the role. */
  | 'resources-override';

export interface FunctionModel {
  key: string;
  /** The deployed function name (`<service>-<stage>-<key>` unless `name` is set). */
  name: Plain;
  /** `['functions', key]` (or `['functions', i, key]` when `functions` is a list of maps). */
  path: Path;
  /** `<NormalizedKey>LambdaFunction`. */
  lambdaLogicalId?: string;
  /**
   * Logical id the role value points at (`Fn::GetAtt`/`Ref`/logical-id string), or null for an
   * external role (ARN, `Fn::Sub`, `Fn::ImportValue`, `Fn::Join`, …). When the stack has no such
   * resource, `dangling` is true (the reference output then shows null).
   */
  roleLogicalId: string | null;
  /** The function's `Properties.Role` as CloudFormation receives it (null when the Framework fails). */
  role: Plain;
  choice: RoleChoice;
  /** The setting that decided the role (e.g. `functions.x.role`, `provider.iam.role.mode`). */
  choiceAt: Path;
  /** True when roleLogicalId names a resource that the stack does not contain. */
  dangling: boolean;
}

/** The Framework would refuse to package: its message, and the setting that causes it. */
export interface FrameworkFailure {
  message: string;
  code?: string;
  at?: Path;
  function?: string;
}

/**
 * The service as the Framework would package it. When the Framework refuses the config,
 * `failure` is set, `roles` is empty and every function has `role: null`,
 * `roleLogicalId: null` (its `choice` is still the role it was headed for).
 * A service whose `provider.name` is not `aws` has no functions and no roles (diagnostic
 * `not-aws-provider`). `diagnostics` holds the load/resolve diagnostics followed by the
 * synthesis ones (values that cannot be known offline, and the like).
 */
export interface ServiceModel {
  /** Absolute path of the service file. */
  file: string;
  service: Plain;
  /** The effective stage and region; an `Unknown` when they cannot be resolved offline (see `ResolvedService`). */
  stage: string | Unknown;
  region: string | Unknown;
  /** `shared` unless `provider.iam.role.mode: perFunction`. */
  mode: 'shared' | 'perFunction';
  /** `serverless-iam-roles-per-function` listed in `plugins`: it replaces the built-in dedicated roles. */
  externalPerFunctionPlugin: boolean;
  functions: FunctionModel[];
  roles: RoleModel[];
  /**
   * Logical id → CloudFormation type of every resource of the stack iamlint knows: the
   * `resources.Resources` entries with a literal `Type`, the generated roles (`AWS::IAM::Role`),
   * the functions (`<Fn>LambdaFunction`, `AWS::Lambda::Function`), their log groups (`<Fn>LogGroup`,
   * `AWS::Logs::LogGroup`, unless logs are disabled or custom) and the generated Kinesis stream
   * consumers (`…StreamConsumer`). What `Ref`/`Fn::GetAtt` of a logical id returns depends on it.
   * When the Framework refuses the service: the declared resources and the function resources.
   */
  resourceTypes: Record<string, string>;
  failure?: FrameworkFailure;
  /** The resolved config and its located tree (for mapping paths to spans). */
  config: { [key: string]: Plain };
  tree: Node;
  diagnostics: Diagnostic[];
}
