/**
 * The project root: the folder `${file()}` may read from. It is the repository that holds
 * the service (closest folder with a `.git` entry above the service file), else the working
 * folder when the service is inside it, else the service's own folder. Monorepos include
 * shared YAML from sibling folders, so the service folder alone would be too tight.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** The closest folder at or above `start` with a `.git` entry (folder or worktree file), or undefined. */
export function findGitRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function isInside(file: string, folder: string): boolean {
  const rel = relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function projectRootFor(serviceFile: string, cwd: string): string {
  const file = resolve(cwd, serviceFile);
  const git = findGitRoot(dirname(file));
  if (git) return git;
  const here = resolve(cwd);
  return isInside(file, here) ? here : dirname(file);
}

/** Real path (symbolic links resolved) of `path`, or `path` itself when it cannot be resolved. */
export function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Real path of a file that may not exist: its nearest existing folder, resolved, plus the rest. */
export function realOfMissing(absolute: string): string {
  let existing = absolute;
  const rest: string[] = [];
  for (;;) {
    const parent = dirname(existing);
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]+/, ''));
    existing = parent;
    try {
      return resolve(realpathSync(existing), ...rest);
    } catch {
      if (parent === dirname(parent)) return absolute;
    }
  }
}

/** Is `file` (existing or not) inside `folder` once symbolic links of both are resolved? */
export function isReallyInside(file: string, folder: string): boolean {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    real = realOfMissing(file);
  }
  return isInside(real, realOrSelf(folder));
}
