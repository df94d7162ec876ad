import type { Rule } from '../src/engine/types.js';
import {
  CFN_REFERENCES,
  actionExists,
  actionInfo,
  arnProblem,
  hasWildcard,
  isWildcardOnlyAction,
  parseActionName,
  serviceExists,
  wildcardMatches,
  type ArnPattern,
} from '../src/iam/index.js';
import type { StatementModel } from '../src/synthesize/model.js';
import {
  PolicyContext,
  actionItems,
  formatsText,
  resourceSites,
  resourceText,
  statementListener,
  type PendingFinding,
  type ResourceSite,
} from './lib/policy.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Resource patterns (IAM wildcards, matched against the value as iamlint reads it) never reported. */
  allowedResources: string[];
  /** Also report a concrete action that no Resource of its statement can name. */
  checkActions: boolean;
}

const RETURNS: Record<string, string> = { name: 'its name', id: 'its id', url: 'its URL' };

/** `!Ref Queue` / `!GetAtt Table.Arn` for values that are one reference, else the evaluated text. */
function valueText(pattern: ArnPattern): string {
  const ref = pattern.reference;
  if (!ref) return resourceText(pattern);
  return ref.attribute === undefined ? `!Ref ${ref.logicalId}` : `!GetAtt ${ref.logicalId}.${ref.attribute}`;
}

/** `{{resolve:ssm:/x}}`: a CloudFormation dynamic reference, replaced by its value at deploy time (unseen, never judged). */
function isDynamicReference(pattern: ArnPattern): boolean {
  return pattern.parts.some((part) => part.kind === 'text' && part.text.includes('{{resolve:'));
}

/** Why the value is not an ARN at all (a name, a URL, a bare bucket name), or undefined. */
function notArn(pattern: ArnPattern): { what: string; hint: string } | undefined {
  const ref = pattern.reference;
  if (ref && ref.returns !== 'arn') {
    const attributes = CFN_REFERENCES[ref.resourceType]?.attributes ?? {};
    const arnAttribute = Object.keys(attributes).find((a) => attributes[a]!.returns === 'arn');
    const hint = arnAttribute ? `use \`!GetAtt ${ref.logicalId}.${arnAttribute}\`` : 'use the resource ARN';
    return { what: `${RETURNS[ref.returns] ?? 'not an ARN'} (${ref.resourceType})`, hint };
  }
  const first = pattern.parts[0];
  if (!first || first.kind !== 'text') return undefined;
  const lower = first.text.toLowerCase();
  if (lower.startsWith('arn:') || (pattern.parts.length > 1 && 'arn:'.startsWith(lower))) return undefined;
  const what = /^https?:\/\//.test(lower) ? 'a URL' : 'a plain name';
  return { what, hint: 'write the full ARN (`arn:aws:<service>:<region>:<account>:<resource>`) or `*`' };
}

/** The statement's actions the AWS data knows (concrete or patterns of a known service). */
function knownActions(ctx: PolicyContext, statement: StatementModel): Array<{ text: string; index: number; concrete: boolean }> {
  return actionItems(statement, 'Action').flatMap((item) => {
    if (item.text === undefined) return [];
    const parsed = parseActionName(item.text);
    if (!parsed || hasWildcard(parsed.service) || !serviceExists(parsed.service)) return [];
    if (!hasWildcard(parsed.action) && !actionExists(item.text)) return [];
    // A pattern that matches nothing (valid-actions reports it) says nothing about resources.
    const expansion = ctx.expand(item.text);
    if (!expansion.all && expansion.actions.length === 0) return [];
    return [{ text: item.text, index: item.index, concrete: !hasWildcard(parsed.action) }];
  });
}

