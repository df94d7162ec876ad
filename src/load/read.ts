/** Reads a YAML/JSON file from disk and parses it; I/O problems become located diagnostics. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from './node.js';
import { parseYaml } from './parse.js';
import { fileStartSpan } from './span.js';
import type { ParsedFile } from './types.js';

/** Configuration files are small; anything larger is almost certainly not one (or hostile). */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ReadOptions {
  maxFileBytes?: number;
}

export function readParsedFile(file: string, options: ReadOptions = {}): ParsedFile {
  const path = resolve(file);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const unreadable = (code: string, message: string): ParsedFile => {
    const diagnostic: Diagnostic = { code, severity: 'error', message, span: fileStartSpan(path) };
    return { file: path, documentCount: 0, diagnostics: [diagnostic], source: { file: path, text: '' } };
  };

  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return unreadable('not-a-file', `${path} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return unreadable('file-not-found', `${path} does not exist.`);
    return unreadable('file-unreadable', `${path} could not be read: ${errorMessage(error)}`);
  }
  if (size > maxBytes) {
    return unreadable('file-too-large', `${path} is ${size} bytes, more than the ${maxBytes} bytes iamlint reads; it is skipped.`);
  }

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return unreadable('file-unreadable', `${path} could not be read: ${errorMessage(error)}`);
  }
  return parseYaml(text, path);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
