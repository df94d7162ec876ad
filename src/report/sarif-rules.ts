/**
 * SARIF `reportingDescriptor`s: one per rule (from its meta and its doc page, read from the
 * iamlint package folder, never from the repository being linted) and one per finding id the
 * engine makes itself (src/engine/README.md), plus the notification descriptors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportingDescriptor } from 'sarif';
import { packageRoot } from '../config/package.js';
import type { FindingSeverity, Rule, RuleSeverity } from '../engine/types.js';

export const INFORMATION_URI = 'https://github.com/iamlint/iamlint';
const ENGINE_HELP_URI = `${INFORMATION_URI}/blob/main/src/engine/README.md#finding-ids-the-engine-makes-itself`;

/** GitHub shows at most 10 tags of a rule. */
export const MAX_TAGS = 10;
/** GitHub shows at most 1,000 characters of `fullDescription`. */
const MAX_FULL_DESCRIPTION = 1000;

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: FindingSeverity | RuleSeverity): SarifLevel {
  if (severity === 'error') return 'error';
  if (severity === 'warning' || severity === 'warn') return 'warning';
  return 'note';
}

/** `no-admin-policies` → `NoAdminPolicies`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** GitHub's format: a string, a number with one decimal from 0.1 to 10.0. */
export function securitySeverityText(value: number): string {
  const n = Number.isFinite(value) ? value : 0.1;
  return Math.min(10, Math.max(0.1, n)).toFixed(1);
}

/** `security` first, CWE tags as GitHub and CodeQL write them (`external/cwe/cwe-732`), unique, at most 10. */
export function sarifTags(tags: readonly string[], security = true): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    const trimmed = t.trim();
    if (!trimmed) return;
    const cwe = /^cwe-?(\d+)$/i.exec(trimmed);
    const tag = cwe ? `external/cwe/cwe-${cwe[1]}` : trimmed;
    if (!out.includes(tag)) out.push(tag);
  };
  if (security) add('security');
  for (const t of tags) add(t);
  return out.slice(0, MAX_TAGS);
}

/** The first sentence (for `shortDescription`). */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  // A sentence ends at ". " outside backticks and parentheses.
  let depth = 0;
  let code = false;
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i];
    if (ch === '`') code = !code;
    else if (!code && ch === '(') depth++;
    else if (!code && ch === ')') depth = Math.max(0, depth - 1);
    else if (!code && depth === 0 && ch === '.' && (i === flat.length - 1 || flat[i + 1] === ' ')) return flat.slice(0, i + 1);
  }
  return flat;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Markdown → readable plain text (for `help.text`): no markup characters that mean nothing in text. */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*(```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      out.push(`    ${raw}`);
      continue;
    }
    let line = raw.replace(/^#{1,6}\s+/, '');
    line = line.replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, text: string, url: string) => (text === url ? url : `${text} (${url})`));
    line = line.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/__([^_]+)__/g, '$1');
    line = line.replace(/`([^`]+)`/g, '$1');
    out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const docCache = new Map<string, string | null>();

/** The rule's doc page `docs/rules/<id>.md` in the iamlint package, or undefined. */
export function rulePage(id: string, docsDir?: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) return undefined;
  const dir = docsDir ?? join(packageRoot(), 'docs', 'rules');
  const file = join(dir, `${id}.md`);
  if (!docCache.has(file)) {
    let text: string | null = null;
    try {
      text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      text = null;
    }
    docCache.set(file, text && text.trim() ? text : null);
  }
  return docCache.get(file) ?? undefined;
}

export interface DescriptorOptions {
  /** Folder of the rule doc pages (default: `docs/rules` of the iamlint package). */
  docsDir?: string;
}

/** The descriptor of a rule, with its configured severity as the default level. */
export function ruleDescriptor(rule: Rule, severity: RuleSeverity, options: DescriptorOptions = {}): ReportingDescriptor {
  const meta = rule.meta;
  const description = meta.description.replace(/\s+/g, ' ').trim() || meta.id;
  const page = rulePage(meta.id, options.docsDir);
  const markdown = page ?? `# ${meta.id}\n\n${description}\n\nSee ${meta.docs}.\n`;
  const security = meta.security;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: clip(firstSentence(description), 300) },
    fullDescription: { text: clip(description, MAX_FULL_DESCRIPTION) },
    help: { text: markdownToText(markdown), markdown: markdown.trimEnd() },
    helpUri: meta.docs,
    defaultConfiguration: { level: sarifLevel(severity === 'off' ? 'warn' : severity) },
    properties: {
      tags: sarifTags(security?.tags ?? []),
      precision: security?.precision ?? 'medium',
      'security-severity': securitySeverityText(security?.securitySeverity ?? 0.1),
    },
  };
}

