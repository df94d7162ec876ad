import type { Rule } from '../src/engine/types.js';
import { accessLevelOf, type AccessLevel } from '../src/iam/catalog.js';
import { Unknown, formatPath, type Path } from '../src/load/node.js';
import type { ServiceModel, StatementModel } from '../src/synthesize/model.js';
import { functionConfigs, providerConfig } from './lib/config.js';
import { isTraced } from './lib/framework.js';
import { has, isMap, listOf, truthy, type PlainMap as Obj } from './lib/plain.js';
import { nameList } from './lib/text.js';

interface Options {
  /** Access levels that count as "write access". */
  accessLevels: AccessLevel[];
  /** Report statements whose actions contain `*` or `?`, or that use `NotAction`. */
  wildcardActions: boolean;
  /** Report statements on `Resource: "*"` or with `NotResource` (only together with a write or wildcard action). */
  wildcardResources: boolean;
}

/**
 * What a traced function sends to X-Ray (the actions of AWSXRayDaemonWriteAccess; they only
 * accept `Resource: "*"`). A statement of nothing else is what every traced function needs.
 */
const XRAY_TELEMETRY = new Set([
  'xray:puttracesegments',
  'xray:puttelemetryrecords',
  'xray:getsamplingrules',
  'xray:getsamplingtargets',
  'xray:getsamplingstatisticsummaries',
]);

function isTelemetryOnly(doc: Obj): boolean {
  const actions = listOf(doc.Action);
  return doc.NotAction === undefined && actions.length > 0 && actions.every((a) => typeof a === 'string' && XRAY_TELEMETRY.has(a.toLowerCase()));
}

/**
 * Fallback when the AWS catalog does not know an action (a new or misspelt one): judge by
 * the verb it starts with. Only verbs that change state count; `Get`/`List`/`Describe` do not.
 */
const WRITE_VERBS =
  /^(Put|Delete|Create|Update|Modify|Attach|Detach|Set|Add|Remove|Write|Send|Publish|Invoke|Start|Stop|Terminate|Run|Reboot|Replace|Restore|Reset|Enable|Disable|Associate|Disassociate|Change|Import|Copy|Upload|Pass|Revoke|Authorize|Cancel|Execute|Register|Deregister|Grant|Rotate|Purge|Tag|Untag|Batch(Write|Delete|Put|Update))/;

function isWriteAction(action: string, levels: ReadonlySet<string>): boolean {
  const level = accessLevelOf(action);
  if (level !== undefined) return levels.has(level);
  const colon = action.indexOf(':');
  if (colon < 0) return false;
  const verbMatch = WRITE_VERBS.exec(action.slice(colon + 1));
  if (!verbMatch) return false;
  // Map the heuristic onto the configured levels: tagging verbs are `Tagging`, the rest `Write`.
  const heuristicLevel = /^(Tag|Untag)/.test(verbMatch[0]) ? 'Tagging' : 'Write';
  return levels.has(heuristicLevel);
}

/** Why a statement is broad, or undefined when it is not. */
function broadness(doc: Obj, options: Options, levels: ReadonlySet<string>): string | undefined {
  if (doc.Effect !== 'Allow') return undefined;
  const reasons: string[] = [];
  let wildcardAction = false;
  if (doc.NotAction !== undefined) {
    if (options.wildcardActions) reasons.push('it uses NotAction');
    wildcardAction = true;
  }
  const writes: string[] = [];
  for (const a of listOf(doc.Action)) {
    if (typeof a !== 'string') continue; // an Unknown is never treated as `*`
    if (a.includes('*') || a.includes('?')) {
      wildcardAction = true;
      if (options.wildcardActions) reasons.push(`wildcard action ${a}`);
    } else if (isWriteAction(a, levels)) {
      writes.push(a);
    }
  }
  if (writes.length > 0) reasons.push(`write access: ${writes.slice(0, 4).join(', ')}${writes.length > 4 ? ', …' : ''}`);
  if (!(options.wildcardActions && wildcardAction) && writes.length === 0) return undefined;
  if (options.wildcardResources) {
    if (doc.NotResource !== undefined) reasons.push('it uses NotResource');
    else if (listOf(doc.Resource).some((r) => r === '*')) reasons.push('on every resource (*)');
  }
  return reasons.join('; ');
}

