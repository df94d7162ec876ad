import type { Rule } from '../src/engine/types.js';
import type { StatementModel } from '../src/synthesize/model.js';
import { accessLevelOf, actionInfo, actionMatches, isEffectivelyWildcard, isWildcardOnlyAction } from '../src/iam/index.js';
import {
  PolicyContext,
  actionSpec,
  actionsText,
  byImportance,
  formatsText,
  isAllow,
  isNarrowedByCondition,
  resourceSites,
  resourceText,
  statementListener,
  type PendingFinding,
} from './lib/policy.js';
import { allowedActionsSchema } from './lib/action-options.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Action patterns accepted on `*`. */
  allowedActions: string[];
}

const PERMISSIONS_MANAGEMENT = 'Permissions management';

/** Policy-writing actions named as examples when `NotAction` leaves them allowed. */
const NOT_ACTION_EXAMPLES = ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:CreatePolicyVersion', 's3:PutBucketPolicy', 'kms:PutKeyPolicy'];

const rule: Rule<Options> = {
  meta: {
    id: 'no-unscoped-permissions-management',
    type: 'problem',
    description:
      'Disallow "Permissions management" actions (IAM policies, resource policies, grants) on `*` or an ARN that is `*` in all but name.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-unscoped-permissions-management.md',
    messages: {
      unscoped:
        'Resource `{{resource}}` lets the function change who may do what — {{actions}} (Permissions management) — on every resource of their type. Remove these actions, or scope them to the exact ARNs ({{formats}}).',
      unscopedSetting:
        'This setting is `{{resource}}`, which matches every resource of its type; the Framework grants {{actions}} (Permissions management) on it. Give the exact ARN ({{formats}}).',
      everything:
        '`Action: {{action}}` on `{{resource}}` includes every Permissions management action of every service (IAM policies, bucket and key policies, grants): the function can give itself or anyone any access. List the actions it needs.',
      notAction:
        '`NotAction` with `Effect: Allow` on `{{resource}}` allows Permissions management actions such as {{actions}} on every resource: the function can change IAM and resource policies. List the actions it needs under `Action`.',
    },
    schema: allowedActionsSchema('Action patterns (IAM wildcards) accepted on `*`, e.g. `["kms:CreateGrant"]`.'),
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 8,
      precision: 'high',
      tags: ['security', 'iam', 'permissions-management', 'privilege-escalation', 'CWE-269', 'CWE-732'],
    },
  },
  create(context) {
    const service = context.service;
    const ctx = new PolicyContext(service);
    const allowed = context.options.allowedActions;
    const isAllowedAction = (a: string) => allowed.some((p) => actionMatches(p, a));
    /** Permissions management actions of a pattern that can be scoped by Resource (others only accept `*`). */
    const pmActions = (pattern: string): string[] | 'all' => {
      const expansion = ctx.expand(pattern);
      if (expansion.all) return 'all';
      return expansion.actions.filter((a) => accessLevelOf(a) === PERMISSIONS_MANAGEMENT && !isWildcardOnlyAction(a) && !isAllowedAction(a));
    };
    const analyse = (statement: StatementModel): PendingFinding[] => {
      if (!isAllow(statement) || isNarrowedByCondition(statement)) return [];
      const spec = actionSpec(statement);
      if (!spec) return [];
      const sites = resourceSites(service, statement);
      if (spec.kind === 'notAction') {
        if (spec.opaque) return [];
        // Examples of what stays allowed: policy-writing actions the NotAction does not exclude.
        const examples = NOT_ACTION_EXAMPLES.filter((a) => !spec.patterns.some((p) => actionMatches(p, a)) && !isAllowedAction(a));
        if (examples.length === 0) return [];
        const broad = sites.find((s) => examples.some((a) => ctx.isWildcardFor(s.value, a)));
        if (!broad) return [];
        return [{ messageId: 'notAction', data: { resource: resourceText(ctx.arn(broad.value)), actions: nameList(examples, 3) }, target: { kind: 'key', key: 'NotAction' } }];
      }
      let everything: string | undefined;
      const actions = new Set<string>();
      for (const pattern of spec.patterns) {
        const found = pmActions(pattern);
        if (found === 'all') everything ??= pattern;
        else for (const a of found) actions.add(a);
      }
      if (!everything && actions.size === 0) return [];
      const out: PendingFinding[] = [];
      for (const site of sites) {
        const pattern = ctx.arn(site.value);
        if (everything && isEffectivelyWildcard(pattern, '*')) {
          out.push({ messageId: 'everything', data: { action: JSON.stringify(everything), resource: resourceText(pattern) }, target: site.target });
          continue;
        }
        const broad = byImportance([...actions].filter((a) => ctx.isWildcardFor(site.value, a)).map((a) => actionInfo(a)?.action ?? a));
        if (broad.length === 0) continue;
        out.push({
          messageId: site.fromSetting ? 'unscopedSetting' : 'unscoped',
          data: { resource: resourceText(pattern), actions: actionsText(broad), formats: formatsText(broad) },
          target: site.target,
        });
      }
      return out;
    };
    return { statement: statementListener(context, ctx, analyse) };
  },
};

export default rule;
