/**
 * The `allowedActions` / `additionalActions` options shared by the IAM permission rules: their
 * JSON schema and the action list a rule ends up judging.
 *
 * Not a rule: this module has no default export.
 */
import { actionMatches } from '../../src/iam/index.js';

/** Options of a rule that judges a fixed list of sensitive actions. */
export interface SensitiveActionOptions {
  /** More actions to judge (exact names). */
  additionalActions: string[];
  /** Action patterns accepted on `*`. */
  allowedActions: string[];
}

/** The schema of one option that holds a list of action names or patterns. */
function actionListProperty(description: string, defaultValue: readonly string[]): Record<string, unknown> {
  return { type: 'array', items: { type: 'string' }, default: defaultValue, description };
}

/** The schema of a rule whose only option is `allowedActions`. */
export function allowedActionsSchema(description: string, defaultValue: readonly string[] = []): Record<string, unknown> {
  return {
    type: 'object',
    properties: { allowedActions: actionListProperty(description, defaultValue) },
    additionalProperties: false,
  };
}

/** The schema of a rule with `SensitiveActionOptions`. */
export function sensitiveActionsSchema(descriptions: { additionalActions: string; allowedActions: string }): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      additionalActions: actionListProperty(descriptions.additionalActions, []),
      allowedActions: actionListProperty(descriptions.allowedActions, []),
    },
    additionalProperties: false,
  };
}

/** The rule's own actions plus `additionalActions`, less those an `allowedActions` pattern matches. */
export function sensitiveActions(builtIn: readonly string[], options: SensitiveActionOptions): string[] {
  return [...builtIn, ...options.additionalActions].filter((a) => !options.allowedActions.some((p) => actionMatches(p, a)));
}
