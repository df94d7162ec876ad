/**
 * load + resolve for one service file: the first half of the pipeline, shared by the
 * linter, `iamlint roles` and the library API.
 */
import { checkServiceShape } from './load/service-shape.js';
import { readParsedFile } from './load/read.js';
import type { Diagnostic } from './load/node.js';
import type { LoadOptions, ParsedFile, ResolvedService, SourceFile } from './load/types.js';
import { resolveService } from './resolve/index.js';

export interface LoadedService {
  file: string;
  /** Present when the file is a service that parsed; variables resolved. */
  service?: ResolvedService;
  /** Parse errors, the not-a-service notice, variable problems (also in `service.diagnostics`). */
  diagnostics: Diagnostic[];
  /** The file texts read (the service file, and includes once resolved), for snippets and directives. */
  sources: Map<string, SourceFile>;
}

export function loadService(file: string, options: LoadOptions = {}): LoadedService {
  const parsed = readParsedFile(file, { maxFileBytes: options.maxFileBytes });
  return loadParsedService(parsed, options);
}

export function loadParsedService(parsed: ParsedFile, options: LoadOptions = {}): LoadedService {
  const sources = new Map<string, SourceFile>([[parsed.source.file, parsed.source]]);
  // Recoverable problems (a duplicate key, an unknown tag) still leave a tree worth reading.
  const notService = checkServiceShape(parsed);
  if (!parsed.root || notService) {
    return { file: parsed.file, diagnostics: notService ? [...parsed.diagnostics, notService] : parsed.diagnostics, sources };
  }
  const service = resolveService(parsed as ParsedFile & { root: NonNullable<ParsedFile['root']> }, options);
  return { file: parsed.file, service, diagnostics: service.diagnostics, sources: service.sources };
}
