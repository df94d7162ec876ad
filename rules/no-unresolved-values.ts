import type { ReportTarget, Rule } from '../src/engine/types.js';
import type { Provenance } from '../src/synthesize/model.js';
import { formatPath, Unknown, type Path, type Plain } from '../src/load/node.js';

type PlainMap = { [key: string]: Plain };
const isMap = (v: Plain | undefined): v is PlainMap =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);

interface Unresolved {
  text: string;
  reason: string;
}

/** The first piece of `value` iamlint cannot know offline, and how many there are. */
function findUnresolved(value: Plain | undefined): { first: Unresolved; count: number } | undefined {
  let first: Unresolved | undefined;
  let count = 0;
  const visit = (v: Plain | undefined): void => {
    if (v instanceof Unknown) {
      count++;
      first ??= { text: v.text, reason: v.reason };
      return;
    }
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isMap(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
      count++;
      const name = v['Fn::ImportValue'];
      first ??= {
        text: `Fn::ImportValue ${typeof name === 'string' ? name : JSON.stringify(name)}`,
        reason: 'an export of another CloudFormation stack, known only at deploy time',
      };
      return;
    }
    for (const k of keys) visit(v[k]);
  };
  visit(value);
  return first ? { first, count } : undefined;
}

/** A stable key for "the same written value" across roles. */
function provenanceKey(p: Provenance): string {
  if ('path' in p) return formatPath(p.path);
  if (p.kind === 'auto') return `auto:${p.grant}:${p.causes.map((c) => formatPath(c.setting)).join(',')}`;
  return p.kind;
}

const rule: Rule = {
  meta: {
    id: 'no-unresolved-values',
    type: 'suggestion',
    description: 'Report IAM-relevant values iamlint cannot evaluate offline (`${ssm:…}`, `${cf:…}`, `Fn::ImportValue`, …), so that skipped checks are never silent.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-unresolved-values.md',
    messages: {
      unresolved:
        '{{what}} depends on {{text}}, which iamlint cannot resolve offline ({{reason}}){{more}}; checks that need this value were skipped. Pass the value (e.g. with --param or an environment variable) or review it by hand.',
      unresolvedRole:
        'The execution role of {{functions}} is {{text}}, which iamlint cannot resolve offline ({{reason}}); nothing is known about its permissions. Check that role by hand, or define it in this service.',
    },
    presets: { recommended: 'off', strict: 'warn' },
    security: {
      securitySeverity: 2,
      precision: 'very-high',
      tags: ['security', 'iam', 'coverage', 'unresolved'],
    },
  },
  create(context) {
    const seen = new Set<string>();
    const roleGroups = new Map<string, { at: Path; found: Unresolved; functions: string[] }>();
    const report = (key: string, what: string, value: Plain | undefined, at: ReportTarget) => {
      const found = findUnresolved(value);
      if (!found) return;
      const k = `${key}\u0000${found.first.text}`;
      if (seen.has(k)) return;
      seen.add(k);
      context.report({
        messageId: 'unresolved',
        data: {
          what,
          text: found.first.text,
          reason: found.first.reason,
          more: found.count > 1 ? ` and ${found.count - 1} more unknown value(s)` : '',
        },
        at,
      });
    };

    return {
      statement(statement) {
        const base = provenanceKey(statement.provenance);
        for (const [key, value] of Object.entries(statement.document)) {
          if (Array.isArray(value)) {
            value.forEach((item, index) =>
              report(`${base}|${key}|${index}`, `Item ${index + 1} of this statement's ${key}`, item, { statement, key, index }),
            );
          } else {
            report(`${base}|${key}`, `This statement's ${key}`, value, { statement, key });
          }
        }
      },
      managedPolicy(policy) {
        report(`mp|${provenanceKey(policy.provenance)}|${JSON.stringify(policy.arn)}`, 'This managed policy ARN', policy.arn, policy);
      },
      role(role) {
        const props: Array<[string, 'roleName' | 'path' | 'permissionsBoundary' | 'tags']> = [
          ['The role name', 'roleName'],
          ['The role path', 'path'],
          ['The permissions boundary', 'permissionsBoundary'],
          ['The role tags', 'tags'],
        ];
        for (const [what, name] of props) {
          const prop = role[name];
          if (prop) report(`${name}|${provenanceKey(prop.provenance)}`, what, prop.value, prop);
        }
        for (const t of role.trust) {
          report(`trust|${provenanceKey(t.provenance)}|${JSON.stringify(t.principal)}`, 'A trusted principal of this role', t.principal, t);
        }
      },
      function(fn) {
        if (fn.roleLogicalId !== null) return;
        const found = findUnresolved(fn.role);
        if (!found) return;
        // One finding per written role setting (`provider.iam.role` feeds every function).
        const k = `${formatPath(fn.choiceAt)}\u0000${found.first.text}`;
        const group = roleGroups.get(k);
        if (group) group.functions.push(fn.key);
        else roleGroups.set(k, { at: fn.choiceAt, found: found.first, functions: [fn.key] });
      },
      'service:exit'() {
        for (const g of roleGroups.values()) {
          context.report({
            messageId: 'unresolvedRole',
            data: {
              functions: g.functions.length === 1 ? `function ${g.functions[0]}` : `${g.functions.length} functions`,
              text: g.found.text,
              reason: g.found.reason,
            },
            at: { path: g.at },
            functions: g.functions,
          });
        }
      },
    };
  },
};

export default rule;
