import type { Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type { Provenance, ServiceModel, StatementModel } from '../src/synthesize/model.js';

type Obj = { [key: string]: Plain };

function isObj(v: Plain | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

function stable(v: Plain | undefined): string {
  if (v === undefined) return 'undefined';
  if (v instanceof Unknown) return `<unknown ${v.text}>`;
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (isObj(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function nameList(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** A list-valued key as a sorted set: `X` and `[X]` and `[X, X]` are the same; actions ignore case. */
function setKey(v: Plain | undefined, ignoreCase: boolean): string {
  const items = v === undefined ? [] : Array.isArray(v) ? v : [v];
  const keys = items.map((x) => (typeof x === 'string' ? JSON.stringify(ignoreCase ? x.toLowerCase() : x) : stable(x)));
  return `[${[...new Set(keys)].sort().join(',')}]`;
}

/** What a statement allows or denies, without `Sid` and independent of list order. */
function contentKey(doc: Obj): string {
  const parts: string[] = [];
  for (const key of Object.keys(doc).sort()) {
    if (key === 'Sid') continue;
    const v = doc[key];
    if (key === 'Action' || key === 'NotAction') parts.push(`${key}=${setKey(v, true)}`);
    else if (key === 'Resource' || key === 'NotResource') parts.push(`${key}=${setKey(v, false)}`);
    else parts.push(`${key}=${stable(v)}`);
  }
  return parts.join(';');
}

/** Statements a user wrote (directly, through inheritance, or in `resources`). */
function written(p: Provenance): p is Extract<Provenance, { path: unknown }> {
  return p.kind === 'provider' || p.kind === 'function' || p.kind === 'inherited' || p.kind === 'resources';
}

function pathOf(s: StatementModel): Path {
  const p = s.provenance;
  return written(p) ? p.path : [];
}

/** Which of two equal statements to report: the one whose removal fixes it — a function's own over an inherited one, else the later one. */
function pickDuplicate(first: StatementModel, second: StatementModel): [dup: StatementModel, original: StatementModel] {
  const rank = (s: StatementModel) => (s.provenance.kind === 'inherited' ? 0 : 1);
  if (rank(first) > rank(second)) return [first, second];
  return [second, first];
}

const rule: Rule = {
  meta: {
    id: 'no-duplicate-statements',
    type: 'suggestion',
    description: 'Report a statement that appears twice in one effective policy (also through YAML aliases, variables or inheritance).',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-duplicate-statements.md',
    messages: {
      duplicate:
        'This statement is the same as `{{original}}`{{how}}: the role of {{functions}} gets it twice. Remove one of them — duplicates only make the policy longer (its size is limited to 10 KB).',
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 1.0,
      precision: 'very-high',
      tags: ['security', 'iam', 'maintainability', 'duplicates', 'policy-size'],
    },
  },
  create(context) {
    return {
      'service:exit'(service: ServiceModel) {
        const found = new Map<string, { dup: StatementModel; original: StatementModel; functions: Set<string> }>();
        for (const role of service.roles) {
          const seen = new Map<string, StatementModel>();
          for (const s of role.statements) {
            if (!written(s.provenance)) continue;
            const key = contentKey(s.document);
            const first = seen.get(key);
            if (!first) {
              seen.set(key, s);
              continue;
            }
            const [dup, original] = pickDuplicate(first, s);
            const dupPath = formatPath(pathOf(dup));
            const originalPath = formatPath(pathOf(original));
            if (dupPath === originalPath) continue; // one written statement cannot duplicate itself
            const id = `${dupPath}\u0000${originalPath}`;
            const entry = found.get(id) ?? { dup, original, functions: new Set<string>() };
            for (const f of role.functions) entry.functions.add(f);
            found.set(id, entry);
            if (dup === first) seen.set(key, s);
          }
        }
        // A pair reported both ways (A dup of B and B dup of A in different roles) is one problem.
        const reported = new Set<string>();
        for (const [id, entry] of found) {
          const [a, b] = id.split('\u0000');
          if (reported.has(`${b}\u0000${a}`)) continue;
          reported.add(id);
          const functions = [...entry.functions].sort();
          const originalPath = pathOf(entry.original);
          const how = entry.original.provenance.kind === 'inherited' ? ' (inherited from the provider)' : '';
          context.report({
            messageId: 'duplicate',
            data: { original: formatPath(originalPath), how, functions: functions.length ? nameList(functions) : 'no function' },
            at: entry.dup,
            functions,
            related: [{ message: 'the same statement', at: { path: originalPath } }],
          });
        }
      },
    };
  },
};

export default rule;
