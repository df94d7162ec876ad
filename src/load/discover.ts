/**
 * Finds the service files to lint: the current folder's service file, files named on the
 * command line, and service files anywhere under folders named on the command line.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve, isAbsolute, sep } from 'node:path';
import type { Diagnostic } from './node.js';

/** In the Framework's own order of preference. */
export const SERVICE_FILE_NAMES = ['serverless.yml', 'serverless.yaml', 'serverless.json'] as const;
/** Service files that are programs: iamlint never runs code, so it cannot read them. */
const CODE_SERVICE_FILE_NAMES = ['serverless.js', 'serverless.ts', 'serverless.cjs', 'serverless.mjs'];
/** Dependencies, build output and version control: never anyone's service. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.serverless', '.git']);

export interface Discovery {
  files: string[];
  diagnostics: Diagnostic[];
}

export function discoverServiceFiles(paths: string[], cwd: string): Discovery {
  const base = resolve(cwd);
  const found = new Set<string>();
  const diagnostics: Diagnostic[] = [];

  if (paths.length === 0) {
    const file = serviceFileIn(base);
    if (file) found.add(file);
    else diagnostics.push(noServiceFile(base, 'the current folder'));
  }

  for (const given of paths) {
    const path = resolve(base, given);
    const kind = statKind(path);
    if (kind === 'file') found.add(path);
    else if (kind === 'directory') {
      const inTree = searchTree(path, diagnostics);
      for (const file of inTree) found.add(file);
      if (inTree.length === 0) diagnostics.push(noServiceFile(path, path));
    } else if (kind === 'other') {
      diagnostics.push({ code: 'not-a-file', severity: 'error', message: `${path} is neither a file nor a folder.` });
    } else {
      diagnostics.push({ code: 'file-not-found', severity: 'error', message: `${path} does not exist.` });
    }
  }
  return { files: [...found].sort(), diagnostics };
}

/** The first service file name that exists as a file in `dir`, as the Framework picks it. */
function serviceFileIn(dir: string): string | undefined {
  for (const name of SERVICE_FILE_NAMES) {
    const path = join(dir, name);
    if (statKind(path) === 'file') return path;
  }
  return undefined;
}

function noServiceFile(dir: string, where: string): Diagnostic {
  const programs = CODE_SERVICE_FILE_NAMES.filter((name) => statKind(join(dir, name)) === 'file');
  const lookedFor = SERVICE_FILE_NAMES.join(', ');
  const message =
    programs.length > 0
      ? `${where} has ${programs.join(' and ')} but no ${lookedFor}: iamlint never executes code, so it cannot read a service written as a program.`
      : `No service file in ${where}: looked for ${lookedFor}${where === dir ? '' : ` in ${dir}`}.`;
  return { code: 'no-service-file', severity: 'error', message };
}

/**
 * Depth-first over real directories, in name order. Symbolic links to directories are
 * followed only after every real directory, so a file is reported under its real path
 * when it has one; links are followed only when they stay inside the searched tree, and
 * every directory is entered once by its real path, so link loops end.
 */
function searchTree(root: string, diagnostics: Diagnostic[]): string[] {
  const found: string[] = [];
  const realRoot = safeRealpath(root) ?? root;
  const entered = new Set<string>();
  const pending = [root];
  const links: string[] = [];
  while (pending.length > 0 || links.length > 0) {
    const dir = pending.length > 0 ? pending.pop()! : links.shift()!;
    const real = safeRealpath(dir);
    if (!real || entered.has(real) || !isInside(real, realRoot)) continue;
    entered.add(real);

    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ code: 'unreadable-directory', severity: 'warning', message: `${dir} could not be searched: ${(error as Error).message}` });
      continue;
    }
    const file = serviceFileIn(dir);
    if (file) found.push(file);

    const searchable = entries.filter((e) => !SKIPPED_DIRECTORIES.has(e.name));
    const subdirectories = searchable.filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
    // Popped from the end, so pushed in reverse to be visited in name order.
    pending.push(...subdirectories.sort().reverse());
    links.push(
      ...searchable
        .filter((e) => e.isSymbolicLink() && statKind(join(dir, e.name)) === 'directory')
        .map((e) => join(dir, e.name))
        .sort(),
    );
  }
  return found;
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function statKind(path: string): 'file' | 'directory' | 'other' | 'missing' {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
