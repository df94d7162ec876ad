/**
 * Paths as CI systems want them: relative to the repository root, with `/`, whatever folder
 * iamlint runs from. The root is the closest folder at or above the start folder that holds a
 * `.git` entry (a folder, or the file of a worktree or submodule); git itself is never run.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findGitRoot } from '../load/project-root.js';

/** The closest folder at or above `start` with a `.git` entry; `start` itself when there is none. */
export function findRepoRoot(start: string): string {
  return findGitRoot(start) ?? resolve(start);
}

/** `file` relative to `root` with `/` separators, or undefined when it is not inside `root`. */
export function pathInRoot(file: string, root: string): string | undefined {
  if (!file) return undefined;
  const rel = relative(root, resolve(file));
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function encodeRelativeUri(relPath: string): string {
  return relPath
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** The `file:` URI of a folder, ending with `/` (as SARIF wants for `originalUriBaseIds`). */
export function folderUri(folder: string): string {
  const href = pathToFileURL(resolve(folder)).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The `file:` URI of a file. */
export function fileUri(file: string): string {
  return pathToFileURL(resolve(file)).href;
}

/** Where a finding's file is, for SARIF: relative to `%SRCROOT%` when inside the root, else absolute. */
export interface ArtifactUri {
  uri: string;
  uriBaseId?: string;
}

export const SRCROOT = '%SRCROOT%';

export function artifactUri(file: string, root: string): ArtifactUri {
  const rel = pathInRoot(file, root);
  if (rel !== undefined) return { uri: encodeRelativeUri(rel), uriBaseId: SRCROOT };
  return { uri: fileUri(file) };
}

/** A path for humans and for GitHub annotations: relative to the root when inside it, else as given. */
export function displayRepoPath(file: string, root: string): string {
  return pathInRoot(file, root) ?? file;
}