const rule: Rule<Options> = {
  meta: {
    id: 'valid-resources',
    type: 'problem',
    description: 'Report `Resource` values that are not ARNs, are malformed ARNs, or cannot name any resource the statement\'s actions act on.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/valid-resources.md',
    messages: {
      notArn: 'Resource `{{resource}}` is {{what}}, not an ARN: IAM rejects the policy at deploy time. Instead, {{hint}}.',
      malformed: 'Resource `{{resource}}` is not a valid ARN: {{problem}}. IAM rejects it or it matches nothing; fix the ARN.',
      noMatch:
        'Resource `{{resource}}` cannot name anything that {{actions}} can act on, so the statement grants (or denies) nothing there. Expected: {{formats}}.',
      wildcardOnly:
        '{{actions}} only accept `Resource: "*"` (no resource-level permissions); on `{{resource}}` they grant (or deny) nothing. Put them in a statement with `Resource: "*"`.',
      actionUnmatched:
        '`{{action}}` has no Resource in this statement it can act on, so it grants (or denies) nothing. Expected: {{formats}}.',
      actionUnmatchedWildcardOnly:
        '`{{action}}` only accepts `Resource: "*"`, which this statement does not list, so it grants (or denies) nothing. Put it in a statement with `Resource: "*"`.',
    },
    schema: {
      type: 'object',
      properties: {
        allowedResources: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'Resource patterns (IAM wildcards) never reported, matched against the value as iamlint reads it (e.g. `arn:aws:newservice:*`).',
        },
        checkActions: {
          type: 'boolean',
          default: true,
          description: 'Also report a concrete action that none of its statement\'s resources can name.',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 3,
      precision: 'high',
      tags: ['security', 'iam', 'correctness', 'arn'],
    },
  },
  create(context) {
    const service = context.service;
    const ctx = new PolicyContext(service);
    const { allowedResources, checkActions } = context.options;
    const isAllowed = (pattern: ArnPattern) => allowedResources.some((p) => wildcardMatches(p, resourceText(pattern)) || wildcardMatches(p, valueText(pattern)));

    /** Shape problems (not an ARN, malformed), or undefined; `null` when the value is allowed and not judged further. */
    const shape = (site: ResourceSite): PendingFinding | null | undefined => {
      const pattern = ctx.arn(site.value);
      if (isAllowed(pattern) || isDynamicReference(pattern)) return null;
      const non = notArn(pattern);
      if (non) return { messageId: 'notArn', data: { resource: valueText(pattern), what: non.what, hint: non.hint }, target: site.target };
      const problem = arnProblem(pattern);
      if (problem) return { messageId: 'malformed', data: { resource: valueText(pattern), problem }, target: site.target };
      return undefined;
    };

    const analyse = (statement: StatementModel): PendingFinding[] => {
      const out: PendingFinding[] = [];
      for (const site of resourceSites(service, statement, 'NotResource')) {
        const found = shape(site);
        if (found) out.push(found);
      }
      const sites = resourceSites(service, statement, 'Resource');
      if (sites.length === 0) return out;
      const actions = knownActions(ctx, statement);
      const matchedBy = new Map<string, boolean>(actions.map((a) => [a.text, false]));
      let someMatch = false;
      let allJudged = true;
      for (const site of sites) {
        const found = shape(site);
        if (found !== undefined) {
          if (found) out.push(found);
          allJudged = false;
          continue;
        }
        if (actions.length === 0) continue;
        const matching = actions.filter((a) => ctx.canMatch(site.value, a.text));
        for (const a of matching) matchedBy.set(a.text, true);
        if (matching.length > 0) {
          someMatch = true;
          continue;
        }
        const pattern = ctx.arn(site.value);
        const names = [...new Set(actions.map((a) => actionInfo(a.text)?.action ?? a.text))];
        if (actions.every((a) => a.concrete && isWildcardOnlyAction(a.text))) {
          out.push({ messageId: 'wildcardOnly', data: { actions: nameList(names, 4), resource: valueText(pattern) }, target: site.target });
        } else {
          const concrete = actions.flatMap((a) => (a.concrete ? [a.text] : []));
          out.push({
            messageId: 'noMatch',
            data: { resource: valueText(pattern), actions: nameList(names, 4), formats: formatsText(concrete) || 'other ARN formats' },
            target: site.target,
          });
        }
      }
      // An action none of the (judged) resources can name, in a statement that otherwise works.
      if (!checkActions || !someMatch || !allJudged || sites.some((s) => s.fromSetting)) return out;
      for (const a of actions) {
        if (!a.concrete || matchedBy.get(a.text)) continue;
        const name = actionInfo(a.text)?.action ?? a.text;
        const target = { kind: 'part', key: 'Action', index: a.index } as const;
        if (isWildcardOnlyAction(a.text)) out.push({ messageId: 'actionUnmatchedWildcardOnly', data: { action: name }, target });
        else out.push({ messageId: 'actionUnmatched', data: { action: name, formats: formatsText([a.text]) }, target });
      }
      return out;
    };

    return { statement: statementListener(context, ctx, analyse) };
  },
};

export default rule;
