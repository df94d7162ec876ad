/**
 * The rule runner: one walk over a service's model, calling every enabled rule's listeners;
 * reports are located, collapsed across roles, fingerprinted and sorted.
 */
import { formatPath } from '../load/node.js';
import type { FunctionModel, RoleModel, ServiceModel } from '../synthesize/model.js';
import { assignFingerprints, relativeFile, serviceName } from './fingerprint.js';
import { isFunction, isStatementPart, Locator, provenanceOf, type Located } from './locate.js';
import { resolveRuleOptions } from './options.js';
import type {
  Finding,
  FindingSeverity,
  RelatedLocation,
  ReportDescriptor,
  ReportTarget,
  RuleContext,
  EnabledRule,
  RuleListeners,
  RuleSeverity,
} from './types.js';

export interface RunOptions {
  /** For fingerprints: the service file is named relative to it (default: the service file's folder). */
  projectRoot?: string;
}

/** `{{ name }}` placeholders filled from `data`; unknown names stay as written. */
export function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (whole, name: string) =>
    data && Object.hasOwn(data, name) ? String(data[name]) : whole,
  );
}

export function toFindingSeverity(s: 'warn' | 'error'): FindingSeverity {
  return s === 'error' ? 'error' : 'warning';
}

const RANK: Record<RuleSeverity, number> = { off: 0, warn: 1, error: 2 };

/** Order of the output: file, line, column, rule (then message and path, for determinism). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  );
}

/** True when a finding says iamlint itself failed (exit code 2). */
export function isInternalError(f: Finding): boolean {
  return f.ruleId === 'internal-error';
}

interface Pending {
  ruleId: string;
  messageId: string;
  message: string;
  severity: FindingSeverity;
  loc: Located;
  functions: string[];
  identity: string;
  related: RelatedLocation[];
  cap?: 'warn' | 'error';
}

interface Active {
  entry: EnabledRule;
  id: string;
  listeners: RuleListeners;
  reports: Pending[];
  crashed?: unknown;
}

/** A finding at the top of the service file, for failures not about a place in it. */
export function topOfFile(file: string): Pick<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** The `internal-error` finding for a rule that threw (or could not start). */
export function internalErrorFinding(file: string, ruleId: string, error: unknown, what = 'failed'): Finding {
  return {
    ruleId: 'internal-error',
    messageId: 'rule-error',
    severity: 'error',
    message: `Rule "${ruleId}" ${what}: ${errorText(error)}`,
    ...topOfFile(file),
    path: '',
    functions: [],
    fingerprint: '',
    related: [],
  };
}

/**
 * Run `rules` over one service. Every rule's `create` is called once, then a single walk calls
 * `service`, per role `role` + `statement` + `managedPolicy`, per function `function`, then
 * `service:exit`. A rule that throws yields one `internal-error` finding instead of its reports.
 */
export function runRules(
  model: ServiceModel,
  rules: ReadonlyArray<EnabledRule>,
  options: RunOptions = {},
): Finding[] {
  return runRulesDetailed(model, rules, options).findings;
}

export interface RunResult {
  findings: Finding[];
  /** Ids of rules that threw (or could not start): each has an `internal-error` finding. */
  crashed: string[];
}

