/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1 — the typos people make in action names
 * (`GetObjects`, `GetObejct`, `dynamo`).
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: two back (for swaps), previous, current.
  let before = new Array<number>(m + 1).fill(0);
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  let current = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[m]!;
}

/**
 * The candidate closest to `word` (compared lower-case), if it is close enough to be a
 * plausible typo: at most max(2, a third of the word's length) edits. Ties go to the
 * candidate whose length is nearest, then alphabetical order, so answers are stable.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const target = word.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  let best: { word: string; distance: number; lengthGap: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance > limit) continue;
    const lengthGap = Math.abs(candidate.length - target.length);
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance && lengthGap < best.lengthGap) ||
      (distance === best.distance && lengthGap === best.lengthGap && candidate < best.word)
    ) {
      best = { word: candidate, distance, lengthGap };
    }
  }
  return best?.word;
}
