/** Fixtures for resolver tests: small projects written to temp dirs, resolved through the real loader. */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { nodeAt, type Diagnostic, type Node, type PathSegment } from '../../src/load/node.js';
import { readParsedFile } from '../../src/load/read.js';
import type { LoadOptions, ResolvedService } from '../../src/load/types.js';
import { resolveService } from '../../src/resolve/index.js';

const created: string[] = [];
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder (real path) holding `files` (relative paths, folders created as needed). */
export function tempProject(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'iamlint-')));
  created.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Resolves `<dir>/<service>`; `env` defaults to empty so the machine's environment never leaks in. */
export function resolveAt(dir: string, options: LoadOptions = {}, service = 'serverless.yml'): ResolvedService {
  const parsed = readParsedFile(join(dir, service));
  if (!parsed.root) throw new Error(`fixture does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return resolveService({ ...parsed, root: parsed.root }, { env: {}, ...options });
}

/** Writes `serverless.yml` (plus `files`) to a temp project and resolves it. */
export function resolveYaml(yaml: string, options: LoadOptions = {}, files: Record<string, string> = {}): ResolvedService {
  return resolveAt(tempProject({ 'serverless.yml': yaml, ...files }), options);
}

/** The resolved node at a path of the tree (fails the test when absent). */
export function nodeOf(service: ResolvedService, ...path: PathSegment[]): Node {
  const node = nodeAt(service.tree, path);
  if (!node) throw new Error(`no node at ${path.join('.')}`);
  return node;
}

export function plainOf(service: ResolvedService, ...path: PathSegment[]): unknown {
  let cur: unknown = service.config;
  for (const seg of path) cur = (cur as Record<string | number, unknown> | undefined)?.[seg];
  return cur;
}

export const codes = (service: ResolvedService): string[] => service.diagnostics.map((d) => d.code);

export function diagnosticsWith(service: ResolvedService, code: string): Diagnostic[] {
  return service.diagnostics.filter((d) => d.code === code);
}

/** The text a span covers, read back from the resolved service's sources. */
export function textAt(service: ResolvedService, span: { file: string; offset: number; endOffset: number }): string {
  const source = service.sources.get(span.file);
  if (!source) throw new Error(`no source for ${span.file}`);
  return source.text.slice(span.offset, span.endOffset);
}
