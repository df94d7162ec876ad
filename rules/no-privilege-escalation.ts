import type { RelatedDescriptor, Rule } from '../src/engine/types.js';
import { actionInfo, wildcardMatches } from '../src/iam/index.js';
import type { RoleModel, StatementModel } from '../src/synthesize/model.js';
import {
  PolicyContext,
  actionItems,
  actionSpec,
  isAllow,
  isNarrowedBesidesPassedToService,
  isNarrowedByCondition,
  isUserWritten,
  isUsedRole,
  partTarget,
  passedToServices,
  specGrants,
  statementKey,
} from './lib/policy.js';
import { listOf } from './lib/plain.js';
import { nameList } from './lib/text.js';

/** A set of actions that, granted together without constraint, let a principal raise its own privileges. */
interface EscalationPath {
  id: string;
  actions: string[];
  /** What an attacker does with them, in a few words. */
  description: string;
  /** Service principals the `iam:PassRole` of this path passes a role to. */
  passTo?: string[];
}

/**
 * The published privilege-escalation methods for AWS IAM principals — Rhino Security Labs'
 * list, Pacu's `iam__privesc_scan`, Cloudsplaining's privilege-escalation checks — written
 * here as data: the actions each method needs, all unconstrained.
 */
const PATHS: readonly EscalationPath[] = [
  { id: 'create-policy-version', actions: ['iam:CreatePolicyVersion'], description: 'publish a new default version of a managed policy it holds' },
  { id: 'set-default-policy-version', actions: ['iam:SetDefaultPolicyVersion'], description: 'switch a managed policy it holds to a broader version' },
  { id: 'attach-role-policy', actions: ['iam:AttachRolePolicy'], description: 'attach AdministratorAccess to its own role' },
  { id: 'attach-user-policy', actions: ['iam:AttachUserPolicy'], description: 'attach AdministratorAccess to a user' },
  { id: 'attach-group-policy', actions: ['iam:AttachGroupPolicy'], description: 'attach AdministratorAccess to a group' },
  { id: 'put-role-policy', actions: ['iam:PutRolePolicy'], description: 'write any inline policy into its own role' },
  { id: 'put-user-policy', actions: ['iam:PutUserPolicy'], description: 'write any inline policy into a user' },
  { id: 'put-group-policy', actions: ['iam:PutGroupPolicy'], description: 'write any inline policy into a group' },
  { id: 'create-access-key', actions: ['iam:CreateAccessKey'], description: 'mint access keys for a more privileged user' },
  { id: 'create-login-profile', actions: ['iam:CreateLoginProfile'], description: 'give a privileged user a console password it chooses' },
  { id: 'update-login-profile', actions: ['iam:UpdateLoginProfile'], description: "reset a privileged user's console password" },
  { id: 'add-user-to-group', actions: ['iam:AddUserToGroup'], description: 'add a user to a privileged group' },
  {
    id: 'update-assume-role-policy',
    actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
    description: "rewrite a privileged role's trust policy, then assume that role",
  },
  {
    id: 'passrole-ec2',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    passTo: ['ec2.amazonaws.com'],
    description: 'start an EC2 instance with a privileged instance profile',
  },
  {
    id: 'passrole-lambda-invoke',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    passTo: ['lambda.amazonaws.com'],
    description: 'create a function that runs with any role, then invoke it',
  },
  {
    id: 'passrole-lambda-event-source',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    passTo: ['lambda.amazonaws.com'],
    description: 'create a function that runs with any role and trigger it from a stream or queue',
  },
  { id: 'update-function-code', actions: ['lambda:UpdateFunctionCode'], description: 'replace the code of a function that runs with a more privileged role' },
  {
    id: 'update-function-configuration',
    actions: ['lambda:UpdateFunctionConfiguration'],
    description: 'add a layer or change the handler of a function that runs with a more privileged role',
  },
  {
    id: 'passrole-glue-dev-endpoint',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    passTo: ['glue.amazonaws.com'],
    description: 'create a Glue dev endpoint with any role and log in to it',
  },
  { id: 'update-glue-dev-endpoint', actions: ['glue:UpdateDevEndpoint'], description: "add its SSH key to a Glue dev endpoint and use the endpoint's role" },
  {
    id: 'passrole-cloudformation',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    passTo: ['cloudformation.amazonaws.com'],
    description: 'create a stack that runs with any role and creates whatever it likes',
  },
  {
    id: 'passrole-datapipeline',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    passTo: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com', 'ec2.amazonaws.com'],
    description: 'create a data pipeline that runs commands with any role',
  },
  {
    id: 'passrole-codestar',
    actions: ['iam:PassRole', 'codestar:CreateProject'],
    passTo: ['codestar.amazonaws.com'],
    description: 'create a CodeStar project whose service role builds anything',
  },
  {
    id: 'codestar-associate-team-member',
    actions: ['codestar:CreateProject', 'codestar:AssociateTeamMember'],
    description: 'create a CodeStar project and make itself its owner, with the policy that comes with it',
  },
  {
    id: 'passrole-sagemaker-notebook',
    actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
    passTo: ['sagemaker.amazonaws.com'],
    description: 'create a notebook instance with any role and open it',
  },
  {
    id: 'sagemaker-presigned-url',
    actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    description: "open an existing notebook instance and use its role",
  },
  {
    id: 'passrole-ecs',
    actions: ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'],
    passTo: ['ecs-tasks.amazonaws.com'],
    description: 'run an ECS task with any role',
  },
  {
    id: 'passrole-codebuild',
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    passTo: ['codebuild.amazonaws.com'],
    description: 'run a build with any role',
  },
  {
    id: 'passrole-step-functions',
    actions: ['iam:PassRole', 'states:CreateStateMachine', 'states:StartExecution'],
    passTo: ['states.amazonaws.com'],
    description: 'run a state machine with any role',
  },
  {
    id: 'passrole-autoscaling',
    actions: ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'],
    passTo: ['ec2.amazonaws.com'],
    description: 'launch instances with a privileged instance profile through Auto Scaling',
  },
];

