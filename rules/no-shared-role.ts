import type { ReportTarget, Rule } from '../src/engine/types.js';
import { Unknown, formatPath, type Path, type Plain } from '../src/load/node.js';
import type { FunctionModel, RoleModel, ServiceModel } from '../src/synthesize/model.js';
import { stableKey as stable } from './lib/plain.js';
import { sharingSite } from './lib/shared-role.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Role logical ids or role ARNs/values that may be shared on purpose. */
  allow: string[];
}

function roleText(v: Plain): string {
  const s = typeof v === 'string' || v instanceof Unknown ? String(v) : stable(v);
  return s.length > 90 ? `${s.slice(0, 87)}…` : s;
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-shared-role',
    type: 'suggestion',
    description: 'Report a role that two or more functions run with, so that each holds every permission any of them needs.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-shared-role.md',
    messages: {
      sharedGenerated:
        '{{count}} functions ({{functions}}) run with the one generated role IamRoleLambdaExecution: each of them can do everything any of them needs. Set `provider.iam.role.mode: perFunction` so the Framework gives every function its own role.',
      sharedProviderRole:
        '{{count}} functions ({{functions}}) run with the one service-wide role {{role}} set by `{{setting}}`: each of them can do everything any of them needs. Give functions their own roles (`functions.<name>.role`), or remove `{{setting}}` and set `provider.iam.role.mode: perFunction`.',
      sharedCustomRole:
        '{{count}} functions ({{functions}}) run with the same role {{role}}: each of them can do everything any of them needs. Give each function its own role (or set `provider.iam.role.mode: perFunction` and drop `role`).',
    },
    schema: {
      type: 'object',
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string' },
          default: [],
          description: 'Role logical ids (e.g. `WorkerRole`) or role ARNs that functions may share on purpose.',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'off', strict: 'error' },
    security: {
      securitySeverity: 4.0,
      precision: 'very-high',
      tags: ['security', 'iam', 'least-privilege', 'shared-role', 'blast-radius', 'CWE-250'],
    },
  },
  create(context) {
    const allow = new Set(context.options.allow ?? []);
    return {
      'service:exit'(service: ServiceModel) {
        if (service.failure) return; // the Framework would not package it: no roles to judge
        const rolesById = new Map<string, RoleModel>(service.roles.map((r) => [r.logicalId, r]));
        // Group functions by the role they run with: a logical id in this stack, or the role value itself.
        const groups = new Map<string, FunctionModel[]>();
        for (const fn of service.functions) {
          if (fn.dangling || fn.role === null) continue; // a role that does not exist is no-conflicting-roles' business
          const key = fn.roleLogicalId !== null ? `id:${fn.roleLogicalId}` : `value:${stable(fn.role)}`;
          const list = groups.get(key);
          if (list) list.push(fn);
          else groups.set(key, [fn]);
        }
        for (const fns of groups.values()) {
          if (fns.length < 2) continue;
          const first = fns[0]!;
          const role = first.roleLogicalId !== null ? rolesById.get(first.roleLogicalId) : undefined;
          if (first.roleLogicalId !== null && allow.has(first.roleLogicalId)) continue;
          if (typeof first.role === 'string' && allow.has(first.role)) continue;
          const keys = fns.map((f) => f.key);
          const base = { count: keys.length, functions: nameList(keys) };
          const site = sharingSite(service.config, role, fns);
          const at: ReportTarget = site.at;
          let messageId: string;
          let data: Record<string, string | number>;
          if (site.kind === 'generated') {
            messageId = 'sharedGenerated';
            data = base;
          } else if (site.providerChosen) {
            messageId = 'sharedProviderRole';
            data = { ...base, role: role ? role.logicalId : roleText(first.role), setting: formatPath(site.providerChosen.choiceAt) };
          } else {
            messageId = 'sharedCustomRole';
            data = { ...base, role: role ? role.logicalId : roleText(first.role) };
          }
          const atText = role && at === role ? formatPath(role.declaredAt) : formatPath((at as { path: Path }).path);
          const related = fns
            .filter((f) => f.choice === 'function-role' && formatPath(f.choiceAt) !== atText)
            .slice(0, 10)
            .map((f) => ({ message: `function ${f.key} chooses this role here`, at: { path: f.choiceAt } }));
          context.report({ messageId, data, at, functions: keys, role, related });
        }
      },
    };
  },
};

export default rule;
