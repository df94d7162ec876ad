import type { Rule } from '../src/engine/types.js';
import {
  PolicyContext,
  actionSpec,
  grantingPattern,
  isAllow,
  passedToServices,
  resourceSites,
  resourceText,
  specGrants,
  statementListener,
  type PendingFinding,
} from './lib/policy.js';

const PASS_ROLE = 'iam:PassRole';

const rule: Rule = {
  meta: {
    id: 'no-unscoped-passrole',
    type: 'problem',
    description: 'Disallow `iam:PassRole` on `*` (or an ARN that is `*` in all but name) without an `iam:PassedToService` condition.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-unscoped-passrole.md',
    messages: {
      unscoped:
        '`iam:PassRole`{{via}} on `{{resource}}` with no `iam:PassedToService` condition lets the function hand any role of the account — admin roles included — to a service it controls (a new Lambda function, an EC2 instance, a stack) and act with that role. Scope Resource to the role ARNs it must pass and add `Condition: {StringEquals: {iam:PassedToService: <service>.amazonaws.com}}`.',
      unscopedNotResource:
        '`iam:PassRole`{{via}} with `NotResource` and no `iam:PassedToService` condition lets the function pass almost any role of the account to a service it controls. List the role ARNs under `Resource` and add an `iam:PassedToService` condition.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 8.5,
      precision: 'very-high',
      tags: ['security', 'iam', 'privilege-escalation', 'passrole', 'CWE-269'],
    },
  },
  create(context) {
    const service = context.service;
    const ctx = new PolicyContext(service);
    return {
      statement: statementListener(context, ctx, (statement) => {
        const out: PendingFinding[] = [];
        if (!isAllow(statement)) return out;
        const spec = actionSpec(statement);
        if (!spec || !specGrants(spec, PASS_ROLE)) return out;
        // Only `iam:PassedToService` makes a PassRole grant safe enough (other condition keys do not limit where the role goes).
        if (passedToServices(statement) !== undefined) return out;
        const pattern = grantingPattern(spec, PASS_ROLE);
        const via = pattern.toLowerCase() === PASS_ROLE.toLowerCase() ? '' : ` (granted by \`${pattern}\`)`;
        const notResource = resourceSites(service, statement, 'NotResource');
        if (notResource.length > 0) return [{ messageId: 'unscopedNotResource', data: { via }, target: { kind: 'key', key: 'NotResource' } }];
        for (const site of resourceSites(service, statement)) {
          if (!ctx.isWildcardFor(site.value, PASS_ROLE)) continue;
          out.push({ messageId: 'unscoped', data: { via, resource: resourceText(ctx.arn(site.value)) }, target: site.target });
        }
        return out;
      }),
    };
  },
};

export default rule;
