/**
 * Shared helpers of the IAM permission rules (no-wildcard-action, no-wildcard-resource,
 * valid-actions, valid-resources, no-privilege-escalation, no-unscoped-passrole,
 * no-unscoped-permissions-management, no-credentials-exposure, no-data-exfiltration).
 *
 * Not a rule: this module has no default export. Everything here is a pure function of the
 * model; the per-service caches live in a `PolicyContext` made in each rule's `create`.
 */
import type { ReportTarget } from '../../src/engine/types.js';
import {
  actionInfo,
  arnPatternText,
  canMatchResourceType,
  evaluateArn,
  expandActionPattern,
  hasWildcard,
  isEffectivelyWildcard,
  isStarOnly,
  parseActionName,
  resourceMatchKey,
  servicePrefixes,
  wildcardMatches,
  actionMatches,
  type ArnPattern,
  type ActionInfo,
} from '../../src/iam/index.js';
import { nodeAt, type Path, type Plain } from '../../src/load/node.js';
import type { AutoGrantKind, GrantCause, RoleModel, ServiceModel, StatementModel } from '../../src/synthesize/model.js';
import { isMap, listOf, plainEqual, stableKey } from './plain.js';
import { nameList } from './text.js';


// ---------------------------------------------------------------------------------------------
// Text for messages

/** A catalog ARN format for people: `arn:${Partition}:s3:::${BucketName}` → `arn:aws:s3:::<BucketName>`. */
export function formatForHumans(format: string): string {
  return format.replace(/\$\{Partition\}/g, 'aws').replace(/\$\{([^}]*)\}/g, '<$1>');
}

/** The ARN format people should scope an action to: its first required resource type, else its first one. */
export function primaryFormat(info: ActionInfo): string | undefined {
  const required = info.resourceTypes.filter((t) => t.required);
  const candidates = required.length > 0 ? required : info.resourceTypes;
  // The shortest format is the plain one (`bucket/key` rather than `accesspoint/…/object/key`).
  const type = [...candidates].sort((a, b) => a.arnFormat.length - b.arnFormat.length)[0];
  return type ? formatForHumans(type.arnFormat) : undefined;
}

const LEVEL_ORDER = ['Permissions management', 'Write', 'Read', 'List', 'Tagging'];

/** Words of action names that make an action stand out to a reviewer, most telling first. */
const TELLING_WORDS = [/Policy/, /Acl/, /Permission/, /Grant/, /^(Get|Put|Delete)(Object|Item|SecretValue|Parameter)/, /^Delete/];

/**
 * Actions in the order a reader cares about: Permissions management, then Write, Read, List,
 * Tagging; within a level, names that tell (`PutBucketPolicy`, `PutObjectAcl`, `GetObject`) first.
 */
