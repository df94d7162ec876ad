import type { Rule } from '../src/engine/types.js';
import type { StatementModel } from '../src/synthesize/model.js';
import { actionInfo, actionMatches, hasWildcard, isEffectivelyWildcard, isWildcardOnlyAction } from '../src/iam/index.js';
import {
  PolicyContext,
  actionItems,
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

/**
 * Actions that can technically be scoped but that every Lambda function gets on `*`: the
 * network-interface actions of AWS's own AWSLambdaVPCAccessExecutionRole (the interfaces do not
 * exist before Lambda creates them) and `cloudwatch:PutMetricData` (its only resource type,
 * `dataset`, is optional: ordinary metrics have no ARN).
 */
const CONVENTIONAL_STAR_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'cloudwatch:PutMetricData',
];

interface Options {
  /** Action patterns for which a `*` resource is accepted. */
  allowedActions: string[];
}

/** The statement's actions that could be scoped to resources, or `all` for `*` / many-service patterns. */
function scopableActions(ctx: PolicyContext, patterns: readonly string[], allowed: readonly string[]): { all: boolean; actions: string[] } {
  let all = false;
  const actions = new Set<string>();
  for (const pattern of patterns) {
    const expansion = ctx.expand(pattern);
    if (expansion.all) {
      all = true;
      continue;
    }
    const matched = expansion.actions.filter((a) => !allowed.some((p) => actionMatches(p, a)));
    const scopable = matched.filter((a) => !isWildcardOnlyAction(a));
    // A wildcard pattern is judged as a whole: when most of what it matches only accepts `*`
    // (`ec2:Describe*`, `logs:Describe*`), it cannot be scoped by Resource and is left alone.
    if (hasWildcard(pattern) && scopable.length * 2 <= matched.length) continue;
    for (const a of scopable) actions.add(a);
  }
  return { all, actions: [...actions].sort() };
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-wildcard-resource',
    type: 'suggestion',
    description: 'Disallow `Resource: "*"` (or an ARN that is `*` in all but name) for actions that can be scoped to specific resources.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-wildcard-resource.md',
    messages: {
      wildcardResource:
        'Resource `{{resource}}` gives {{actions}} every resource of their type, in every account the role can reach. Scope it to the ARNs the function uses: {{formats}}.',
      wildcardSetting:
        'This setting is `{{resource}}`, which matches every resource of its type; the Framework grants {{actions}} on it to the function role. Give the exact ARN ({{formats}}).',
      wildcardEverything:
        'Resource `{{resource}}` with `Action: {{action}}` gives every action on every resource. List the actions the function calls and the ARNs of the resources it uses.',
    },
    schema: allowedActionsSchema(
      'Action patterns (IAM wildcards allowed) for which `Resource: "*"` is accepted. The default lists the Lambda VPC network-interface actions (granted on `*` by AWSLambdaVPCAccessExecutionRole) and `cloudwatch:PutMetricData` (its only resource type is optional); set `[]` to report them too.',
      CONVENTIONAL_STAR_ACTIONS,
    ),
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 6,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'wildcard-resource', 'CWE-732'],
    },
  },
  create(context) {
    const service = context.service;
    const ctx = new PolicyContext(service);
    const allowed = context.options.allowedActions;
    const analyse = (statement: StatementModel): PendingFinding[] => {
      if (!isAllow(statement) || statement.document.Action === undefined || isNarrowedByCondition(statement)) return [];
      const sites = resourceSites(service, statement);
      if (sites.length === 0) return [];
      const patterns = actionItems(statement, 'Action').flatMap((i) => (i.text === undefined ? [] : [i.text]));
      const { all, actions } = scopableActions(ctx, patterns, allowed);
      if (!all && actions.length === 0) return [];
      const out: PendingFinding[] = [];
      for (const site of sites) {
        const pattern = ctx.arn(site.value);
        if (all && isEffectivelyWildcard(pattern, '*')) {
          const action = patterns.find((p) => ctx.expand(p).all) ?? '*';
          out.push({ target: site.target, messageId: 'wildcardEverything', data: { resource: resourceText(pattern), action: JSON.stringify(action) } });
          continue;
        }
        const broad = actions.filter((a) => ctx.isWildcardFor(site.value, a));
        if (broad.length === 0) continue;
        const names = byImportance(broad.map((a) => actionInfo(a)?.action ?? a));
        out.push({
          target: site.target,
          messageId: site.fromSetting ? 'wildcardSetting' : 'wildcardResource',
          data: { resource: resourceText(pattern), actions: actionsText(names), formats: formatsText(names) },
        });
      }
      return out;
    };
    return { statement: statementListener(context, ctx, analyse) };
  },
};

export default rule;
