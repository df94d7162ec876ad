import type { Rule } from '../src/engine/types.js';
import { formatPath, Unknown, type Path, type Plain } from '../src/load/node.js';
import { valueAt } from './lib/config.js';
import { isMap } from './lib/plain.js';

/** A CloudFormation intrinsic (`{Fn::…}` / `{Ref}`) — evaluated at deploy time, not checked here. */
const isIntrinsic = (v: Plain | undefined): boolean => {
  if (!isMap(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
};

/** The elements IAM knows in a statement, by their lower-case spelling. */
const ELEMENTS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'];
const BY_LOWER = new Map(ELEMENTS.map((k) => [k.toLowerCase(), k]));

const rule: Rule = {
  meta: {
    id: 'valid-statements',
    type: 'problem',
    description: 'Report IAM statements the Framework or IAM rejects: missing `Effect`/`Action`/`Resource`, both `Action` and `NotAction`, unknown or wrongly-cased keys, bad `Effect` values.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/valid-statements.md',
    messages: {
      notList:
        '{{setting}} must be a list of statements (each starting with `- Effect: …`); Serverless refuses it ("iamRoleStatements should be an array of objects"). Turn it into a YAML list.',
      notObject: 'Statement {{setting}} must be a mapping with Effect, Action and Resource, not {{type}}; the deploy fails. Rewrite it as `Effect: …`, `Action: …`, `Resource: …`.',
      missing:
        'Statement {{setting}} has no `{{key}}`; IAM rejects the policy{{framework}}. Add `{{key}}` to it.',
      both: 'Statement {{setting}} has both `{{a}}` and `{{b}}`; IAM accepts only one of them. Keep one.',
      wrongCase: 'Statement key `{{key}}` must be spelled `{{expected}}`: IAM policy elements are case-sensitive, so the policy is rejected. Rename it to `{{expected}}`.',
      misspelled: 'Statement key `{{key}}` is not an IAM policy element; it should be `{{expected}}`. IAM rejects the policy as it is. Rename the key.',
      unknownKey:
        'Statement key `{{key}}` is not an IAM policy element (allowed: Sid, Effect, Action/NotAction, Resource/NotResource, Condition); IAM rejects the policy. Remove it or fix its name.',
      principal:
        '`{{key}}` is not allowed in the statements of a role\'s own policy (IAM: "Policy document should not specify a principal"). Remove it; who may assume the role belongs in its trust policy.',
      badEffect: '`Effect: {{value}}` is invalid: IAM accepts exactly `Allow` or `Deny` (case-sensitive). Write `{{suggestion}}`.',
      empty: '`{{key}}` of statement {{setting}} is empty; IAM rejects a statement without {{what}}. List at least one, or remove the statement.',
      badSid: 'Sid `{{sid}}` may contain only letters and digits; IAM rejects the policy. Write e.g. `{{suggestion}}`.',
      duplicateSid:
        'Sid `{{sid}}` of statement {{setting}} is also used by {{first}}, and both end up in the same role policy; IAM rejects duplicate Sids. Rename one of them.',
      badAction:
        'Action `{{action}}` is not of the form `service:action` (e.g. `s3:GetObject`); IAM rejects it ("Actions/Conditions must be prefaced by a vendor"). Fix the action name.',
    },
    presets: { recommended: 'error', strict: 'error' },
    security: {
      securitySeverity: 2,
      precision: 'very-high',
      tags: ['security', 'iam', 'syntax', 'deployment', 'config'],
    },
  },
  create(context) {
    const service = context.service;
    const config = service.config;

    return {
      service() {
        // Which functions each written statement reaches (from the model's provenance).
        const usedBy = new Map<string, Set<string>>();
        const add = (key: string, fns: string[]) => {
          let set = usedBy.get(key);
          if (!set) usedBy.set(key, (set = new Set()));
          for (const f of fns) set.add(f);
        };
        for (const role of service.roles) {
          if (role.kind === 'resource') add(formatPath(role.declaredAt), role.functions);
          for (const st of role.statements) {
            const p = st.provenance;
            if (p.kind === 'provider' || p.kind === 'inherited' || p.kind === 'function') add(formatPath(p.path), role.functions);
          }
        }
        const functionsFor = (stPath: Path, fnKey?: string, owner?: Path): string[] | undefined => {
          const direct = usedBy.get(formatPath(stPath));
          if (direct) return [...direct];
          if (fnKey !== undefined) return [fnKey];
          const o = owner && usedBy.get(formatPath(owner));
          return o ? [...o] : undefined;
        };

        /** `fnKey`: the function whose own statements these are (they are checked by the Framework too). */
        const checkStatement = (st: Plain | undefined, path: Path, fnKey?: string, owner?: Path) => {
          if (st instanceof Unknown || isIntrinsic(st)) return;
          const setting = formatPath(path);
          const fns = functionsFor(path, fnKey, owner);
          // The Framework validates a function's statements only when it builds a dedicated role for it.
          const framework =
            fnKey !== undefined && (service.failure?.function === fnKey || service.roles.some((r) => r.dedicatedTo === fnKey));
          const report = (messageId: string, data: Record<string, string | number>, at: Path = path) =>
            context.report({ messageId, data: { setting, ...data }, at: { path: at }, ...(fns ? { functions: fns } : {}) });

          if (!isMap(st)) {
            report('notObject', { type: Array.isArray(st) ? 'a list' : st === null ? 'empty' : `the ${typeof st} ${JSON.stringify(st)}` });
            return;
          }
          const miscased = new Set<string>();
          for (const key of Object.keys(st)) {
            if (ELEMENTS.includes(key)) continue;
            const lower = key.toLowerCase();
            const expected = BY_LOWER.get(lower);
            const singular = BY_LOWER.get(lower.replace(/s$/, ''));
            if (expected) {
              miscased.add(expected);
              report('wrongCase', { key, expected }, [...path, key]);
            } else if (singular) {
              miscased.add(singular);
              report('misspelled', { key, expected: singular }, [...path, key]);
            } else {
              report('unknownKey', { key }, [...path, key]);
            }
          }
          for (const key of ['Principal', 'NotPrincipal']) if (key in st) report('principal', { key }, [...path, key]);
          const sid = st.Sid;
          if (sid !== undefined && !(sid instanceof Unknown) && !isIntrinsic(sid) && !(typeof sid === 'string' && /^[A-Za-z0-9]*$/.test(sid))) {
            report('badSid', { sid: typeof sid === 'string' ? sid : JSON.stringify(sid), suggestion: String(sid).replace(/[^A-Za-z0-9]/g, '') || 'ReadOrders' }, [...path, 'Sid']);
          }

          const frameworkNote = framework ? ' and Serverless refuses to package a function-level statement without it' : '';
          // Effect
          if (!('Effect' in st)) {
            if (!miscased.has('Effect')) report('missing', { key: 'Effect', framework: frameworkNote });
          } else {
            const e = st.Effect;
            if (e !== 'Allow' && e !== 'Deny' && !(e instanceof Unknown) && !isIntrinsic(e)) {
              const text = typeof e === 'string' ? e : JSON.stringify(e);
              const suggestion = typeof e === 'string' && /^deny$/i.test(e.trim()) ? 'Deny' : typeof e === 'string' && /^allow$/i.test(e.trim()) ? 'Allow' : 'Allow` or `Deny';
              report('badEffect', { value: text, suggestion: `Effect: ${suggestion}` }, [...path, 'Effect']);
            }
          }
          // Action / NotAction, Resource / NotResource
          for (const [a, b, what] of [
            ['Action', 'NotAction', 'actions'],
            ['Resource', 'NotResource', 'resources'],
          ] as const) {
            const hasA = a in st;
            const hasB = b in st;
            if (hasA && hasB) report('both', { a, b }, [...path, b]);
            else if (!hasA && !hasB) {
              if (!miscased.has(a) && !miscased.has(b)) report('missing', { key: a, framework: frameworkNote });
            }
            for (const key of [a, b]) {
              if (!(key in st)) continue;
              const v = st[key];
              if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) report('empty', { key, what }, [...path, key]);
            }
          }
          for (const key of ['Action', 'NotAction']) {
            const v = st[key];
            const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
            items.forEach((item, i) => {
              if (item instanceof Unknown || isIntrinsic(item) || item === null || item === '') return;
              if (typeof item === 'string' && (item === '*' || /^[A-Za-z0-9*?-]+:[^:\s]+$/.test(item))) return;
              if (typeof item === 'string' && item.includes('${')) return; // left-over variable syntax: not ours
              report('badAction', { action: typeof item === 'string' ? item : JSON.stringify(item) }, Array.isArray(v) ? [...path, key, i] : [...path, key]);
            });
          }
        };

        /** A Framework statement list (`…statements`, `iamRoleStatements`). */
        const checkList = (list: Plain | undefined, path: Path, fnKey?: string) => {
          if (list === undefined || list === null || list instanceof Unknown || isIntrinsic(list)) return;
          if (!Array.isArray(list)) {
            context.report({
              messageId: 'notList',
              data: { setting: formatPath(path) },
              at: { path },
              ...(fnKey !== undefined ? { functions: [fnKey] } : {}),
            });
            return;
          }
          list.forEach((st, i) => checkStatement(st, [...path, i], fnKey));
        };

        /** A policy document's `Statement` (a statement or a list of them) in `resources`. */
        const checkDocument = (doc: Plain | undefined, path: Path, owner: Path) => {
          if (!isMap(doc) || !('Statement' in doc)) return;
          const s = doc.Statement;
          if (Array.isArray(s)) s.forEach((st, i) => checkStatement(st, [...path, 'Statement', i], undefined, owner));
          else checkStatement(s, [...path, 'Statement'], undefined, owner);
        };

        // Sids must be unique within one policy: the Framework puts provider, inherited and function
        // statements into the same inline policy, so duplicates only show on the synthesized role.
        for (const role of service.roles) {
          const seen = new Map<string, string>();
          for (const st of role.statements) {
            const sid = st.document.Sid;
            const p = st.provenance;
            if (typeof sid !== 'string' || sid === '' || !('path' in p)) continue;
            const where = formatPath(p.path);
            const first = seen.get(sid);
            if (first === undefined) {
              seen.set(sid, where);
              continue;
            }
            if (first === where) continue;
            context.report({
              messageId: 'duplicateSid',
              data: { setting: where, sid, first },
              at: { path: [...p.path, 'Sid'] },
              functions: role.functions,
            });
          }
        }

        const provider = config.provider;
        if (isMap(provider)) {
          if (isMap(provider.iam) && isMap(provider.iam.role)) checkList(provider.iam.role.statements, ['provider', 'iam', 'role', 'statements']);
          checkList(provider.iamRoleStatements, ['provider', 'iamRoleStatements']);
        }
        // The model's functions give each function's path (`functions.<key>` or `functions[i].<key>`).
        for (const f of service.functions) {
          const fn = valueAt(config, f.path);
          if (!isMap(fn)) continue;
          if (isMap(fn.iam) && isMap(fn.iam.role)) checkList(fn.iam.role.statements, [...f.path, 'iam', 'role', 'statements'], f.key);
          checkList(fn.iamRoleStatements, [...f.path, 'iamRoleStatements'], f.key);
        }
        // Roles and policies declared whole in `resources` (overrides of generated roles merge by index: not checked).
        const resources = isMap(config.resources) ? config.resources.Resources : undefined;
        if (isMap(resources)) {
          for (const [id, res] of Object.entries(resources)) {
            if (!isMap(res) || !isMap(res.Properties)) continue;
            const owner: Path = ['resources', 'Resources', id];
            const props = res.Properties;
            if (res.Type === 'AWS::IAM::Role' && Array.isArray(props.Policies)) {
              props.Policies.forEach((p, j) => {
                if (isMap(p)) checkDocument(p.PolicyDocument, [...owner, 'Properties', 'Policies', j, 'PolicyDocument'], owner);
              });
            } else if (res.Type === 'AWS::IAM::Policy' || res.Type === 'AWS::IAM::ManagedPolicy') {
              checkDocument(props.PolicyDocument, [...owner, 'Properties', 'PolicyDocument'], owner);
            }
          }
        }
      },
    };
  },
};

export default rule;