/** `runRules`, also saying which rules crashed. */
export function runRulesDetailed(
  model: ServiceModel,
  rules: ReadonlyArray<EnabledRule>,
  options: RunOptions = {},
): RunResult {
  const crashed = new Set<string>();
  const internal: Finding[] = [];
  const active: Active[] = [];

  // Which roles own each statement / policy / trust principal / property object (in model order):
  // nearly always one, kept as is; a set only for objects several roles share.
  const owners = new WeakMap<object, RoleModel | Set<RoleModel>>();
  const own = (o: unknown, role: RoleModel) => {
    if (!o || typeof o !== 'object') return;
    const known = owners.get(o);
    if (known === undefined) owners.set(o, role);
    else if (known instanceof Set) known.add(role);
    else if (known !== role) owners.set(o, new Set([known, role]));
  };
  for (const role of model.roles) {
    for (const s of role.statements) own(s, role);
    for (const p of role.managedPolicies) own(p, role);
    for (const t of role.trust) own(t, role);
    own(role.roleName, role);
    own(role.path, role);
    own(role.permissionsBoundary, role);
    own(role.tags, role);
  }
  const rolesById = new Map<string, RoleModel>();
  const firstRoleOf = new Map<string, RoleModel>();
  for (const r of model.roles) {
    rolesById.set(r.logicalId, r);
    for (const key of r.functions) if (!firstRoleOf.has(key)) firstRoleOf.set(key, r);
  }
  const roleOfFunction = (fn: FunctionModel): RoleModel | undefined =>
    (fn.roleLogicalId !== null ? rolesById.get(fn.roleLogicalId) : undefined) ?? firstRoleOf.get(fn.key);

  let currentRole: RoleModel | undefined;

  const roleFor = (d: ReportDescriptor): RoleModel | undefined => {
    if (d.role) return d.role;
    const key = isStatementPart(d.at) ? d.at.statement : d.at;
    const known = owners.get(key as object);
    if (known === undefined) return currentRole;
    if (!(known instanceof Set)) return known;
    return currentRole && known.has(currentRole) ? currentRole : known.values().next().value;
  };

  // Per-run memos: one target reported for thousands of roles is located once, and a role's
  // function list is de-duplicated and sorted once, not once per report.
  const locator = new Locator(model);
  const sortedFunctions = new WeakMap<readonly string[], string[]>();
  const sortedUnique = (list: readonly string[]): string[] => {
    let out = sortedFunctions.get(list);
    if (!out) sortedFunctions.set(list, (out = [...new Set(list)].sort()));
    return out;
  };

  const makeReport = (a: Active, d: ReportDescriptor) => {
    const rule = a.entry.rule;
    if (!d || typeof d !== 'object') throw new TypeError('context.report() needs a descriptor object');
    const template = Object.hasOwn(rule.meta.messages, d.messageId) ? rule.meta.messages[d.messageId] : undefined;
    if (template === undefined) throw new Error(`context.report(): unknown messageId "${String(d.messageId)}"`);
    if (!d.at || typeof d.at !== 'object') throw new TypeError('context.report() needs `at`');
    const role = roleFor(d);
    const loc = locator.locate(d.at, role);
    const functions = d.functions ?? defaultFunctions(d.at, role);
    const related: RelatedLocation[] = [];
    for (const r of d.related ?? []) {
      const rl = locator.locate(r.at, role);
      related.push({
        message: r.message,
        file: rl.file,
        line: rl.line,
        column: rl.column,
        endLine: rl.endLine,
        endColumn: rl.endColumn,
        path: formatPath(rl.path),
        kind: 'note',
      });
    }
    related.push(...loc.related);
    a.reports.push({
      ruleId: rule.meta.id,
      messageId: d.messageId,
      message: interpolate(template, d.data),
      severity: 'error', // graded later
      loc,
      functions: d.functions ? [...new Set(functions)].sort() : [...sortedUnique(functions)],
      identity: identityOf(d.at, role, functions),
      related,
      cap: d.severity === 'warn' || d.severity === 'error' ? d.severity : undefined,
    });
  };

  for (const entry of rules) {
    const id = entry.rule?.meta?.id ?? '(unknown rule)';
    if (entry.severity === 'off' && !entry.severityFor) continue;
    let opts: Record<string, unknown>;
    try {
      opts = resolveRuleOptions(entry.rule, entry.options);
    } catch (e) {
      internal.push(internalErrorFinding(model.file, id, e, 'could not start'));
      crashed.add(id);
      continue;
    }
    const a: Active = { entry, id, listeners: {}, reports: [] };
    const context: RuleContext = Object.freeze({
      id,
      options: opts,
      service: model,
      report: (d: ReportDescriptor) => makeReport(a, d),
    });
    try {
      a.listeners = entry.rule.create(context) ?? {};
    } catch (e) {
      a.crashed = e;
    }
    active.push(a);
  }

  const call = <K extends keyof RuleListeners>(name: K, ...args: Parameters<NonNullable<RuleListeners[K]>>) => {
    for (const a of active) {
      if (a.crashed !== undefined) continue;
      const fn = a.listeners[name] as ((...xs: unknown[]) => void) | undefined;
      if (typeof fn !== 'function') continue;
      try {
        fn.apply(a.listeners, args);
      } catch (e) {
        a.crashed = e ?? new Error('threw a nullish value');
      }
    }
  };

  call('service', model);
  for (const role of model.roles) {
    currentRole = role;
    call('role', role);
    for (const s of role.statements) call('statement', s, role);
    for (const p of role.managedPolicies) call('managedPolicy', p, role);
  }
  for (const fn of model.functions) {
    const role = roleOfFunction(fn);
    currentRole = role;
    call('function', fn, role);
  }
  currentRole = undefined;
  call('service:exit', model);

  const pathTexts = new WeakMap<Located, string>();
  const pathText = (loc: Located): string => {
    let text = pathTexts.get(loc);
    if (text === undefined) pathTexts.set(loc, (text = formatPath(loc.path)));
    return text;
  };
  const findings: Finding[] = [...internal];
  const identities = new Map<Finding, Set<string>>();
  for (const a of active) {
    if (a.crashed !== undefined) {
      findings.push(internalErrorFinding(model.file, a.id, a.crashed));
      crashed.add(a.id);
      continue;
    }
    for (const r of a.reports) {
      const graded = grade(a.entry, r.functions);
      if (!graded) continue;
      if (r.cap === 'warn') graded.severity = 'warning';
      const f: Finding = {
        ruleId: r.ruleId,
        messageId: r.messageId,
        severity: graded.severity,
        message: r.message,
        file: r.loc.file,
        line: r.loc.line,
        column: r.loc.column,
        endLine: r.loc.endLine,
        endColumn: r.loc.endColumn,
        path: pathText(r.loc),
        functions: graded.functions,
        fingerprint: '',
        related: r.related,
      };
      identities.set(f, new Set([r.identity]));
      findings.push(f);
    }
  }

  const collapsed = collapse(findings, identities);
  collapsed.sort(compareFindings);
  const service = serviceName(model.service);
  const rel = relativeFile(model.file, options.projectRoot);
  assignFingerprints(collapsed, (f) =>
    f.ruleId === 'internal-error'
      ? ['internal-error', service, rel, f.message.replace(/\d+/g, '#')]
      : [f.ruleId, service, rel, f.path, f.messageId, identityKey(identities.get(f))],
  );
  return { findings: collapsed, crashed: [...crashed].sort() };
}