export function byImportance(actions: readonly string[]): string[] {
  const rank = (a: string) => {
    const info = actionInfo(a);
    const level = info ? LEVEL_ORDER.indexOf(info.accessLevel) : -1;
    const name = info?.name ?? a.slice(a.indexOf(':') + 1);
    const word = TELLING_WORDS.findIndex((re) => re.test(name));
    return (level < 0 ? LEVEL_ORDER.length : level) * 100 + (word < 0 ? TELLING_WORDS.length : word);
  };
  return [...actions].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** `s3:GetObject` or `61 actions (s3:PutObject, s3:GetObject, … )`. */
export function actionsText(actions: readonly string[], max = 4): string {
  if (actions.length <= max) return nameList(actions, max);
  return `${actions.length} actions (${actions.slice(0, max).join(', ')}, …)`;
}

/**
 * `arn:aws:s3:::<BucketName>/<ObjectName> for s3:GetObject and s3:PutObject; arn:aws:s3:::<BucketName> for s3:ListBucket`:
 * the actions grouped by the ARN format they expect.
 */
export function formatsText(actions: readonly string[], maxGroups = 2, maxActions = 2): string {
  const groups = new Map<string, string[]>();
  for (const action of actions) {
    const info = actionInfo(action);
    const format = info ? primaryFormat(info) : undefined;
    if (!format) continue;
    const list = groups.get(format);
    if (list) list.push(info!.action);
    else groups.set(format, [info!.action]);
  }
  const entries = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
  const shown = entries.slice(0, maxGroups).map(([format, names]) => `${format} for ${nameList(names, maxActions)}`);
  const rest = entries.length - maxGroups;
  if (rest > 0) shown.push(`${rest} more resource type${rest === 1 ? '' : 's'}`);
  return shown.join('; ');
}

/** How a Resource value reads in a message: `*`, `arn:aws:s3:::*`, `arn:aws:sqs:<AWS::Region>:…`. */
export function resourceText(pattern: ArnPattern): string {
  return arnPatternText(pattern);
}

// ---------------------------------------------------------------------------------------------
// Statements: who wrote them and where their parts are

/** Auto-grants whose `Resource` holds values the user wrote in a setting (an event ARN, a key ARN…). */
const USER_VALUE_GRANTS = new Set<AutoGrantKind>([
  'sqs',
  'stream',
  'stream-consumer',
  'stream-on-failure',
  'on-error',
  'kms',
  'file-system',
  'destination',
  'mq',
  'kafka',
  'msk',
]);

/** Was the statement written by the user (in IAM settings or in `resources`), or changed by `resources`? */
export function isUserWritten(statement: StatementModel): boolean {
  const kind = statement.provenance.kind;
  if (kind === 'provider' || kind === 'function' || kind === 'inherited' || kind === 'resources') return true;
  return (statement.changedBy?.length ?? 0) > 0;
}

/** The path the statement is written at, for user-written statements. */
function writtenPath(statement: StatementModel): Path | undefined {
  const p = statement.provenance;
  return p.kind === 'provider' || p.kind === 'function' || p.kind === 'inherited' || p.kind === 'resources' ? p.path : undefined;
}

/**
 * The report target for item `index` of the statement's `key`. The engine reports an index into
 * a value written as a scalar (the model's coercion made it a one-item list) at the scalar.
 */
export function partTarget(service: ServiceModel, statement: StatementModel, key: string, index: number): ReportTarget {
  const changed = statement.changedBy?.[0];
  if (!writtenPath(statement) && changed) {
    // A Framework statement the user changed through `resources`: point at that change.
    return nodeAt(service.tree, [...changed, key]) ? { path: [...changed, key, index] } : { path: changed };
  }
  return { statement, key, index };
}

function get(root: Plain | undefined, path: Path): Plain | undefined {
  let cur: Plain | undefined = root;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isMap(cur) ? (Object.hasOwn(cur, seg) ? cur[seg] : undefined) : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The setting (or the key inside it) that holds `value`: `functions.w.events[0].sqs.arn` rather than `…sqs`. */
function settingPathOf(service: ServiceModel, cause: GrantCause, value: Plain): Path {
  const written = get(service.config, cause.setting);
  if (written === undefined || plainEqual(written, value)) return cause.setting;
  if (isMap(written)) {
    for (const key of Object.keys(written)) {
      const inner = written[key];
      if (plainEqual(inner, value)) return [...cause.setting, key];
      if (Array.isArray(inner)) {
        const i = inner.findIndex((item) => plainEqual(item, value));
        if (i >= 0) return [...cause.setting, key, i];
      }
    }
  }
  return cause.setting;
}

/** One value of a statement's `Resource` (or `NotResource`), and where a finding about it goes. */
export interface ResourceSite {
  value: Plain;
  index: number;
  at: ReportTarget;
  /** True for a value the user wrote in a setting that made the Framework add the statement. */
  fromSetting: boolean;
  /** The same place, for memoized findings. */
  target: PendingTarget;
}

/**
 * The statement's `Resource` values the user is answerable for: every value of a user-written
 * statement; for an auto-grant, only the values that come from the user's settings (reported at
 * that setting); none for the Framework's own fixed grants (X-Ray on `*`, logs, ENIs…).
 */
export function resourceSites(service: ServiceModel, statement: StatementModel, key: 'Resource' | 'NotResource' = 'Resource'): ResourceSite[] {
  const raw = statement.document[key];
  if (raw === undefined) return [];
  const values = listOf(raw);
  if (isUserWritten(statement)) {
    return values.map((value, index) => ({ value, index, at: partTarget(service, statement, key, index), fromSetting: false, target: { kind: 'site', key, index } }));
  }
  const p = statement.provenance;
  if (p.kind !== 'auto' || !USER_VALUE_GRANTS.has(p.grant) || p.causes.length === 0) return [];
  return values.map((value, index) => {
    const cause = p.causes.length === values.length ? p.causes[index]! : findCause(service, p.causes, value);
    return { value, index, at: { path: settingPathOf(service, cause, value) }, fromSetting: true, target: { kind: 'site', key, index } as PendingTarget };
  });
}

function findCause(service: ServiceModel, causes: readonly GrantCause[], value: Plain): GrantCause {
  for (const cause of causes) {
    const written = get(service.config, cause.setting);
    if (written === undefined) continue;
    if (stableKey(written).includes(stableKey(value))) return cause;
  }
  return causes[0]!;
}

/** One `Action` / `NotAction` value. */
export interface ActionItem {
  /** The text, or undefined for a value iamlint cannot see or that is not a string. */
  text: string | undefined;
  index: number;
}

export function actionItems(statement: StatementModel, key: 'Action' | 'NotAction'): ActionItem[] {
  return listOf(statement.document[key]).map((value, index) => ({ text: typeof value === 'string' ? value : undefined, index }));
}

export type ActionSpec =
  | { kind: 'action'; readonly patterns: readonly string[] }
  /** `NotAction`: every action except these; `opaque` when some value cannot be seen (it might exclude anything). */
  | { kind: 'notAction'; readonly patterns: readonly string[]; readonly opaque: boolean };

/** The statement's Action / NotAction (per statement object: several rules ask for it). Never mutated. */
export function actionSpec(statement: StatementModel): ActionSpec | undefined {
  if (actionSpecs.has(statement)) return actionSpecs.get(statement);
  const spec = computeActionSpec(statement);
  actionSpecs.set(statement, spec);
  return spec;
}

const actionSpecs = new WeakMap<StatementModel, ActionSpec | undefined>();

function computeActionSpec(statement: StatementModel): ActionSpec | undefined {
  const doc = statement.document;
  if (doc.Action !== undefined) {
    const patterns = actionItems(statement, 'Action').flatMap((item) => (item.text === undefined ? [] : [item.text]));
    return { kind: 'action', patterns };
  }
  if (doc.NotAction !== undefined) {
    const items = actionItems(statement, 'NotAction');
    return { kind: 'notAction', patterns: items.flatMap((item) => (item.text === undefined ? [] : [item.text])), opaque: items.some((i) => i.text === undefined) };
  }
  return undefined;
}

/** Does the statement's Action/NotAction cover the concrete action? (NotAction with an unseen value: no) */
export function specGrants(spec: ActionSpec, action: string): boolean {
  if (spec.kind === 'action') return spec.patterns.some((p) => actionMatches(p, action));
  return !spec.opaque && !spec.patterns.some((p) => actionMatches(p, action));
}

/** The first Action value that covers the action (for messages), or `NotAction`. */
export function grantingPattern(spec: ActionSpec, action: string): string {
  if (spec.kind === 'notAction') return 'NotAction';
  return spec.patterns.find((p) => actionMatches(p, action)) ?? action;
}

export function isAllow(statement: StatementModel): boolean {
  return statement.document.Effect === 'Allow';
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** Condition keys that never narrow which resources or callers a statement applies to. */
const NON_NARROWING_KEYS = new Set(['aws:requestedregion', 'aws:securetransport', 'aws:currenttime', 'aws:epochtime', 'aws:useragent']);

/** Operators whose match limits a key to the values listed (negated ones, `Null`, `…IfExists` do not). */
function isPositiveOperator(operator: string): boolean {
  const op = operator.replace(/^(ForAnyValue|ForAllValues):/, '');
  return /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/.test(op);
}

/**
 * Does the statement's `Condition` narrow it? Any condition key does, except the few that only
 * say when or how a call is made (region, TLS, time, user agent). A condition iamlint cannot see
 * counts as narrowing (never guess a finding from an unseen value).
 */
export function isNarrowedByCondition(statement: StatementModel): boolean {
  const condition = statement.document.Condition;
  if (condition === undefined || condition === null) return false;
  if (!isMap(condition)) return true;
  for (const operator of Object.keys(condition)) {
    const block = condition[operator];
    if (!isMap(block)) return true;
    for (const key of Object.keys(block)) if (!NON_NARROWING_KEYS.has(key.toLowerCase())) return true;
  }
  return false;
}

/**
 * The services a statement lets `iam:PassRole` pass roles to: undefined when it has no positive
 * `iam:PassedToService` condition (any service); the listed values otherwise (may hold wildcards).
 */
export function passedToServices(statement: StatementModel): string[] | undefined {
  const condition = statement.document.Condition;
  if (!isMap(condition)) return undefined;
  let found: string[] | undefined;
  for (const operator of Object.keys(condition)) {
    const block = condition[operator];
    if (!isMap(block) || !isPositiveOperator(operator)) continue;
    for (const key of Object.keys(block)) {
      if (key.toLowerCase() !== 'iam:passedtoservice') continue;
      const values = listOf(block[key]).map((v) => (typeof v === 'string' ? v : '\u0000unknown'));
      found = found ? found.filter((f) => values.some((v) => wildcardMatches(v, f) || wildcardMatches(f, v))) : values;
    }
  }
  return found;
}

/** Other narrowing keys than `iam:PassedToService`? */
export function isNarrowedBesidesPassedToService(statement: StatementModel): boolean {
  const condition = statement.document.Condition;
  if (condition === undefined || condition === null) return false;
  if (!isMap(condition)) return true;
  for (const operator of Object.keys(condition)) {
    const block = condition[operator];
    if (!isMap(block)) return true;
    for (const key of Object.keys(block)) {
      const k = key.toLowerCase();
      if (k === 'iam:passedtoservice' && isPositiveOperator(operator)) continue;
      if (!NON_NARROWING_KEYS.has(k)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Expanding action patterns without reading every service

/** Service prefixes matched by a wildcard service part, beyond which a pattern counts as "many services". */
const MAX_EXPANDED_SERVICES = 8;

export type Expansion = { all: true } | { all: false; readonly actions: readonly string[] };

/** Is the pattern `*`, `**`, `*:*`…: every action of every service? */
export function isAllActionsPattern(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern.trim());
}

/** The service prefixes a (wildcard) service part matches. */
export function servicesMatching(servicePattern: string): string[] {
  return servicePrefixes().filter((prefix) => wildcardMatches(servicePattern, prefix, { ignoreCase: true }));
}

// ---------------------------------------------------------------------------------------------
// Per-service context with caches

/**
 * A key equal for statements with the same document and author. A statement written once and
 * copied into many roles (provider statements inherited by per-function roles) is keyed by where
 * it is written — unless `resources` changed it in some role; anything else by its content.
 * Computed once per statement object: every rule keys every statement it analyses.
 */
export function statementKey(statement: StatementModel): string {
  let key = statementKeys.get(statement);
  if (key === undefined) statementKeys.set(statement, (key = computeStatementKey(statement)));
  return key;
}

const statementKeys = new WeakMap<StatementModel, string>();

function computeStatementKey(statement: StatementModel): string {
  const p = statement.provenance;
  const written = writtenPath(statement);
  if (written && !(statement.changedBy?.length)) return `path\u0000${written.join('\u0000')}`;
  const author = isUserWritten(statement) ? 'user' : p.kind === 'auto' ? `auto:${p.grant}` : p.kind;
  return `${author}\u0000${stableKey(statement.document)}`;
}

/**
 * Answers every rule's `PolicyContext` over one model shares: the rules ask the same questions
 * of the same values and actions. Keyed by the model's `resourceTypes` map, the one part of the
 * model `evaluateArn` reads; everything else here is a function of the text and the catalog.
 */
class ModelAnswers {
  /** By `stableKey` of the value; string values (nearly all) also by the string itself, which skips building the key. */
  readonly patterns = new Map<string, ArnPattern>();
  readonly patternsOfText = new Map<string, ArnPattern>();
  readonly expansions = new Map<string, Expansion>();
  /** Per pattern (one object per distinct value), per `formatKey` / `matchKey`. */
  readonly wildcardAnswers = new WeakMap<ArnPattern, Map<string, boolean>>();
  readonly matchAnswers = new WeakMap<ArnPattern, Map<string, boolean>>();
  /** Per action: its resource types' ARN formats (actions with the same formats get the same wildcard answers). */
  private readonly formatKeys = new Map<string, string>();
  /** Per action: `resourceMatchKey`. */
  private readonly matchKeys = new Map<string, string>();

  formatKey(action: string): string {
    let key = this.formatKeys.get(action);
    if (key === undefined) {
      const info = actionInfo(action);
      key = info && info.resourceTypes.length > 0 ? info.resourceTypes.map((t) => t.arnFormat).join('|') : `service:${action.split(':')[0]!.toLowerCase()}`;
      this.formatKeys.set(action, key);
    }
    return key;
  }

  matchKey(action: string): string {
    let key = this.matchKeys.get(action);
    if (key === undefined) this.matchKeys.set(action, (key = resourceMatchKey(action)));
    return key;
  }
}

const modelAnswers = new WeakMap<Record<string, string>, ModelAnswers>();

function modelAnswersFor(resourceTypes: Record<string, string>): ModelAnswers {
  let answers = modelAnswers.get(resourceTypes);
  if (!answers) modelAnswers.set(resourceTypes, (answers = new ModelAnswers()));
  return answers;
}

/** Caches for one rule run over one service (rules are created per service). */
export class PolicyContext {
  private readonly answers: ModelAnswers;
  private readonly memos = new Map<string, unknown>();
  /** Per list of actions a rule asks about, per `Action` value: the actions of the list it matches. */
  private readonly matched = new WeakMap<readonly string[], Map<string, readonly string[]>>();

  constructor(readonly service: ServiceModel) {
    this.answers = modelAnswersFor(service.resourceTypes);
  }

  /**
   * A rule's analysis of a statement, computed once per distinct statement: an inherited
   * statement copied into 5,000 per-function roles is analysed once. The result must depend on
   * the document and on who wrote it only (never hold report targets).
   */
  memo<T>(statement: StatementModel, compute: () => T): T {
    const key = statementKey(statement);
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /**
   * The actions of `actions` (concrete names) the statement's Action / NotAction covers, in
   * order: `specGrants` of each. Pass the same list object every time: answers are kept per list.
   */
  granted(spec: ActionSpec, actions: readonly string[]): string[] {
    if (spec.kind === 'notAction' && spec.opaque) return [];
    let byPattern = this.matched.get(actions);
    if (!byPattern) this.matched.set(actions, (byPattern = new Map()));
    const covered = new Set<string>();
    for (const pattern of spec.patterns) {
      let matching = byPattern.get(pattern);
      if (!matching) byPattern.set(pattern, (matching = actions.filter((action) => actionMatches(pattern, action))));
      for (const action of matching) covered.add(action);
    }
    return actions.filter((action) => covered.has(action) === (spec.kind === 'action'));
  }

  /** The ArnPattern of one Resource value. */
  arn(value: Plain): ArnPattern {
    if (typeof value !== 'string') return this.arnByKey(value);
    let pattern = this.answers.patternsOfText.get(value);
    if (!pattern) this.answers.patternsOfText.set(value, (pattern = this.arnByKey(value)));
    return pattern;
  }

  private arnByKey(value: Plain): ArnPattern {
    const key = stableKey(value);
    let pattern = this.answers.patterns.get(key);
    if (!pattern) this.answers.patterns.set(key, (pattern = evaluateArn(value, { resourceTypes: this.service.resourceTypes })));
    return pattern;
  }

  /**
   * The concrete actions a pattern covers; `all` for `*` and for service wildcards that span
   * many services (reading every service's data is never worth it on this path).
   */
  expand(pattern: string): Expansion {
    const key = pattern.toLowerCase();
    let out = this.answers.expansions.get(key);
    if (out) return out;
    out = computeExpansion(pattern);
    this.answers.expansions.set(key, out);
    return out;
  }

  /** Is the Resource value `*` in all but name for this concrete action? (unknown values never are) */
  isWildcardFor(value: Plain, action: string): boolean {
    const pattern = this.arn(value);
    if (isStarOnly(pattern)) return true;
    // Without a wildcard a value names one resource (an unseen piece is one value, never `*`).
    if (!pattern.parts.some((part) => part.kind === 'wildcard')) return false;
    // Same ARN formats → same answer: key on the formats, not on the action.
    const key = this.answers.formatKey(action);
    let answers = this.answers.wildcardAnswers.get(pattern);
    if (!answers) this.answers.wildcardAnswers.set(pattern, (answers = new Map()));
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = isEffectivelyWildcard(pattern, action)));
    return answer;
  }

  /** Could the Resource value name a resource the action (or action pattern) acts on? */
  canMatch(value: Plain, action: string): boolean {
    const pattern = this.arn(value);
    // Same ARN formats → same answer: key on the formats, not on the action.
    const key = this.answers.matchKey(action);
    let answers = this.answers.matchAnswers.get(pattern);
    if (!answers) this.answers.matchAnswers.set(pattern, (answers = new Map()));
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = canMatchResourceType(pattern, action)));
    return answer;
  }
}

function computeExpansion(pattern: string): Expansion {
  if (isAllActionsPattern(pattern)) return { all: true };
  const parsed = parseActionName(pattern);
  if (!parsed) return hasWildcard(pattern) ? { all: true } : { all: false, actions: [] };
  if (!hasWildcard(parsed.service)) return { all: false, actions: expandActionPattern(pattern) };
  const services = servicesMatching(parsed.service);
  if (services.length > MAX_EXPANDED_SERVICES) return { all: true };
  return { all: false, actions: services.flatMap((prefix) => expandActionPattern(`${prefix}:${parsed.action}`)) };
}

/** Roles worth judging: those some function runs with. */
export function isUsedRole(role: RoleModel): boolean {
  return role.functions.length > 0;
}

/** Of a list of sensitive actions, those a statement allows unconstrained, per `Resource` value that is `*` for them. */
export interface BroadGrant {
  site: ResourceSite;
  pattern: ArnPattern;
  /** Actions that could be scoped to resources (canonical spelling, sorted). */
  scopable: string[];
  /** Actions that only accept `*` (canonical spelling, sorted). */
  wildcardOnly: string[];
  /** How the statement names them: the Action value, or `NotAction`. */
  via: string[];
}

export function broadGrants(ctx: PolicyContext, statement: StatementModel, actions: readonly string[]): BroadGrant[] {
  if (!isAllow(statement) || isNarrowedByCondition(statement)) return [];
  const spec = actionSpec(statement);
  if (!spec) return [];
  const granted = ctx.granted(spec, actions);
  if (granted.length === 0) return [];
  const out: BroadGrant[] = [];
  for (const site of resourceSites(ctx.service, statement)) {
    const broad = granted.filter((a) => ctx.isWildcardFor(site.value, a));
    if (broad.length === 0) continue;
    const canonical = (a: string) => actionInfo(a)?.action ?? a;
    const isOnly = (a: string) => actionInfo(a)?.wildcardOnly ?? false;
    out.push({
      site,
      pattern: ctx.arn(site.value),
      scopable: broad.filter((a) => !isOnly(a)).map(canonical).sort(),
      wildcardOnly: broad.filter(isOnly).map(canonical).sort(),
      via: [...new Set(broad.map((a) => grantingPattern(spec, a)))],
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Findings computed once per distinct statement, reported per role

/** Where a memoized finding goes, relative to its statement. */
export type PendingTarget =
  /** `Resource` / `NotResource` value `index`, located as `resourceSites` says (auto-grants: at the user's setting). */
  | { kind: 'site'; key: 'Resource' | 'NotResource'; index: number }
  /** Value `index` of a written key (e.g. `Action[1]`). */
  | { kind: 'part'; key: string; index: number }
  /** The key as a whole (e.g. `NotAction`). */
  | { kind: 'key'; key: string }
  | { kind: 'statement' };

export interface PendingFinding {
  messageId: string;
  data: Record<string, string | number>;
  target: PendingTarget;
}

/** The report target of a memoized finding for this statement. */
export function pendingTarget(service: ServiceModel, statement: StatementModel, target: PendingTarget): ReportTarget {
  switch (target.kind) {
    case 'site':
      if (isUserWritten(statement)) return partTarget(service, statement, target.key, target.index);
      return resourceSites(service, statement, target.key)[target.index]?.at ?? statement;
    case 'part':
      return partTarget(service, statement, target.key, target.index);
    case 'key': {
      const changed = statement.changedBy?.[0];
      if (!writtenPath(statement) && changed) return { path: nodeAt(service.tree, [...changed, target.key]) ? [...changed, target.key] : changed };
      return { statement, key: target.key };
    }
    case 'statement':
      return statement;
  }
}

/**
 * The usual `statement` listener of a per-statement rule: skip roles no function uses, analyse
 * each distinct statement once, report its findings for every role that carries it (the engine
 * collapses them into one finding naming every function).
 */
export function statementListener(
  context: { service: ServiceModel; report(d: { messageId: string; data?: Record<string, string | number>; at: ReportTarget }): void },
  ctx: PolicyContext,
  analyse: (statement: StatementModel) => PendingFinding[],
): (statement: StatementModel, role: RoleModel) => void {
  return (statement, role) => {
    if (!isUsedRole(role)) return;
    const findings = ctx.memo(statement, () => analyse(statement));
    for (const f of findings) context.report({ messageId: f.messageId, data: f.data, at: pendingTarget(context.service, statement, f.target) });
  };
}