interface EngineText {
  short: string;
  full: string;
  help: string;
  level: SarifLevel;
  tags: string[];
}

/** Finding ids the engine makes itself that appear as SARIF results. */
const ENGINE_RESULTS: Record<string, EngineText> = {
  'config-error': {
    short: 'iamlint could not read part of the service configuration as written.',
    full: 'A value in the service configuration that iamlint could not evaluate as the Serverless Framework would: an unresolved variable, a variable cycle, a file include that fails, a value of the wrong type. Checks that depend on the value are skipped for it.',
    help: 'Fix the value the message names, or give iamlint what it needs to resolve it offline (`--stage`, `--region`, `settings.params` and `settings.env` in `.iamlintrc`).',
    level: 'warning',
    tags: ['iamlint', 'configuration', 'correctness'],
  },
  'framework-error': {
    short: 'The Serverless Framework would refuse to package this service.',
    full: 'The Serverless Framework would stop with an error when packaging this service because of the setting at this location, so no role is deployed at all. iamlint reports it where the setting is written.',
    help: 'Fix the setting the message names; `serverless package` reports the same error.',
    level: 'error',
    tags: ['iamlint', 'correctness', 'deploy-failure'],
  },
  'unused-disable-directive': {
    short: 'An iamlint disable directive that hides no finding.',
    full: 'An `# iamlint-disable…` comment (or one rule in its list) that hid no finding: the problem it was written for is gone, or the rule id is wrong. Stale directives hide future findings.',
    help: 'Remove the directive, or the rule ids it lists that no longer report here. Set `linterOptions.reportUnusedDisableDirectives` to change the severity.',
    level: 'warning',
    tags: ['iamlint', 'maintainability', 'directives'],
  },
  'missing-disable-justification': {
    short: 'An iamlint disable directive without a reason.',
    full: 'With `linterOptions.requireJustification`, every `# iamlint-disable…` comment must say why after ` -- `. The directive still hides its findings.',
    help: 'Add the reason after ` -- `, e.g. `# iamlint-disable-next-line no-admin-policies -- break-glass role, reviewed in SEC-123`.',
    level: 'error',
    tags: ['iamlint', 'maintainability', 'directives'],
  },
};

/** Finding ids reported as `toolExecutionNotifications`, not as results. */
const ENGINE_NOTIFICATIONS: Record<string, { short: string; full: string }> = {
  'internal-error': {
    short: 'iamlint itself failed.',
    full: 'A rule or a stage of iamlint threw. The service was linted only in part; please report it with the message.',
  },
  'parse-error': {
    short: 'A file could not be read as YAML or JSON.',
    full: 'The service file or a file it includes could not be read as YAML/JSON (syntax error, duplicate key, unknown tag, missing file, …), so it was not linted.',
  },
  'not-serverless-config': {
    short: 'A file that is not a Serverless Framework service.',
    full: 'The file is not an AWS Serverless Framework service (no `service`/`provider`), so it was not linted. This never fails a run.',
  },
  'results-truncated': {
    short: 'Results were left out to keep the file within GitHub code scanning limits.',
    full: 'GitHub code scanning accepts at most 25,000 results per run and 10 MB of gzip-compressed SARIF. iamlint kept the most severe results and left the others out; the text or JSON output has them all.',
  },
};

export const NOTIFICATION_IDS: ReadonlySet<string> = new Set(['internal-error', 'parse-error', 'not-serverless-config']);

export function isEngineResultId(id: string): boolean {
  return Object.hasOwn(ENGINE_RESULTS, id);
}

/** Descriptor of an engine finding id (or of an id iamlint does not know). */
export function engineDescriptor(id: string): ReportingDescriptor {
  const t: EngineText = ENGINE_RESULTS[id] ?? {
    short: `Findings reported under ${id}.`,
    full: `Findings reported under ${id}, which is not a rule of this iamlint version.`,
    help: 'Check the rule id in your configuration.',
    level: 'warning',
    tags: ['iamlint'],
  };
  const markdown = `# ${id}\n\n${t.full}\n\n${t.help}\n`;
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: t.short },
    fullDescription: { text: t.full },
    help: { text: markdownToText(markdown), markdown: markdown.trimEnd() },
    helpUri: ENGINE_HELP_URI,
    defaultConfiguration: { level: t.level },
    properties: { tags: sarifTags(t.tags, false), precision: 'very-high' },
  };
}

export function notificationDescriptor(id: string): ReportingDescriptor {
  const t = ENGINE_NOTIFICATIONS[id] ?? { short: id, full: id };
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: t.short },
    fullDescription: { text: t.full },
    helpUri: ENGINE_HELP_URI,
  };
}
