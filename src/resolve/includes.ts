/**
 * Reads `${file()}` includes: relative to the service folder, refused outside the
 * project root (symlinks resolved first), each file read and parsed once per run.
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Node } from '../load/node.js';
import { realOfMissing, realOrSelf } from '../load/project-root.js';
import { readParsedFile } from '../load/read.js';
import type { ParsedFile, SourceFile } from '../load/types.js';
import type { Site } from './outcome.js';

export type IncludeResult =
  | { kind: 'ok'; root: Node; file: string }
  | { kind: 'missing'; reason: string }
  /** Outside the project root: never read. */
  | { kind: 'refused'; reason: string }
  /** Unusable (parse errors, too big, unreadable, a link loop); already reported. */
  | { kind: 'failed'; reason: string };

export type IncludeLocation =
  | { kind: 'found'; absolute: string; real: string }
  | Extract<IncludeResult, { kind: 'missing' | 'refused' | 'failed' }>;

export interface IncludeReaderOptions {
  serviceFile: ParsedFile & { root: Node };
  projectRoot: string;
  maxFileBytes?: number;
  /** Called once per file read. */
  onRead(source: SourceFile): void;
  /** Receives the included files' own diagnostics, once per file. */
  report(diagnostic: Diagnostic): void;
}

export class IncludeReader {
  private readonly cache = new Map<string, IncludeResult>();
  private readonly locations = new Map<string, IncludeLocation>();
  private readonly serviceDir: string;
  private readonly rootReal: string;

  constructor(private readonly options: IncludeReaderOptions) {
    const serviceFile = resolve(options.serviceFile.file);
    this.serviceDir = dirname(serviceFile);
    this.rootReal = realOrSelf(resolve(options.projectRoot));
    // Including the service file itself yields its own tree, so cycles through it are seen.
    this.cache.set(realOrSelf(serviceFile), { kind: 'ok', root: options.serviceFile.root, file: serviceFile });
  }

  /** Where `relativePath` leads, without reading it: refused when outside the project root. */
  locate(relativePath: string): IncludeLocation {
    // One lookup per path and run: a service may name the same include thousands of times.
    let location = this.locations.get(relativePath);
    if (!location) {
      location = this.locateUncached(relativePath);
      this.locations.set(relativePath, location);
    }
    return location;
  }

  private locateUncached(relativePath: string): IncludeLocation {
    const absolute = resolve(this.serviceDir, relativePath);
    try {
      const real = realpathSync(absolute);
      return this.inside(real) ? { kind: 'found', absolute, real } : this.refused(relativePath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return { kind: 'failed', reason: `${relativePath} cannot be read (${code ?? 'error'})` };
      // A missing file behind a link that leads outside is refused too.
      if (!this.inside(realOfMissing(absolute))) return this.refused(relativePath);
      return { kind: 'missing', reason: `file ${relativePath} does not exist` };
    }
  }

  /** Reads and parses a located file once; its diagnostics are forwarded on the first read. */
  read(relativePath: string, site: Site): IncludeResult {
    const location = this.locate(relativePath);
    if (location.kind === 'failed') {
      this.options.report({ code: 'include-error', severity: 'error', message: location.reason, span: site.span, path: site.path });
    }
    if (location.kind !== 'found') return location;
    const cached = this.cache.get(location.real);
    if (cached) return cached;
    const parsed = readParsedFile(location.absolute, { maxFileBytes: this.options.maxFileBytes });
    this.options.onRead(parsed.source);
    for (const d of parsed.diagnostics) this.options.report(forwarded(d, relativePath, site));
    const result: IncludeResult = parsed.root
      ? { kind: 'ok', root: parsed.root, file: location.absolute }
      : { kind: 'failed', reason: `${relativePath} could not be parsed` };
    this.cache.set(location.real, result);
    return result;
  }

  private inside(real: string): boolean {
    const rel = relative(this.rootReal, real);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
  }

  private refused(relativePath: string): Extract<IncludeResult, { kind: 'refused' }> {
    return { kind: 'refused', reason: `${relativePath} is outside the project root ${this.rootReal}; not read` };
  }
}

/** Diagnostics of `readParsedFile` about a file as a whole: nothing in it was read. */
const WHOLE_FILE_CODES: ReadonlySet<string> = new Set(['file-too-large', 'file-unreadable', 'file-not-found', 'not-a-file']);

/** Errors of an included file become `include-error`; its warnings keep their own code. */
function forwarded(d: Diagnostic, relativePath: string, site: Site): Diagnostic {
  // A diagnostic about the whole file (too big, unreadable) is located at the variable.
  const whole = !d.span || WHOLE_FILE_CODES.has(d.code);
  const located = { ...d, span: whole ? site.span : d.span, path: d.path ?? site.path };
  if (d.severity !== 'error') return located;
  return { ...located, code: 'include-error', message: `${relativePath}: ${d.message} (${d.code})` };
}