/**
 * One identity as is; a finding collapsed from several roles is identified by its place alone
 * (so a function joining the roles that share it does not make it a new finding).
 */
function identityKey(ids: Set<string> | undefined): string {
  if (!ids || ids.size !== 1) return '';
  return [...ids][0]!;
}

function defaultFunctions(at: ReportTarget, role: RoleModel | undefined): string[] {
  if (isFunction(at)) return [at.key];
  if (role) return role.functions;
  const p = provenanceOf(at);
  if (p && (p.kind === 'function' || p.kind === 'inherited')) return [p.function];
  if (p && p.kind === 'auto') return p.causes.flatMap((c) => (c.function !== undefined ? [c.function] : []));
  return [];
}

/**
 * What makes two reports at the same path distinct for the fingerprint: nothing for values
 * written once at provider level (they are the same wherever inherited), else the role or function.
 */
function identityOf(at: ReportTarget, role: RoleModel | undefined, functions: string[]): string {
  const p = provenanceOf(at);
  if (p && (p.kind === 'provider' || p.kind === 'inherited')) return '';
  if (isFunction(at)) return `fn:${at.key}`;
  if (role) return `role:${role.logicalId}`;
  if (functions.length) return `fn:${[...functions].sort().join(',')}`;
  return '';
}

function grade(entry: EnabledRule, functions: string[]): { severity: FindingSeverity; functions: string[] } | undefined {
  if (!entry.severityFor || functions.length === 0) {
    return entry.severity === 'off' ? undefined : { severity: toFindingSeverity(entry.severity), functions };
  }
  let max: RuleSeverity = 'off';
  const kept: string[] = [];
  for (const fn of functions) {
    const s = entry.severityFor(fn);
    if (s === 'off') continue;
    kept.push(fn);
    if (RANK[s] > RANK[max]) max = s;
  }
  if (max === 'off') return undefined;
  return { severity: toFindingSeverity(max), functions: kept };
}

function relatedKey(r: RelatedLocation): string {
  return JSON.stringify([r.message, r.file, r.line, r.column, r.path]);
}

/**
 * Findings equal in rule, severity, messageId, message, path and location (e.g. one inherited
 * statement reported for every function's role) become one, with the union of their functions
 * (sorted) and of their related locations. Linear in the number of findings: each key keeps a
 * set of its functions and related keys; merged function lists are sorted once at the end.
 */
export function collapse(findings: Finding[], identities?: Map<Finding, Set<string>>): Finding[] {
  interface Group {
    first: Finding;
    functions?: Set<string>;
    /** Keys of the related locations kept, and the objects already seen (located targets are memoized: most repeat). */
    related?: Set<string>;
    relatedSeen?: Set<RelatedLocation>;
  }
  const byKey = new Map<string, Group>();
  const merged: Group[] = [];
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.ruleId === 'internal-error') {
      out.push(f);
      continue;
    }
    // No field before the message can hold a raw NUL (ids, a file path, numbers, a JSON-quoted path).
    const key = `${f.ruleId}\u0000${f.severity}\u0000${f.messageId}\u0000${f.file}\u0000${f.line}:${f.column}:${f.endLine}:${f.endColumn}\u0000${JSON.stringify(f.path)}\u0000${f.message}`;
    const group = byKey.get(key);
    if (!group) {
      byKey.set(key, { first: f });
      out.push(f);
      continue;
    }
    const first = group.first;
    if (!group.functions) {
      group.functions = new Set(first.functions);
      group.related = new Set(first.related.map(relatedKey));
      group.relatedSeen = new Set(first.related);
      merged.push(group);
    }
    for (const fn of f.functions) group.functions.add(fn);
    for (const r of f.related) {
      if (group.relatedSeen!.has(r)) continue;
      group.relatedSeen!.add(r);
      const k = relatedKey(r);
      if (!group.related!.has(k)) {
        group.related!.add(k);
        first.related.push(r);
      }
    }
    if (identities) {
      let mine = identities.get(first);
      if (!mine) identities.set(first, (mine = new Set<string>()));
      for (const i of identities.get(f) ?? []) mine.add(i);
    }
  }
  for (const group of merged) group.first.functions = [...group.functions!].sort();
  return out;
}
