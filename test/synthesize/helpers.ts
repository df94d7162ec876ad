/** Test helpers for synthesize: services from plain JS objects or YAML text/files, and output canonicalization. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFromPlain, toPlain, type Plain, type Span } from '../../src/load/node.js';
import type { ResolvedService } from '../../src/load/types.js';
import { loadService as loadLibraryService } from '../../src/load-service.js';
import { synthesize, toCloudFormation, type ServiceModel } from '../../src/synthesize/index.js';

const SPAN: Span = { file: '/virtual/serverless.yml', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

export interface Opts {
  stage?: string;
  region?: string;
}

/** A ResolvedService built from a plain JS config (no variables). */
export function serviceFromPlain(config: Record<string, unknown>, opts: Opts = {}): ResolvedService {
  const tree = nodeFromPlain(config, SPAN);
  return {
    file: SPAN.file,
    dir: '/virtual',
    projectRoot: '/virtual',
    tree,
    config: toPlain(tree) as { [key: string]: Plain },
    stage: opts.stage ?? 'dev',
    region: opts.region ?? 'us-east-1',
    sources: new Map(),
    diagnostics: [],
  };
}

/** Load and resolve a service file through the real loader and resolver. */
export function loadService(file: string, opts: Opts = {}): ResolvedService {
  const loaded = loadLibraryService(file, { stage: opts.stage ?? 'dev', region: opts.region ?? 'us-east-1', env: {} });
  if (!loaded.service) throw new Error(`cannot load ${file}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.service;
}

let tmp: string | undefined;
/** Write YAML text to a temporary serverless.yml and load it. */
export function serviceFromYaml(text: string, opts: Opts = {}): ResolvedService {
  tmp ??= mkdtempSync(join(tmpdir(), 'iamlint-synth-'));
  const dir = mkdtempSync(join(tmp, 'svc-'));
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, text);
  return loadService(file, opts);
}

export const synth = (config: Record<string, unknown>, opts?: Opts): ServiceModel => synthesize(serviceFromPlain(config, opts));
export const synthYaml = (text: string, opts?: Opts): ServiceModel => synthesize(serviceFromYaml(text, opts));

/** JSON round trip: ordinary objects, Unknown as text. */
export const json = (v: unknown): any => JSON.parse(JSON.stringify(v));

export function cf(model: ServiceModel): any {
  return json(toCloudFormation(model));
}

/** Statements of a role (from `toCloudFormation` output), as plain JSON. */
export function statementsOf(cfOut: any, roleId: string): any[] {
  const role = cfOut.roles[roleId];
  return (role?.Policies ?? []).flatMap((p: any) => (Array.isArray(p.PolicyDocument?.Statement) ? p.PolicyDocument.Statement : []));
}

/** Canonical form for comparing: object keys sorted; list items sorted by their canonical text. */
export function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** A role's statements as a sorted list of canonical texts (a multiset). */
export function statementMultiset(role: any): string[] {
  const list = (role?.Policies ?? []).flatMap((p: any) => (Array.isArray(p.PolicyDocument?.Statement) ? p.PolicyDocument.Statement : []));
  return list.map((s: unknown) => JSON.stringify(canonical(s))).sort();
}

/** Everything of a role except its statements, canonicalized (policy names kept). */
export function roleShell(role: any): unknown {
  const { Policies, ...rest } = role ?? {};
  return canonical({
    ...rest,
    PolicyNames: (Policies ?? []).map((p: any) => p.PolicyName),
  });
}
