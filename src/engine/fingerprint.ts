/**
 * Stable finding fingerprints: built from what a finding is about (rule, service, service
 * file relative to the project root, logical YAML path, messageId, role/function identity),
 * never from line numbers, so moving lines around does not make a "new" finding.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, relative, sep } from 'node:path';
import { Unknown, type Plain } from '../load/node.js';
import type { Finding } from './types.js';

export function hashParts(parts: ReadonlyArray<string | number>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** The service file relative to the project root, with `/` separators. */
export function relativeFile(file: string, projectRoot: string | undefined): string {
  const rel = relative(projectRoot ?? dirname(file), file);
  const out = rel === '' ? basename(file) : rel;
  return sep === '/' ? out : out.split(sep).join('/');
}

/** The service name as text (`service: x`, the old `service: { name: x }`, or a variable's text). */
export function serviceName(service: Plain | undefined): string {
  if (typeof service === 'string') return service;
  if (service instanceof Unknown) return service.text;
  if (service && typeof service === 'object' && !Array.isArray(service)) {
    const name = (service as { [key: string]: Plain }).name;
    if (name !== undefined) return serviceName(name);
  }
  return service === undefined || service === null ? '' : String(service);
}

/**
 * Give every finding a fingerprint from `keyOf(finding)`; findings sharing a key get an
 * occurrence number in their (sorted) order, so fingerprints stay unique.
 */
export function assignFingerprints(findings: Finding[], keyOf: (f: Finding) => ReadonlyArray<string | number>): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const base = hashParts(keyOf(f));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    f.fingerprint = n === 0 ? base : hashParts([base, n]);
  }
}
