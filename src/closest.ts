/**
 * The candidates nearest to a mistyped name, best first: by edit distance, where a candidate that
 * contains the name (or is contained in it) counts as close. Far-off names are not suggested.
 */
export function closest(name: string, candidates: Iterable<string>, limit: number): string[] {
  const scored = [...new Set(candidates)].map((candidate) => {
    let distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (candidate.includes(name) || name.includes(candidate)) distance = Math.min(distance, Math.abs(candidate.length - name.length) / 2);
    return { candidate, distance };
  });
  const tolerance = Math.max(2, Math.ceil(name.length * 0.4));
  return scored
    .filter((s) => s.distance <= tolerance)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((s) => s.candidate);
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit (the commonest typo). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}
