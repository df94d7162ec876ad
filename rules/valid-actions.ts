import type { Rule } from '../src/engine/types.js';
import {
  actionExists,
  actionMatches,
  catalogVersion,
  expandActionPattern,
  hasWildcard,
  parseActionName,
  serviceExists,
  serviceName,
  suggestAction,
  suggestServicePrefix,
} from '../src/iam/index.js';
import { PolicyContext, actionItems, isUserWritten, servicesMatching, statementListener, type PendingFinding } from './lib/policy.js';
import { allowedActionsSchema } from './lib/action-options.js';

interface Options {
  /** Action patterns to accept even when the AWS data does not know them (actions newer than the data). */
  allowedActions: string[];
}

/** Services a wildcard service part may match before the check stops expanding (it then assumes a match). */
const MAX_SERVICES_TO_EXPAND = 8;

type Problem = { messageId: 'unknownService' | 'unknownAction' | 'matchesNothing'; data: Record<string, string> };

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
}

/** Why an `Action` value names nothing, or undefined when it is fine (or not this rule's to judge). */
function problemOf(text: string): Problem | undefined {
  const action = text.trim();
  if (action === '*') return undefined;
  const parsed = parseActionName(action);
  // No `service:` prefix at all: valid-statements reports it.
  if (!parsed) return undefined;
  const { service, action: name } = parsed;
  if (hasWildcard(service)) {
    const services = servicesMatching(service);
    if (services.length === 0) return { messageId: 'unknownService', data: { action, service, suggestion: '' } };
    if (services.length > MAX_SERVICES_TO_EXPAND || (!hasWildcard(name) && services.some((p) => actionExists(`${p}:${name}`)))) return undefined;
    if (hasWildcard(name) && services.some((p) => expandActionPattern(`${p}:${name}`).length > 0)) return undefined;
    return { messageId: 'matchesNothing', data: { action, service: `the services matching \`${service}\``, suggestion: '' } };
  }
  if (!serviceExists(service)) {
    const suggestion = hasWildcard(name) ? suggestServicePrefix(service) : suggestAction(action) ?? suggestServicePrefix(service);
    const shown = suggestion && !suggestion.includes(':') ? `${suggestion}:${name}` : suggestion;
    return { messageId: 'unknownService', data: { action, service, suggestion: didYouMean(shown) } };
  }
  const label = serviceName(service) ?? service;
  if (!hasWildcard(name)) {
    if (actionExists(action)) return undefined;
    return { messageId: 'unknownAction', data: { action, service: label, suggestion: didYouMean(suggestAction(action)) } };
  }
  if (expandActionPattern(action).length > 0) return undefined;
  // `s3:GetObjcet*`: suggest from the pattern's literal text.
  const literal = name.replace(/[*?]/g, '');
  const suggestion = literal ? suggestAction(`${service}:${literal}`) : undefined;
  return { messageId: 'matchesNothing', data: { action, service: label, suggestion: didYouMean(suggestion) } };
}

const rule: Rule<Options> = {
  meta: {
    id: 'valid-actions',
    type: 'problem',
    description: 'Report `Action`/`NotAction` values that name no AWS action: unknown service prefixes, misspelt actions, wildcards that match nothing.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/valid-actions.md',
    messages: {
      unknownService:
        '`{{action}}`: `{{service}}` is not an AWS service prefix{{suggestion}}. The value matches no action, so it grants (or denies) nothing. Fix the prefix. (AWS data of {{date}}.)',
      unknownAction:
        '`{{action}}` is not an action of {{service}}{{suggestion}}. It grants (or denies) nothing, so the call the function makes is not covered. Fix the name. (AWS data of {{date}}.)',
      matchesNothing:
        '`{{action}}` matches no action of {{service}}{{suggestion}}. It grants (or denies) nothing. Fix the pattern. (AWS data of {{date}}.)',
    },
    schema: allowedActionsSchema(
      'Action names or patterns to accept although the AWS data iamlint ships does not know them (e.g. an action announced after that data).',
    ),
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 4,
      precision: 'very-high',
      tags: ['security', 'iam', 'correctness', 'typo'],
    },
  },
  create(context) {
    const ctx = new PolicyContext(context.service);
    const allowed = context.options.allowedActions;
    const date = catalogVersion().updatedAt.slice(0, 10);
    const problems = new Map<string, Problem | undefined>();
    const problemFor = (text: string): Problem | undefined => {
      if (!problems.has(text)) problems.set(text, problemOf(text));
      return problems.get(text);
    };
    return {
      statement: statementListener(context, ctx, (statement) => {
        // The Framework's own grants name real actions; only what the user wrote is checked.
        const out: PendingFinding[] = [];
        if (!isUserWritten(statement)) return out;
        for (const key of ['Action', 'NotAction'] as const) {
          for (const item of actionItems(statement, key)) {
            if (item.text === undefined) continue;
            if (allowed.some((p) => actionMatches(p, item.text!) || p.toLowerCase() === item.text!.toLowerCase())) continue;
            const problem = problemFor(item.text);
            if (!problem) continue;
            out.push({ messageId: problem.messageId, data: { ...problem.data, date }, target: { kind: 'part', key, index: item.index } });
          }
        }
        return out;
      }),
    };
  },
};

export default rule;
