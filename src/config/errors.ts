/**
 * User-facing configuration errors: always one line, never a stack trace.
 * The CLI prints `iamlint: <message>` and exits with code 2.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The config file the mistake is in (absolute), when there is one. */
    readonly file?: string,
    /** Key path of the mistake, e.g. `rules["no-shared-role"][1].foo`. */
    readonly keyPath?: string,
  ) {
    super(message);
  }
}

/** A JS property path the way it is written in JS/JSON: `rules["no-shared-role"][1].foo`. */
export function formatKeyPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `/rules/no-shared-role/1/foo` (a JSON pointer from ajv) → segments; array indexes become numbers. */
export function pointerToSegments(pointer: string, data?: unknown): (string | number)[] {
  if (!pointer) return [];
  const segs: (string | number)[] = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^\d+$/.test(key)) {
      segs.push(Number(key));
      cur = cur[Number(key)];
    } else {
      segs.push(key);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return segs;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate when it is close enough to be a typo, else undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(input.length, best.length) / 3));
  return bestScore <= limit ? best : undefined;
}
