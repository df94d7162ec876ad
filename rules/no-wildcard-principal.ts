import type { Rule } from '../src/engine/types.js';
import type { RoleModel, TrustPrincipalModel } from '../src/synthesize/model.js';
import type { Path, Plain } from '../src/load/node.js';
import { isMap, listOf, type PlainMap } from './lib/plain.js';

/** `Principal: '*'` or `Principal: {AWS: '*'}` (also in a list): anyone, in any account. */
function isWildcardPrincipal(principal: Plain | undefined): boolean {
  if (principal === '*') return true;
  return isMap(principal) && listOf(principal.AWS).includes('*');
}

/** A condition narrows who may assume the role; an unknown value is given the benefit of the doubt. */
function hasCondition(statement: PlainMap): boolean {
  const c = statement.Condition;
  if (c === undefined || c === null) return false;
  if (isMap(c)) return Object.keys(c).length > 0;
  return true;
}

const rule: Rule = {
  meta: {
    id: 'no-wildcard-principal',
    type: 'problem',
    description: 'Disallow role trust policies that let any AWS principal (`*`) assume the role without a condition.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-wildcard-principal.md',
    messages: {
      wildcard:
        'The trust policy of role {{role}} lets any AWS principal, in any account, assume it ({{principal}} without a Condition){{used}}. Name the trusted principals (e.g. `Service: lambda.amazonaws.com` or an account ARN), or add a Condition such as `aws:PrincipalOrgID`.',
      notPrincipal:
        'The trust policy of role {{role}} allows everyone except the listed principals to assume it (`Effect: Allow` with `NotPrincipal`){{used}}. Use `Principal` with the principals that should assume the role.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 9.5,
      precision: 'very-high',
      tags: ['security', 'iam', 'trust-policy', 'cross-account', 'privilege-escalation', 'CWE-284'],
    },
  },
  create(context) {
    /** The trust principal model entry for statement i of the role, when the synthesizer located one. */
    const trustEntry = (role: RoleModel, index: number, wildcard: boolean): TrustPrincipalModel | undefined =>
      role.trust.find((t) => {
        if (wildcard && !(t.type === '*' || (t.type === 'AWS' && t.principal === '*'))) return false;
        const p = t.provenance;
        if (!('path' in p)) return false;
        if (t.statementIndex !== undefined) return t.statementIndex === index;
        const i = p.path.indexOf('Statement');
        return i < 0 || typeof p.path[i + 1] !== 'number' || p.path[i + 1] === index;
      });

    return {
      role(role) {
        const doc = role.properties.AssumeRolePolicyDocument;
        if (!isMap(doc)) return;
        const statements = listOf(doc.Statement);
        // A generated role's trust can only be unusual through an override in `resources`.
        const resources = context.service.config.resources;
        const declared: Path =
          role.kind !== 'resource' && isMap(resources) && isMap(resources.Resources) && isMap(resources.Resources[role.logicalId])
            ? ['resources', 'Resources', role.logicalId]
            : role.declaredAt;
        const base: Path = [...declared, 'Properties', 'AssumeRolePolicyDocument', 'Statement'];
        const used = role.functions.length > 0 ? `; functions run with it` : '';
        statements.forEach((st, i) => {
          if (!isMap(st) || st.Effect !== 'Allow') return;
          const stPath: Path = Array.isArray(doc.Statement) ? [...base, i] : base;
          if ('NotPrincipal' in st) {
            context.report({
              messageId: 'notPrincipal',
              data: { role: role.logicalId, used },
              at: trustEntry(role, i, false) ?? { path: [...stPath, 'NotPrincipal'] },
              role,
            });
            return;
          }
          if (!isWildcardPrincipal(st.Principal) || hasCondition(st)) return;
          context.report({
            messageId: 'wildcard',
            data: { role: role.logicalId, principal: st.Principal === '*' ? '`Principal: "*"`' : '`Principal: {AWS: "*"}`', used },
            at: trustEntry(role, i, true) ?? { path: [...stPath, 'Principal'] },
            role,
          });
        });
      },
    };
  },
};

export default rule;
