/** The only file iamlint ever writes: `-o FILE`, atomically (temp file in the same folder, then rename). */
import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

export function writeFileAtomic(file: string, text: string, cwd: string): string {
  const target = resolve(cwd, file);
  const tmp = join(dirname(target), `.iamlint-tmp-${process.pid}-${randomBytes(6).toString('hex')}-${basename(target)}`);
  try {
    writeFileSync(tmp, text, { flag: 'wx', mode: 0o644 });
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'its folder does not exist' : err.code === 'EISDIR' ? 'it is a folder' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message;
    throw new UsageError(`cannot write ${file}: ${why}`);
  }
  return target;
}
