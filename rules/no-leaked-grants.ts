import type { Rule } from '../src/engine/types.js';
import { formatPath } from '../src/load/node.js';
import type { GrantCause, RoleModel, ServiceModel } from '../src/synthesize/model.js';
import { UNGUARDED, causeRoot, isFunctionCause, isPerResource, realVpc, roleGrantsOf, type AutoItem } from './lib/auto-grants.js';
import { valueAt } from './lib/config.js';
import { roleSharingSite } from './lib/shared-role.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Auto-grant kinds never reported. */
  ignoreGrants: string[];
  /** Above this many findings on one role, one summary finding for the role instead (0: no limit). */
  maxFindingsPerRole: number;
}

interface Leak {
  role: RoleModel;
  cause: GrantCause & { function: string };
  grants: string[];
  /**
   * Functions of the role that need the grant anyway (the causing function among them): the grant
   * leaks to the others. Kept instead of the leaked functions, which are nearly all of a big role.
   * May be shared between leaks: never mutated.
   */
  needed: ReadonlySet<string>;
  /** The role's auto-grants this setting causes there. */
  items: AutoItem[];
}

function isSubset(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const f of small) if (!large.has(f)) return false;
  return true;
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-leaked-grants',
    type: 'problem',
    description:
      'Report a permission the Framework adds because of one function (event source, onError, destination, KMS key, file system, trust …) that lands on a role other functions also run with.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-leaked-grants.md',
    messages: {
      leaked:
        '`{{setting}}` of function {{source}} makes the Framework add {{grant}} to the role {{role}}, so it also reaches {{functions}} (same role), where it is not needed. Give {{source}} its own role (`iam.role.statements`), or set `provider.iam.role.mode: perFunction`.',
      leakedUnguarded:
        'Because of {{settings}}, the Framework adds {{grant}} to the shared role {{role}}, so it also reaches {{functions}}, where it is not needed. Set `provider.iam.role.mode: perFunction`: in shared mode the Framework adds this grant to the shared role even for a function with a role of its own.',
      leakedPlugin:
        'Because of {{settings}}, the Framework adds {{grant}} to the shared role {{role}}, so it also reaches {{functions}}, where it is not needed. With serverless-iam-roles-per-function the shared role keeps every function\'s grants, even those of functions with a plugin role: remove the plugin and set `provider.iam.role.mode: perFunction` (per-function roles are built into Framework v4).',
      manyLeaks:
        '{{count}} grants that the Framework adds for single functions ({{examples}}) reach every function on {{role}} ({{functions}}), where most of them are not needed: too many to report one by one. Give each function its own role with `provider.iam.role.mode: perFunction`.',
    },
    schema: {
      type: 'object',
      properties: {
        ignoreGrants: {
          type: 'array',
          items: {
            enum: [
              'logs',
              'vpc',
              'durable',
              'stream',
              'stream-consumer',
              'stream-on-failure',
              'sqs',
              'on-error',
              'kms',
              'xray',
              'file-system',
              'destination',
              'websocket',
              'mq',
              'kafka',
              'msk',
              'ec2-network',
              'cloudfront',
              'scheduler',
            ],
          },
          default: ['logs'],
          description: 'Kinds of Framework grants not to report (by default the per-function log-group grants).',
        },
        maxFindingsPerRole: {
          type: 'integer',
          minimum: 0,
          default: 20,
          description:
            'When one role has more findings than this, report one summary finding for the role (at the setting that makes it shared) instead; 0 reports every finding.',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'warn', strict: 'error' },
    security: {
      securitySeverity: 6.5,
      precision: 'high',
      tags: ['security', 'iam', 'least-privilege', 'shared-role', 'auto-grants', 'CWE-269'],
    },
  },
  create(context) {
    const ignored = new Set<string>(context.options.ignoreGrants ?? ['logs']);
    const maxPerRole = context.options.maxFindingsPerRole ?? 20;
    return {
      'service:exit'(service: ServiceModel) {
        const leaks = new Map<string, Leak>();
        for (const role of service.roles) {
          if (role.functions.length < 2) continue;
          const onRole = new Set(role.functions);
          const { items, needs: index } = roleGrantsOf(service.config, role);
          // Each set of the index restricted to the role's functions, computed once per set.
          const onRoleOf = new Map<Set<string>, ReadonlySet<string>>();
          const restrict = (set: Set<string>): ReadonlySet<string> => {
            let r = onRoleOf.get(set);
            if (!r) onRoleOf.set(set, (r = new Set([...set].filter((f) => onRole.has(f)))));
            return r;
          };
          // The functions needing a grant: the causing function and the union of its sets. Nearly
          // always one set (shared by many causes) holds all the others: that set is the union.
          const neededBy = (fn: string, sets: ReadonlyArray<ReadonlySet<string>>): ReadonlySet<string> => {
            const largest = sets.reduce<ReadonlySet<string> | undefined>((a, b) => (a && a.size >= b.size ? a : b), undefined);
            if (largest?.has(fn) && sets.every((set) => set === largest || isSubset(set, largest))) return largest;
            const union = new Set<string>([fn]);
            for (const set of sets) for (const f of set) union.add(f);
            return union;
          };
          for (const item of items) {
            const p = item.provenance;
            if (ignored.has(p.grant) || p.grant === 'logs-deny' || p.grant === 'lambda-trust') continue;
            // A provider-wide cause (provider.tracing, provider.kmsKeyArn, provider.vpc …) means every function needs it.
            if (p.causes.length === 0 || !p.causes.every(isFunctionCause)) continue;
            for (const c of p.causes) {
              if (!isFunctionCause(c) || !onRole.has(c.function)) continue;
              if (p.grant === 'vpc' && !realVpc(valueAt(service.config, c.setting))) continue;
              const needed = neededBy(c.function, index.sets(item, c).map(restrict));
              if (needed.size >= onRole.size) continue; // every function on the role needs it
              const key = `${role.logicalId}\u0000${formatPath(causeRoot(c))}`;
              const leak = leaks.get(key);
              if (!leak) {
                leaks.set(key, { role, cause: c, grants: [item.grant], needed, items: [item] });
                continue;
              }
              if (!leak.grants.includes(item.grant)) leak.grants.push(item.grant);
              if (!leak.items.includes(item)) leak.items.push(item);
              // Leaked to the union of both: needed by both.
              if (leak.needed !== needed) leak.needed = new Set([...leak.needed].filter((f) => needed.has(f)));
            }
          }
        }

        // Settings that only cause grants that are the same whoever causes them (X-Ray, the VPC
        // policy, ManageConnections …) and reach the same functions: one finding for all of them.
        const groups = new Map<string, Leak[]>();
        const itemIds = new Map<AutoItem, number>();
        const neededKeys = new Map<ReadonlySet<string>, string>();
        const neededKey = (needed: ReadonlySet<string>): string => {
          let k = neededKeys.get(needed);
          if (k === undefined) neededKeys.set(needed, (k = [...needed].sort().join(',')));
          return k;
        };
        for (const leak of leaks.values()) {
          const uniform = !leak.items.some(isPerResource);
          const ids = leak.items.map((item) => {
            let id = itemIds.get(item);
            if (id === undefined) itemIds.set(item, (id = itemIds.size));
            return id;
          });
          const key = uniform
            ? `${leak.role.logicalId}\u0000${ids.sort((a, b) => a - b).join(',')}\u0000${neededKey(leak.needed)}`
            : `${leak.role.logicalId}\u0000${formatPath(causeRoot(leak.cause))}`;
          const group = groups.get(key);
          if (group) group.push(leak);
          else groups.set(key, [leak]);
        }

        // Too many findings on one role: one summary at the setting that makes the role shared.
        const byRole = new Map<RoleModel, Leak[][]>();
        for (const group of groups.values()) {
          const role = group[0]!.role;
          const list = byRole.get(role);
          if (list) list.push(group);
          else byRole.set(role, [group]);
        }
        const summarized = new Set<RoleModel>();
        for (const [role, roleGroups] of byRole) {
          if (maxPerRole <= 0 || roleGroups.length <= maxPerRole) continue;
          summarized.add(role);
          const examples = roleGroups.slice(0, 5).map((g) => g[0]!);
          const shown = examples.slice(0, 3).map((l) => `\`${formatPath(causeRoot(l.cause))}\` of function ${l.cause.function}`);
          const rest = roleGroups.length - shown.length;
          context.report({
            messageId: 'manyLeaks',
            data: {
              count: roleGroups.length,
              examples: rest > 0 ? `${shown.join(', ')} and ${rest} more` : nameList(shown),
              role: role.logicalId,
              functions: nameList(role.functions),
            },
            at: roleSharingSite(service, role).at,
            functions: [...role.functions],
            role,
            related: examples.map((l) => ({
              message: `${formatPath(causeRoot(l.cause))} of function ${l.cause.function} adds ${l.grants.join('; ')}`,
              at: { path: causeRoot(l.cause) },
            })),
          });
        }

        for (const group of groups.values()) {
          if (summarized.has(group[0]!.role)) continue;
          const [leak, ...others] = group as [Leak, ...Leak[]];
          const functions = leak.role.functions.filter((f) => !leak.needed.has(f)).sort();
          const at = causeRoot(leak.cause);
          const shared = leak.role.kind === 'shared';
          const messageId = shared && service.externalPerFunctionPlugin
            ? 'leakedPlugin'
            : shared && leak.items.every((item) => UNGUARDED.has(item.provenance.grant))
              ? 'leakedUnguarded'
              : 'leaked';
          const otherSources = [...new Set(others.map((o) => o.cause.function))];
          const more = `${others.length} more setting${others.length === 1 ? '' : 's'}`;
          const settingsText =
            `\`${formatPath(at)}\` of function ${leak.cause.function}` +
            (others.length === 0
              ? ''
              : otherSources.length === 1 && otherSources[0] === leak.cause.function
                ? ` and ${more} of it`
                : ` and ${more} of ${nameList(otherSources)}`);
          context.report({
            messageId,
            data: {
              setting: formatPath(at),
              settings: settingsText,
              source: leak.cause.function,
              grant: leak.grants.join('; '),
              role: leak.role.logicalId,
              functions: nameList(functions),
            },
            at: { path: at },
            functions,
            role: leak.role,
            related: others.map((o) => ({
              message: `${formatPath(causeRoot(o.cause))} of function ${o.cause.function} adds the same grant`,
              at: { path: causeRoot(o.cause) },
            })),
          });
        }
      },
    };
  },
};

export default rule;
