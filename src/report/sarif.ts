/**
 * The SARIF 2.1.0 reporter, shaped for GitHub code scanning: one run; the enabled rules with
 * help from their doc pages, security severity, precision and tags; results located relative to
 * the repository root (`%SRCROOT%`), with provenance as related locations and iamlint's stable
 * fingerprint; parse and internal errors as tool notifications. Findings hidden by inline
 * directives never reach a reporter, so they are left out.
 *
 * GitHub's limits (25,000 results per run, 10 MB of gzip-compressed SARIF) are enforced here:
 * past them the least severe results are left out and a notification says so.
 */
import { gzipSync } from 'node:zlib';
import type { Location, Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { packageVersion } from '../config/package.js';
import type { Finding, Rule, RuleSeverity } from '../engine/types.js';
import { groupByFile } from './group.js';
import { SRCROOT, artifactUri, findRepoRoot, folderUri } from './sarif-paths.js';
import {
  INFORMATION_URI,
  NOTIFICATION_IDS,
  engineDescriptor,
  notificationDescriptor,
  ruleDescriptor,
  sarifLevel,
  type SarifLevel,
} from './sarif-rules.js';
import type { LintResult } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const FINGERPRINT_KEY = 'iamlintFingerprint/v1';
/** GitHub code scanning: results per run. */
export const GITHUB_MAX_RESULTS = 25_000;
/** GitHub code scanning: size of the uploaded file, gzip-compressed. */
export const GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024;
/** GitHub code scanning: locations per result (related locations included). */
const MAX_RELATED = 1000;

/** What the SARIF reporter needs of a resolved config: the rule settings. */
export interface RuleConfigLike {
  rules: Readonly<Record<string, { severity: RuleSeverity }>>;
  functionOverrides?: ReadonlyArray<{ rules: Readonly<Record<string, { severity: RuleSeverity }>> }>;
}

const RANK: Record<RuleSeverity, number> = { off: 0, warn: 1, error: 2 };

/** Every rule that is on for some file (or some function of it), with its highest severity. */
export function enabledRuleSeverities(configs: Iterable<RuleConfigLike>): Map<string, RuleSeverity> {
  const out = new Map<string, RuleSeverity>();
  const add = (id: string, severity: RuleSeverity) => {
    if (severity === 'off') return;
    const was = out.get(id);
    if (!was || RANK[severity] > RANK[was]) out.set(id, severity);
  };
  for (const c of configs) {
    for (const [id, s] of Object.entries(c.rules)) add(id, s.severity);
    for (const o of c.functionOverrides ?? []) for (const [id, s] of Object.entries(o.rules)) add(id, s.severity);
  }
  return out;
}

export interface SarifOptions {
  /** Folder the repository root is searched from (default `process.cwd()`). */
  cwd?: string;
  /** The repository root; default: the closest folder at or above `cwd` with a `.git` entry, else `cwd`. */
  repoRoot?: string;
  /** Rule objects by id (`rules/index.ts`): descriptors for the enabled rules. */
  registry?: Readonly<Record<string, Rule>>;
  /** Rule id → configured severity of every enabled rule (see `enabledRuleSeverities`). */
  enabledRules?: ReadonlyMap<string, RuleSeverity> | Readonly<Record<string, RuleSeverity>>;
  /** Default: the iamlint package version. */
  toolVersion?: string;
  /** Folder of the rule doc pages (default: the iamlint package's `docs/rules`). */
  docsDir?: string;
  /** Default 25,000 (GitHub). */
  maxResults?: number;
  /** Default 10 MB (GitHub). */
  maxGzipBytes?: number;
}

interface Ranked {
  result: Result;
  order: number;
  level: SarifLevel;
  securitySeverity: number;
}

const LEVEL_RANK: Record<SarifLevel, number> = { error: 0, warning: 1, note: 2 };

function region(f: { line: number; column: number; endLine: number; endColumn: number }) {
  const startLine = Math.max(1, Math.trunc(f.line) || 1);
  const startColumn = Math.max(1, Math.trunc(f.column) || 1);
  let endLine = Math.max(startLine, Math.trunc(f.endLine) || startLine);
  let endColumn = Math.max(1, Math.trunc(f.endColumn) || 1);
  if (endLine === startLine && endColumn < startColumn) endColumn = startColumn;
  if (!Number.isFinite(endLine)) endLine = startLine;
  return { startLine, startColumn, endLine, endColumn };
}

function physicalLocation(file: string, span: Parameters<typeof region>[0], root: string): Location['physicalLocation'] {
  return { artifactLocation: artifactUri(file, root), region: region(span) };
}

function resultMessage(f: Finding): string {
  if (!f.functions.length) return f.message;
  const label = f.functions.length === 1 ? 'Function' : 'Functions';
  return `${f.message}\n\n${label}: ${f.functions.join(', ')}.`;
}

function severityNumber(d: ReportingDescriptor | undefined): number {
  const v = Number((d?.properties as Record<string, unknown> | undefined)?.['security-severity']);
  return Number.isFinite(v) ? v : 0;
}

interface Built {
  log: Log;
  ranked: Ranked[];
  notifications: Notification[];
  run: Run;
}

function build(results: readonly LintResult[], options: SarifOptions): Built {
  const cwd = options.cwd ?? process.cwd();
  const root = options.repoRoot ?? findRepoRoot(cwd);
  const registry = options.registry ?? {};
  const version = options.toolVersion ?? packageVersion();
  const enabled = new Map<string, RuleSeverity>(
    options.enabledRules instanceof Map ? options.enabledRules : Object.entries(options.enabledRules ?? {}),
  );

  const findings: Finding[] = [];
  const notes: Finding[] = [];
  for (const g of groupByFile(results)) {
    for (const f of g.findings) (NOTIFICATION_IDS.has(f.ruleId) ? notes : findings).push(f);
  }

  // Descriptors: every enabled rule, plus any other id a result is reported under; sorted by id.
  const ids = new Set<string>();
  for (const [id, s] of enabled) if (s !== 'off') ids.add(id);
  for (const f of findings) ids.add(f.ruleId);
  const rules: ReportingDescriptor[] = [...ids]
    .sort()
    .map((id) => {
      const rule = Object.hasOwn(registry, id) ? registry[id] : undefined;
      if (rule) {
        const configured = enabled.get(id);
        const seen = findings.find((f) => f.ruleId === id)?.severity;
        const severity: RuleSeverity = configured && configured !== 'off' ? configured : seen === 'error' ? 'error' : 'warn';
        return ruleDescriptor(rule, severity, { docsDir: options.docsDir });
      }
      return engineDescriptor(id);
    });
  const index = new Map(rules.map((r, i) => [r.id, i]));

  const ranked: Ranked[] = findings.map((f, order) => {
    const ruleIndex = index.get(f.ruleId)!;
    const level = sarifLevel(f.severity);
    const result: Result = {
      ruleId: f.ruleId,
      ruleIndex,
      level,
      message: { text: resultMessage(f) },
      locations: [{ physicalLocation: physicalLocation(f.file, f, root) }],
    };
    if (f.path) result.locations![0]!.logicalLocations = [{ fullyQualifiedName: f.path }];
    const related = f.related.slice(0, MAX_RELATED);
    if (related.length) {
      result.relatedLocations = related.map((r, i) => {
        const loc: Location = { id: i + 1, message: { text: r.message } };
        if (r.file) loc.physicalLocation = physicalLocation(r.file, r, root);
        if (r.path) loc.logicalLocations = [{ fullyQualifiedName: r.path }];
        if (r.kind) loc.properties = { kind: r.kind };
        return loc;
      });
    }
    result.partialFingerprints = { [FINGERPRINT_KEY]: f.fingerprint };
    const properties: Record<string, unknown> = { messageId: f.messageId };
    if (f.functions.length) properties.functions = [...f.functions];
    result.properties = properties;
    return { result, order, level, securitySeverity: severityNumber(rules[ruleIndex]) };
  });

  const notifications: Notification[] = notes.map((f) => {
    const n: Notification = {
      level: sarifLevel(f.severity),
      message: { text: `${f.message} [${f.ruleId}]` },
      descriptor: { id: f.ruleId },
    };
    if (f.file) n.locations = [{ physicalLocation: physicalLocation(f.file, f, root) }];
    return n;
  });

  const run: Run = {
    tool: {
      driver: {
        name: 'iamlint',
        version,
        semanticVersion: version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    originalUriBaseIds: {
      [SRCROOT]: { uri: folderUri(root), description: { text: 'The repository root: the closest folder holding .git at or above the working folder (else the working folder).' } },
    },
    invocations: [
      {
        executionSuccessful: !notes.some((f) => f.ruleId === 'internal-error'),
        toolExecutionNotifications: notifications,
      },
    ],
    results: [],
    columnKind: 'utf16CodeUnits',
  };
  const log: Log = { version: '2.1.0', $schema: SARIF_SCHEMA_URI, runs: [run] };
  return { log, ranked, notifications, run };
}

/** Give notifications their descriptors (in `tool.driver.notifications`, sorted by id). */
function attachNotificationDescriptors(run: Run, notifications: Notification[]): void {
  const ids = [...new Set(notifications.map((n) => n.descriptor!.id!))].sort();
  if (!ids.length) {
    delete run.tool.driver.notifications;
    return;
  }
  run.tool.driver.notifications = ids.map(notificationDescriptor);
  const at = new Map(ids.map((id, i) => [id, i]));
  for (const n of notifications) n.descriptor = { id: n.descriptor!.id!, index: at.get(n.descriptor!.id!)! };
}

function keep(ranked: Ranked[], count: number): Result[] {
  if (count >= ranked.length) return ranked.map((r) => r.result);
  const chosen = [...ranked]
    .sort(
      (a, b) =>
        LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.securitySeverity - a.securitySeverity || a.order - b.order,
    )
    .slice(0, count)
    .sort((a, b) => a.order - b.order);
  return chosen.map((r) => r.result);
}

function truncationNotice(total: number, kept: number, why: string): Notification {
  return {
    level: 'warning',
    message: {
      text: `${total - kept} of ${total} results were left out (${why}); the ${kept} most severe are kept. Run iamlint with --format json or text for all of them.`,
    },
    descriptor: { id: 'results-truncated' },
  };
}

function serialize(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

function gzipSize(text: string): number {
  return gzipSync(Buffer.from(text, 'utf8')).length;
}

/** The SARIF log as an object, within GitHub's limits (the same content as `formatSarif`). */
export function toSarif(results: readonly LintResult[], options: SarifOptions = {}): Log {
  return JSON.parse(formatSarif(results, options)) as Log;
}

/** The SARIF file's text, within GitHub's limits (results per run and gzip-compressed size). */
export function formatSarif(results: readonly LintResult[], options: SarifOptions = {}): string {
  const { log, ranked, notifications, run } = build(results, options);
  const maxResults = Math.max(0, options.maxResults ?? GITHUB_MAX_RESULTS);
  const maxBytes = Math.max(0, options.maxGzipBytes ?? GITHUB_MAX_GZIP_BYTES);

  const render = (count: number, why?: string): string => {
    const all = [...notifications];
    if (count < ranked.length) all.push(truncationNotice(ranked.length, count, why ?? ''));
    attachNotificationDescriptors(run, all);
    run.invocations![0]!.toolExecutionNotifications = all;
    run.results = keep(ranked, count);
    return serialize(log);
  };
  const fits = (text: string) => Buffer.byteLength(text, 'utf8') <= maxBytes || gzipSize(text) <= maxBytes;

  const countWhy = `GitHub accepts at most ${maxResults} results per run`;
  let count = Math.min(ranked.length, maxResults);
  let text = render(count, countWhy);
  if (fits(text)) return text;

  // Too large: the most results that fit, by bisection (each step one serialization and gzip).
  const sizeWhy = `GitHub accepts at most ${(maxBytes / (1024 * 1024)).toFixed(maxBytes % (1024 * 1024) ? 2 : 0)} MB of gzip-compressed SARIF`;
  let lo = 0;
  let hi = count - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(render(mid, sizeWhy))) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  count = Math.max(0, best);
  text = render(count, sizeWhy);
  return text;
}