interface Options {
  /** Path ids not to report. */
  ignore: string[];
  /** More escalation paths: each a set of actions that together escalate. */
  additionalPaths: Array<{ id: string; actions: string[]; description?: string }>;
}

/** How a statement grants one action, unconstrained: for iam:PassRole also to which services. */
interface Grant {
  statement: StatementModel;
  /** For iam:PassRole: the `iam:PassedToService` values (undefined = any service). */
  passTo?: string[];
}

const PASS_ROLE = 'iam:passrole';

function pathText(path: EscalationPath): string {
  const actions = path.actions.map((a) => `\`${actionInfo(a)?.action ?? a}\``).join(' + ');
  return `${actions} (${path.description})`;
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-privilege-escalation',
    type: 'problem',
    description:
      'Report effective roles whose actions, together and unconstrained, let the function raise its own privileges (the published AWS IAM privilege-escalation methods).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-privilege-escalation.md',
    messages: {
      escalation:
        'The role can raise its own privileges: {{paths}}. Remove these actions, or scope each to specific resources (and `iam:PassRole` to specific roles with an `iam:PassedToService` condition).',
    },
    schema: {
      type: 'object',
      properties: {
        ignore: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'Ids of escalation paths not to report (see the rule page), e.g. `["update-function-code"]`.',
        },
        additionalPaths: {
          type: 'array',
          default: [],
          description: 'More escalation paths: the actions that, all granted on `*`, escalate.',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              actions: { type: 'array', items: { type: 'string' }, minItems: 1 },
              description: { type: 'string' },
            },
            required: ['id', 'actions'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 9.5,
      precision: 'high',
      tags: ['security', 'iam', 'privilege-escalation', 'CWE-269', 'CWE-250'],
    },
  },
  create(context) {
    const service = context.service;
    const ctx = new PolicyContext(service);
    const ignored = new Set(context.options.ignore);
    const paths: EscalationPath[] = [
      ...PATHS,
      ...context.options.additionalPaths.map((p) => ({ id: p.id, actions: p.actions, description: p.description ?? p.id })),
    ].filter((p) => !ignored.has(p.id));
    const relevant = [...new Set(paths.flatMap((p) => p.actions.map((a) => a.toLowerCase())))];

    /** Is the action on every resource (or NotResource) in this statement? */
    const broadFor = (statement: StatementModel, action: string): boolean => {
      const doc = statement.document;
      if (doc.NotResource !== undefined) return true;
      return listOf(doc.Resource).some((value) => ctx.isWildcardFor(value, action));
    };

    /** Per statement document: the relevant actions it grants (Allow) or removes (Deny), unconstrained. */
    const effects = new Map<string, { allow: Map<string, string[] | undefined>; deny: Set<string> }>();
    const effectsOf = (statement: StatementModel) => {
      const key = statementKey(statement);
      let out = effects.get(key);
      if (out) return out;
      out = { allow: new Map(), deny: new Set() };
      effects.set(key, out);
      const spec = actionSpec(statement);
      if (!spec) return out;
      const allow = isAllow(statement);
      if (!allow && statement.document.Effect !== 'Deny') return out;
      for (const action of ctx.granted(spec, relevant)) {
        if (!broadFor(statement, action)) continue;
        if (!allow) {
          // Only a Deny that always applies removes a grant.
          if (statement.document.Condition === undefined) out.deny.add(action);
          continue;
        }
        if (action === PASS_ROLE) {
          if (!isNarrowedBesidesPassedToService(statement)) out.allow.set(action, passedToServices(statement));
        } else if (!isNarrowedByCondition(statement)) out.allow.set(action, undefined);
      }
      return out;
    };

    const check = (role: RoleModel): void => {
      const grants = new Map<string, Grant[]>();
      const denied = new Set<string>();
      for (const statement of role.statements) {
        const e = effectsOf(statement);
        for (const action of e.deny) denied.add(action);
        for (const [action, passTo] of e.allow) {
          const list = grants.get(action);
          if (list) list.push({ statement, passTo });
          else grants.set(action, [{ statement, passTo }]);
        }
      }
      /** The statements granting what the path needs, in path order; undefined when one is missing. */
      const grantsFor = (path: EscalationPath): Grant[] | undefined => {
        const out: Grant[] = [];
        for (const raw of path.actions) {
          const action = raw.toLowerCase();
          if (denied.has(action)) return undefined;
          let candidates = grants.get(action) ?? [];
          if (action === PASS_ROLE && path.passTo) {
            const targets = path.passTo;
            candidates = candidates.filter((g) => !g.passTo || g.passTo.some((v) => targets.some((t) => wildcardMatches(v, t, { ignoreCase: true }))));
          }
          if (candidates.length === 0) return undefined;
          out.push(candidates[0]!);
        }
        return out;
      };

      /** Satisfied paths grouped by the statement granting their first action. */
      const byAnchor = new Map<StatementModel, Array<{ path: EscalationPath; grants: Grant[] }>>();
      for (const path of paths) {
        const found = grantsFor(path);
        if (!found) continue;
        const anchor = found[0]!.statement;
        const list = byAnchor.get(anchor);
        if (list) list.push({ path, grants: found });
        else byAnchor.set(anchor, [{ path, grants: found }]);
      }

      for (const [anchor, satisfied] of byAnchor) {
        const others = new Map<StatementModel, Set<string>>();
        for (const { path, grants: found } of satisfied) {
          path.actions.forEach((action, i) => {
            const statement = found[i]!.statement;
            if (statement === anchor) return;
            let set = others.get(statement);
            if (!set) others.set(statement, (set = new Set()));
            set.add(actionInfo(action)?.action ?? action);
          });
        }
        const related: RelatedDescriptor[] = [...others].map(([statement, actions]) => ({
          message: `this statement grants ${nameList([...actions], 4)}, also needed for the escalation`,
          at: statement,
        }));
        const shown = satisfied.slice(0, 4).map((s) => pathText(s.path));
        const more = satisfied.length > 4 ? `; and ${satisfied.length - 4} more` : '';
        context.report({
          messageId: 'escalation',
          data: { paths: shown.join('; ') + more },
          at: anchorTarget(anchor, satisfied[0]!.path.actions[0]!),
          role,
          related,
        });
      }
    };

    /** The Action value of the anchor statement that grants the path's first action, when written by the user. */
    const anchorTarget = (statement: StatementModel, action: string) => {
      if (!isUserWritten(statement)) return statement;
      const spec = actionSpec(statement);
      if (!spec) return statement;
      if (spec.kind === 'notAction') return { statement, key: 'NotAction' };
      const item = actionItems(statement, 'Action').find((i) => i.text !== undefined && specGrants({ kind: 'action', patterns: [i.text] }, action));
      return item ? partTarget(service, statement, 'Action', item.index) : statement;
    };

    return {
      role(role) {
        if (isUsedRole(role)) check(role);
      },
    };
  },
};

export default rule;
