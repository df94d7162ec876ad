import { createColors } from 'picocolors';

export type Colors = ReturnType<typeof createColors>;

/**
 * Colour when writing to a terminal, unless `NO_COLOR` is set (to anything but the empty
 * string). `FORCE_COLOR` wins over both: `FORCE_COLOR=0`/`false` turns colour off, any other
 * value turns it on, even when not writing to a terminal (as Node.js itself treats it).
 */
export function shouldUseColor(stream: { isTTY?: boolean } | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return Boolean(stream?.isTTY);
}

export function colors(enabled: boolean): Colors {
  return createColors(enabled);
}
