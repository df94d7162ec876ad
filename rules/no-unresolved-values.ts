import type { ReportTarget, Rule } from '../src/engine/types.js';
import type { Provenance } from '../src/synthesize/model.js';
import { formatPath, Unknown, type Path, type Plain } from '../src/load/node.js';
import { resourceSites } from './lib/policy.js';
import { isMap } from './lib/plain.js';

interface Unresolved {
  text: string;
  reason: string;
}

/** Every piece of `value` iamlint cannot know offline, in order. */
function findUnresolved(value: Plain | undefined): Unresolved[] {
  const out: Unresolved[] = [];
  const visit = (v: Plain | undefined): void => {
    if (v instanceof Unknown) {
      out.push({ text: v.text, reason: v.reason });
      return;
    }
    if (Array.isArray(v)) {
      v.forEach(visit);
      return;
    }
    if (!isMap(v)) return;
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
      const name = v['Fn::ImportValue'];
      out.push({
        text: `Fn::ImportValue ${typeof name === 'string' ? name : JSON.stringify(name)}`,
        reason: 'an export of another CloudFormation stack, known only at deploy time',
      });
      return;
    }
    for (const k of keys) visit(v[k]);
  };
  visit(value);
  return out;
}

/**
 * How to give iamlint the value, from the resolver's reason: `--stage`/`--region`, the environment
 * or `settings.env`, `settings.params`, `settings.accountId`. Other sources (SSM, CloudFormation
 * outputs, `Fn::ImportValue`, code) cannot be given: they are reviewed by hand.
 */
export function adviceFor(reason: string): string {
  const ways: string[] = [];
  for (const m of reason.matchAll(/option --(stage|region) is not given/g)) ways.push(`pass --${m[1]}`);
  for (const m of reason.matchAll(/environment variable (\S+) is not set/g)) ways.push(`set ${m[1]} in the environment or in \`settings.env\` of the iamlint config`);
  for (const m of reason.matchAll(/param "([^"]+)" is not set/g)) ways.push(`set \`settings.params.${m[1]}\` in the iamlint config`);
  if (/account id not configured/.test(reason)) ways.push('set `settings.accountId` in the iamlint config');
  const unique = [...new Set(ways)];
  return unique.length > 0 ? `Give iamlint the value (${unique.join('; ')}), or review it by hand.` : 'Review it by hand.';
}

/** For a related location: an auto-grant is pointed at its first cause only (not at every function that caused it). */
function briefly(at: ReportTarget): ReportTarget {
  const p = 'statement' in at && 'key' in at ? at.statement.provenance : undefined;
  return p?.kind === 'auto' && p.causes[0] ? { path: p.causes[0].setting } : at;
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
        '{{what}} depends on {{text}}{{more}}, which iamlint cannot resolve offline: {{reason}}. Checks that need this value were skipped. {{advice}}',
      unresolvedRole:
        'The execution role of {{functions}} is {{text}}, which iamlint cannot resolve offline: {{reason}}. Nothing is known about its permissions. Check that role by hand, or define it in this service.',
    },
    presets: { recommended: 'off', strict: 'warn' },
    security: {
      securitySeverity: 2,
      precision: 'very-high',
      tags: ['security', 'iam', 'coverage', 'unresolved'],
    },
  },
  create(context) {
    /** One group per unknown value (by its text): every place it is used and every function it reaches. */
    interface Site {
      key: string;
      what: string;
      at: ReportTarget;
    }
    interface Group {
      value: Unresolved;
      sites: Site[];
      siteKeys: Set<string>;
      functions: Set<string>;
    }
    const groups = new Map<string, Group>();
    const roleGroups = new Map<string, { at: Path; found: Unresolved; functions: string[] }>();

    const collect = (siteKey: string, what: string, value: Plain | undefined, at: ReportTarget, functions: readonly string[]) => {
      for (const u of findUnresolved(value)) {
        let g = groups.get(u.text);
        if (!g) groups.set(u.text, (g = { value: u, sites: [], siteKeys: new Set(), functions: new Set() }));
        for (const f of functions) g.functions.add(f);
        if (g.siteKeys.has(siteKey)) continue;
        g.siteKeys.add(siteKey);
        g.sites.push({ key: siteKey, what, at });
      }
    };

    return {
      statement(statement, role) {
        const base = provenanceKey(statement.provenance);
        const p = statement.provenance;
        if (p.kind === 'auto') {
          // The Framework's own statement: only values taken from the user's settings can be unknown;
          // each is reported at the setting it comes from (the queue ARN of that event, the key ARN …).
          for (const site of resourceSites(context.service, statement)) {
            const setting = 'path' in site.at && Array.isArray(site.at.path) ? formatPath(site.at.path) : formatPath(p.causes[0]?.setting ?? []);
            collect(`${base}|Resource|${site.index}`, `The value of \`${setting}\` (granted by the Framework)`, site.value, site.at, role.functions);
          }
          return;
        }
        for (const [key, value] of Object.entries(statement.document)) {
          if (Array.isArray(value)) {
            value.forEach((item, index) =>
              collect(`${base}|${key}|${index}`, `Item ${index + 1} of this statement's ${key}`, item, { statement, key, index }, role.functions),
            );
          } else {
            collect(`${base}|${key}`, `This statement's ${key}`, value, { statement, key }, role.functions);
          }
        }
      },
      managedPolicy(policy, role) {
        collect(`mp|${provenanceKey(policy.provenance)}|${JSON.stringify(policy.arn)}`, 'This managed policy ARN', policy.arn, policy, role.functions);
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
          if (!prop) continue;
          if (name === 'roleName' && prop.provenance.kind === 'template' && findUnresolved(context.service.config.service).length > 0) {
            // The generated name is built from `service`: that is where the unknown value is written.
            collect(`${name}|template`, 'The generated role name (built from `service`)', prop.value, { path: ['service'] }, role.functions);
          } else if (name === 'roleName' && prop.provenance.kind === 'template' && context.service.stage instanceof Unknown) {
            // Built from the stage, which is unknown: point at where it is written.
            collect(`${name}|template`, 'The generated role name (built from the stage)', prop.value, { path: ['provider', 'stage'] }, role.functions);
          } else {
            collect(`${name}|${provenanceKey(prop.provenance)}`, what, prop.value, prop, role.functions);
          }
        }
        for (const t of role.trust) {
          collect(`trust|${provenanceKey(t.provenance)}|${JSON.stringify(t.principal)}`, 'A trusted principal of this role', t.principal, t, role.functions);
        }
      },
      function(fn) {
        if (fn.roleLogicalId !== null) return;
        const found = findUnresolved(fn.role)[0];
        if (!found) return;
        // One finding per written role setting (`provider.iam.role` feeds every function).
        const k = `${formatPath(fn.choiceAt)}\u0000${found.text}`;
        const group = roleGroups.get(k);
        if (group) group.functions.push(fn.key);
        else roleGroups.set(k, { at: fn.choiceAt, found, functions: [fn.key] });
      },
      'service:exit'() {
        for (const g of groups.values()) {
          const [first, ...others] = g.sites;
          if (!first) continue;
          context.report({
            messageId: 'unresolved',
            data: {
              what: first.what,
              text: g.value.text,
              reason: g.value.reason,
              more: others.length > 0 ? ` (also used in ${others.length} other place(s), listed below)` : '',
              advice: adviceFor(g.value.reason),
            },
            at: first.at,
            functions: [...g.functions],
            related: others.map((o) => ({ message: `${o.what} also depends on ${g.value.text}`, at: briefly(o.at) })),
          });
        }
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
