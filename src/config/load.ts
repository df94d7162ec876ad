/**
 * Finding and reading config files with cosmiconfig 9 — JSON and YAML only.
 *
 * Why not `cosmiconfigSync()`: that factory first looks for a cosmiconfig "meta config" in
 * the working folder (`.config/config.{json,yaml,js,ts,…}`) with cosmiconfig's default
 * loaders, which import (execute) a `.config/config.js`. A linter that runs on untrusted
 * pull requests must never execute repository code, so we construct cosmiconfig's
 * `ExplorerSync` ourselves with a complete option set: no meta config, our own loaders
 * (JSON/YAML parsers; every JavaScript/TypeScript extension refused) and our search places.
 * cosmiconfig is pinned to an exact version in package.json; if its layout changes this
 * fails loudly instead of falling back to the unsafe factory.
 */
import { basename, extname, isAbsolute, relative } from 'node:path';
// The class alone, not the package entry (whose factories read the meta config). Its .d.ts is empty.
import * as explorerModule from 'cosmiconfig/dist/ExplorerSync.js';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.js';

export const SEARCH_PLACES = ['package.json', '.iamlintrc', '.iamlintrc.json', '.iamlintrc.yaml', '.iamlintrc.yml'];
const REFUSED_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.jsx', '.tsx'];

/** How paths appear in messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function rejectImport(filepath: string, value: unknown, cwd: string): unknown {
  const own = basename(filepath) === 'package.json' && value && typeof value === 'object'
    ? (value as Record<string, unknown>).iamlint
    : value;
  if (own && typeof own === 'object' && Object.prototype.hasOwnProperty.call(own, '$import')) {
    throw new ConfigError(`${displayPath(filepath, cwd)}: $import: not supported (use "extends")`, filepath, '$import');
  }
  return value;
}

export function parseJsonConfig(filepath: string, content: string, cwd = process.cwd()): unknown {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (e) {
    throw new ConfigError(`${displayPath(filepath, cwd)}: invalid JSON: ${(e as Error).message}`, filepath);
  }
  return rejectImport(filepath, value, cwd);
}

export function parseYamlConfig(filepath: string, content: string, cwd = process.cwd()): unknown {
  const doc = parseDocument(content, { prettyErrors: true, uniqueKeys: true, merge: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    throw new ConfigError(`${displayPath(filepath, cwd)}${where}: invalid YAML: ${msg}`, filepath);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(`${displayPath(filepath, cwd)}: invalid YAML: ${(e as Error).message}`, filepath);
  }
  return rejectImport(filepath, value, cwd);
}

function refuse(filepath: string, cwd = process.cwd()): never {
  throw new ConfigError(
    `${displayPath(filepath, cwd)}: JavaScript/TypeScript config files are not supported; use .iamlintrc.json or .iamlintrc.yaml`,
    filepath,
  );
}

function loaders(cwd: string): Record<string, (filepath: string, content: string) => unknown> {
  const json = (f: string, c: string) => parseJsonConfig(f, c, cwd);
  const yaml = (f: string, c: string) => parseYamlConfig(f, c, cwd);
  return {
    '.json': json,
    '.yaml': yaml,
    '.yml': yaml,
    noExt: yaml,
    default: yaml,
    ...Object.fromEntries(REFUSED_EXTENSIONS.map((ext) => [ext, (f: string) => refuse(f, cwd)])),
  };
}

export function isRefusedConfigPath(file: string): boolean {
  return REFUSED_EXTENSIONS.includes(extname(file).toLowerCase());
}

interface CosmiconfigResultLike {
  config: unknown;
  filepath: string;
  isEmpty?: boolean;
}
interface ExplorerSyncLike {
  search(from?: string): CosmiconfigResultLike | null;
  load(file: string): CosmiconfigResultLike | null;
  clearCaches(): void;
}
type ExplorerSyncCtor = new (options: Record<string, unknown>) => ExplorerSyncLike;

function explorerClass(): ExplorerSyncCtor {
  const { ExplorerSync } = explorerModule as { ExplorerSync?: ExplorerSyncCtor };
  if (typeof ExplorerSync !== 'function') throw new Error('cosmiconfig: ExplorerSync not found (unexpected cosmiconfig version)');
  return ExplorerSync;
}

export interface ConfigSource {
  /** Absolute path of the file. */
  filepath: string;
  /** The parsed content (for package.json: its `iamlint` value); undefined for an empty file. */
  config: unknown;
}

/** Finds and reads config files; results are cached per instance. */
export class ConfigFinder {
  private readonly explorer: ExplorerSyncLike;

  constructor(private readonly cwd: string = process.cwd()) {
    this.explorer = new (explorerClass())({
      moduleName: 'iamlint',
      packageProp: 'iamlint',
      searchPlaces: SEARCH_PLACES,
      ignoreEmptySearchPlaces: true,
      cache: true,
      transform: (r: unknown) => r,
      loaders: loaders(cwd),
      metaConfigFilePath: null,
      mergeImportArrays: true,
      mergeSearchPlaces: false,
      searchStrategy: 'project',
    });
  }

  /** The nearest config for a folder: searched upwards until a folder with package.json. */
  search(fromDir: string): ConfigSource | null {
    const r = this.wrap(() => this.explorer.search(fromDir));
    return r ? { filepath: r.filepath, config: r.isEmpty ? undefined : r.config } : null;
  }

  load(file: string): ConfigSource {
    if (isRefusedConfigPath(file)) refuse(file, this.cwd);
    const r = this.wrap(() => this.explorer.load(file));
    return { filepath: r?.filepath ?? file, config: r && !r.isEmpty ? r.config : undefined };
  }

  private wrap<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const err = e as NodeJS.ErrnoException & { filepath?: string };
      if (err.code === 'ENOENT' || err.code === 'EISDIR') {
        throw new ConfigError(`cannot read config file ${displayPath(err.path ?? err.filepath ?? '', this.cwd)}`, err.path);
      }
      if (err.code === 'EACCES') {
        throw new ConfigError(`cannot read config file ${displayPath(err.path ?? err.filepath ?? '', this.cwd)}: permission denied`);
      }
      throw e;
    }
  }
}