function summary(doc: Obj): string {
  const actions = listOf(doc.Action ?? doc.NotAction).map((a) => (typeof a === 'string' || a instanceof Unknown ? String(a) : JSON.stringify(a)));
  return actions.length > 3 ? `${actions.slice(0, 3).join(', ')}, …` : actions.join(', ');
}

const rule: Rule<Options> = {
  meta: {
    id: 'no-broad-inheritance',
    type: 'suggestion',
    description:
      'Report broad provider statements (wildcards, write access) that inheritance copies into the roles of functions that did not ask for them.',
    docs: 'https://github.com/iamlint/iamlint/blob/main/docs/rules/no-broad-inheritance.md',
    messages: {
      broad:
        'Provider statement ({{actions}}) is broad — {{reason}} — and is copied into the roles of {{count}} function(s) that did not ask for it: {{functions}}. {{why}}; move this one to the functions that need it (`{{statementsKey}}`), or set `{{inheritKey}}: false` on the others.',
    },
    schema: {
      type: 'object',
      properties: {
        accessLevels: {
          type: 'array',
          items: { enum: ['Read', 'Write', 'List', 'Tagging', 'Permissions management'] },
          default: ['Write', 'Permissions management'],
          description: 'AWS access levels that count as write access.',
        },
        wildcardActions: { type: 'boolean', default: true, description: 'Report actions with `*`/`?` and `NotAction`.' },
        wildcardResources: {
          type: 'boolean',
          default: true,
          description: 'Mention `Resource: "*"` / `NotResource` as a reason (never a reason on its own).',
        },
      },
      additionalProperties: false,
    },
    presets: { recommended: 'off', strict: 'error' },
    security: {
      securitySeverity: 5.5,
      precision: 'medium',
      tags: ['security', 'iam', 'least-privilege', 'inheritance', 'per-function-roles', 'wildcards'],
    },
  },
  create(context) {
    const options: Options = {
      accessLevels: context.options.accessLevels ?? ['Write', 'Permissions management'],
      wildcardActions: context.options.wildcardActions ?? true,
      wildcardResources: context.options.wildcardResources ?? true,
    };
    const levels = new Set<string>(options.accessLevels);
    return {
      'service:exit'(service: ServiceModel) {
        const configOf = functionConfigs(service);
        const provider = providerConfig(service);
        const asked = (key: string): boolean => {
          const cfg = configOf(key);
          if (!cfg) return false;
          return (isMap(cfg.iam) && cfg.iam.inheritStatements === true) || cfg.iamRoleStatementsInherit === true;
        };
        const custom = isMap(service.config.custom) ? service.config.custom['serverless-iam-roles-per-function'] : undefined;
        const external = service.externalPerFunctionPlugin;
        const why = has(custom, 'defaultInherit') && truthy((custom as Obj).defaultInherit)
          ? '`custom.serverless-iam-roles-per-function.defaultInherit` makes every function role inherit the provider statements'
          : 'In perFunction mode every function role inherits the provider statements by default';
        const statementsKey = external ? 'iamRoleStatements' : 'iam.role.statements';
        const inheritKey = external ? 'iamRoleStatementsInherit' : 'iam.inheritStatements';
        const found = new Map<string, { statement: StatementModel; path: Path; reason: string; functions: Set<string> }>();
        const verdicts = new Map<string, string | undefined>();
        for (const role of service.roles) {
          for (const s of role.statements) {
            const p = s.provenance;
            if (p.kind !== 'inherited' || asked(p.function)) continue;
            // X-Ray telemetry is what a traced function needs (the external plugin does not grant it by itself).
            if (isTelemetryOnly(s.document) && isTraced(provider, configOf(p.function))) continue;
            const key = formatPath(p.path);
            if (!verdicts.has(key)) verdicts.set(key, broadness(s.document, options, levels));
            const reason = verdicts.get(key);
            if (reason === undefined) continue;
            const entry = found.get(key) ?? { statement: s, path: p.path, reason, functions: new Set<string>() };
            entry.functions.add(p.function);
            found.set(key, entry);
          }
        }
        for (const entry of found.values()) {
          const fns = [...entry.functions].sort();
          context.report({
            messageId: 'broad',
            data: { actions: summary(entry.statement.document), reason: entry.reason, count: fns.length, functions: nameList(fns), why, statementsKey, inheritKey },
            at: { path: entry.path },
            functions: fns,
          });
        }
      },
    };
  },
};

export default rule;
