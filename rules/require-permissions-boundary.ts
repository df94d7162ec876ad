import type { Rule } from '../src/engine/types.js';
import type { RoleModel } from '../src/synthesize/model.js';
import { formatPath } from '../src/load/node.js';
import { HOLE, render } from './lib/intrinsics.js';
import { isMap, type PlainMap } from './lib/plain.js';

/**
 * Could `value` (whose HOLEs stand for any text) equal some string matching the IAM-style
 * `pattern` (`*` any run of characters, `?` exactly one)? Dynamic programming over both
 * strings, so unknown parts never produce a false "does not match".
 */
export function mayMatch(pattern: string, value: string): boolean {
  const n = pattern.length;
  const m = value.length;
  // can[i][j]: pattern[i..] and value[j..] can produce a common string.
  let next = new Array<boolean>(m + 1).fill(false);
  for (let i = n; i >= 0; i--) {
    const cur = new Array<boolean>(m + 1).fill(false);
    for (let j = m; j >= 0; j--) {
      const p = i < n ? pattern[i] : undefined;
      const v = j < m ? value[j] : undefined;
      let ok = false;
      if (p === undefined && v === undefined) ok = true;
      else if (p === '*') ok = next[j]! || (v !== undefined && cur[j + 1]!);
      else if (v === HOLE) ok = cur[j + 1]! || (p !== undefined && next[j]!);
      else if (p !== undefined && v !== undefined) ok = (p === '?' || p === v) && next[j + 1]!;
      cur[j] = ok;
    }
    next = cur;
  }
  return next[0]!;
}

interface Options {
  /** IAM-style wildcard patterns; the boundary ARN must match one of them. Empty: any boundary will do. */
  pattern: string | string[];
  /** Also require a boundary on roles declared in `resources` that Lambda functions run with. */
  includeResourceRoles: boolean;
}

const whereToSet = (role: RoleModel) =>
  role.kind === 'resource'
    ? `resources.Resources.${role.logicalId}.Properties.PermissionsBoundary`
    : role.kind === 'dedicated'
      ? `provider.iam.role.permissionsBoundary (or functions.${role.dedicatedTo ?? role.functions[0] ?? '<name>'}.iam.role.permissionsBoundary)`
      : 'provider.iam.role.permissionsBoundary';

const listIds = (ids: string[]) => (ids.length > 3 ? `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more` : ids.join(', '));

const rule: Rule<Options> = {
  meta: {
    id: 'require-permissions-boundary',
    type: 'suggestion',
    description: 'Require a permissions boundary (optionally a specific one) on every generated Lambda execution role.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/require-permissions-boundary.md',
    messages: {
      missing:
        '{{count}} generated Lambda execution role(s) have no permissions boundary ({{roles}}). Set provider.iam.role.permissionsBoundary to your boundary policy ARN{{expected}}; accounts that require boundaries refuse to create roles without one.',
      missingResource:
        'The role {{role}} from resources runs Lambda functions but has no permissions boundary. Set resources.Resources.{{role}}.Properties.PermissionsBoundary{{expected}}.',
      mismatch:
        'The permissions boundary {{boundary}} is not the required one ({{expected}}). Set {{setting}} to a matching boundary policy ARN.',
    },
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pattern: {
          anyOf: [
            { type: 'string' },
            { type: 'array', items: { type: 'string', minLength: 1 } },
          ],
          default: [],
          description: 'Required boundary ARN, IAM-style wildcards allowed (`*`, `?`), e.g. `arn:aws:iam::*:policy/team-boundary`. Several patterns: any may match.',
        },
        includeResourceRoles: {
          type: 'boolean',
          default: false,
          description: 'Also check roles declared in `resources` that functions run with.',
        },
      },
    },
    presets: { recommended: 'off', strict: 'error' },
    security: {
      securitySeverity: 5,
      precision: 'very-high',
      tags: ['security', 'iam', 'permissions-boundary', 'defense-in-depth', 'governance'],
    },
  },
  create(context) {
    const raw = context.options.pattern ?? [];
    const patterns = (Array.isArray(raw) ? raw : [raw]).filter((p) => p !== '');
    const includeResourceRoles = context.options.includeResourceRoles ?? false;
    const service = context.service;
    const region = service.region;
    // An unknown region stays a hole in rendered ARNs.
    const pseudo = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com', ...(typeof region === 'string' ? { 'AWS::Region': region } : {}) };
    const expected = patterns.join(' or ');
    // Generated roles without a boundary: one finding for all of them (one setting fixes them all).
    const missing: RoleModel[] = [];

    return {
      role(role) {
        if (role.kind === 'resource' && !(includeResourceRoles && role.functions.length > 0)) return;
        const boundary = role.permissionsBoundary;
        const value = boundary?.value;
        if (!boundary || value === null || value === '' || value === undefined) {
          if (role.kind !== 'resource') {
            missing.push(role);
            return;
          }
          context.report({
            messageId: 'missingResource',
            data: { role: role.logicalId, expected: expected ? ` to a boundary matching ${expected}` : '' },
            at: role,
            role,
          });
          return;
        }
        if (patterns.length === 0) return;
        const text = render(value, pseudo);
        // An unknowable boundary (`${ssm:…}`, ImportValue) is not guessed: no-unresolved-values says so.
        if (text === undefined || text === HOLE) return;
        if (patterns.some((p) => mayMatch(p, text))) return;
        context.report({
          messageId: 'mismatch',
          data: {
            boundary: text.split(HOLE).join('…'),
            expected,
            // Where this role's boundary comes from (a provider boundary inherited by many roles is one finding).
            setting: 'path' in boundary.provenance ? formatPath(boundary.provenance.path) : whereToSet(role),
          },
          at: boundary,
          role,
        });
      },
      'service:exit'() {
        if (missing.length === 0) return;
        const functions = [...new Set(missing.flatMap((r) => r.functions))];
        const unused = missing.filter((r) => r.functions.length === 0);
        const ids = missing.map((r) => r.logicalId);
        const provider = service.config.provider;
        const hasIam = isMap(provider) && isMap(provider.iam);
        const hasRole = hasIam && isMap((provider.iam as PlainMap).role);
        context.report({
          messageId: 'missing',
          data: {
            count: missing.length,
            roles: listIds(ids) + (unused.length > 0 ? `; ${listIds(unused.map((r) => r.logicalId))} used by no function but still deployed` : ''),
            expected: expected ? ` (matching ${expected})` : '',
          },
          at: { path: hasRole ? ['provider', 'iam', 'role'] : hasIam ? ['provider', 'iam'] : ['provider'] },
          functions,
          ...(missing.length === 1 ? { role: missing[0]! } : {}),
        });
      },
    };
  },
};

export default rule;
