/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 schema (read in place from
 * ../shared/spec, draft-04, with ajv-draft-04 + ajv-formats) and against what GitHub code
 * scanning requires on top of it. Tests that need the schema skip with SKIP_SARIF_SCHEMA_REASON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import Ajv04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { HAS_SHARED, SHARED_DIR, sharedPath } from './shared.js';

export const SARIF_SCHEMA_PATH = sharedPath('spec', 'sarif-schema-2.1.0.json');
export const HAS_SARIF_SCHEMA = HAS_SHARED && existsSync(SARIF_SCHEMA_PATH);
export const SKIP_SARIF_SCHEMA_REASON = `skipped: the SARIF 2.1.0 schema is absent (${SARIF_SCHEMA_PATH}; shared folder ${SHARED_DIR})`;

if (!HAS_SARIF_SCHEMA) console.warn(`[iamlint tests] ${SKIP_SARIF_SCHEMA_REASON}`);

type AjvCtor = new (opts: Record<string, unknown>) => { compile(schema: object): ValidateFunction };
const Ajv = ((Ajv04 as unknown as { default?: AjvCtor }).default ?? Ajv04) as unknown as AjvCtor;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: unknown) => unknown;

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Schema errors, as `instancePath: message` lines (at most 20). */
export function schemaErrors(log: unknown): string[] {
  const validate = schemaValidator();
  if (validate(log)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => `schema ${e.instancePath || '/'}: ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

type Obj = Record<string, any>;

export const GITHUB_LIMITS = {
  runsPerFile: 20,
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  locationsPerResult: 1_000,
  tagsPerRule: 10,
  gzipBytes: 10 * 1024 * 1024,
};

const SECURITY_SEVERITY = /^(?:10(?:\.0+)?|\d(?:\.\d+)?)$/;

/** What GitHub code scanning needs beyond the schema (see docs/integrations.md). */
export function githubErrors(log: Obj, text?: string): string[] {
  const errors: string[] = [];
  const err = (where: string, what: string) => errors.push(`github ${where}: ${what}`);
  if (log.version !== '2.1.0') err('/version', `must be 2.1.0, is ${String(log.version)}`);
  const runs: Obj[] = Array.isArray(log.runs) ? log.runs : [];
  if (!runs.length) err('/runs', 'no run');
  if (runs.length > GITHUB_LIMITS.runsPerFile) err('/runs', `more than ${GITHUB_LIMITS.runsPerFile} runs`);
  runs.forEach((run, ri) => {
    const at = `/runs/${ri}`;
    const driver: Obj | undefined = run.tool?.driver;
    if (!driver?.name) err(`${at}/tool/driver/name`, 'missing');
    const rules: Obj[] = driver?.rules ?? [];
    if (rules.length > GITHUB_LIMITS.rulesPerRun) err(`${at}/tool/driver/rules`, 'too many rules');
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      const where = `${at}/tool/driver/rules/${i} (${String(r.id)})`;
      if (typeof r.id !== 'string' || !r.id) err(where, 'id missing');
      else if (ids.has(r.id)) err(where, `duplicate rule id ${r.id}`);
      else ids.add(r.id);
      if (!r.shortDescription?.text?.trim()) err(where, 'shortDescription.text missing');
      if (!r.fullDescription?.text?.trim()) err(where, 'fullDescription.text missing');
      else if (r.fullDescription.text.length > 1000) err(where, 'fullDescription.text longer than 1000 characters');
      if (!r.help?.text?.trim()) err(where, 'help.text missing');
      const tags = r.properties?.tags;
      if (tags !== undefined) {
        if (!Array.isArray(tags) || tags.some((t: unknown) => typeof t !== 'string')) err(where, 'properties.tags must be strings');
        else {
          if (tags.length > GITHUB_LIMITS.tagsPerRule) err(where, `${tags.length} tags (at most ${GITHUB_LIMITS.tagsPerRule})`);
          if (new Set(tags).size !== tags.length) err(where, 'duplicate tags');
        }
      }
      const sev = r.properties?.['security-severity'];
      if (sev !== undefined) {
        if (typeof sev !== 'string' || !SECURITY_SEVERITY.test(sev) || Number(sev) <= 0 || Number(sev) > 10) {
          err(where, `security-severity must be a string from 0.1 to 10.0, is ${JSON.stringify(sev)}`);
        }
      }
      const precision = r.properties?.precision;
      if (precision !== undefined && !['very-high', 'high', 'medium', 'low'].includes(precision)) err(where, `bad precision ${precision}`);
    });
    const results: Obj[] = run.results ?? [];
    if (results.length > GITHUB_LIMITS.resultsPerRun) err(`${at}/results`, `${results.length} results`);
    const bases = run.originalUriBaseIds ?? {};
    const checkLocation = (where: string, loc: Obj | undefined, required: boolean) => {
      const pl = loc?.physicalLocation;
      if (!pl) {
        if (required) err(where, 'physicalLocation missing');
        return;
      }
      const uri = pl.artifactLocation?.uri;
      if (typeof uri !== 'string' || !uri) err(where, 'artifactLocation.uri missing');
      const base = pl.artifactLocation?.uriBaseId;
      if (base !== undefined && !bases[base]) err(where, `uriBaseId ${base} not in originalUriBaseIds`);
      const reg = pl.region;
      if (!reg) err(where, 'region missing');
      else {
        if (!(Number.isInteger(reg.startLine) && reg.startLine >= 1)) err(where, `startLine ${reg.startLine} < 1`);
        if (reg.endLine !== undefined && reg.endLine < reg.startLine) err(where, 'endLine before startLine');
        if (reg.endLine === reg.startLine && reg.endColumn !== undefined && reg.startColumn !== undefined && reg.endColumn < reg.startColumn) {
          err(where, 'endColumn before startColumn');
        }
      }
    };
    results.forEach((res, i) => {
      const where = `${at}/results/${i}`;
      if (typeof res.ruleId !== 'string' || !res.ruleId) err(where, 'ruleId missing');
      else if (!ids.has(res.ruleId)) err(where, `ruleId ${res.ruleId} has no rule descriptor`);
      if (res.ruleIndex !== undefined && rules[res.ruleIndex]?.id !== res.ruleId) err(where, 'ruleIndex does not point at ruleId');
      if (!res.message?.text?.trim()) err(where, 'message.text missing');
      if (!Array.isArray(res.locations) || !res.locations.length) err(where, 'no location');
      else checkLocation(`${where}/locations/0`, res.locations[0], true);
      const related: Obj[] = res.relatedLocations ?? [];
      if (related.length + (res.locations?.length ?? 0) > GITHUB_LIMITS.locationsPerResult) err(where, 'too many locations');
      related.forEach((r, j) => checkLocation(`${where}/relatedLocations/${j}`, r, false));
      const fp = res.partialFingerprints;
      if (!fp || !Object.keys(fp).length) err(where, 'partialFingerprints missing');
    });
  });
  if (text !== undefined) {
    const size = gzipSync(Buffer.from(text, 'utf8')).length;
    if (size > GITHUB_LIMITS.gzipBytes) err('/', `${size} bytes gzip-compressed`);
  }
  return errors;
}

/** Schema and GitHub errors of a SARIF text (empty when valid). */
export function validateSarifText(text: string): string[] {
  let log: Obj;
  try {
    log = JSON.parse(text) as Obj;
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  return [...schemaErrors(log), ...githubErrors(log, text)];
}

/** Schema and GitHub errors of a SARIF log object. */
export function validateSarif(log: unknown): string[] {
  const text = JSON.stringify(log);
  return [...schemaErrors(log), ...githubErrors(log as Obj, text)];
}
