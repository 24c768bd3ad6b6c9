/** Finding the run a value falls in, in a list of run starts. */

/**
 * The index of the last element of `starts` (ascending, `starts[0]` ≤ every value asked) that is ≤ `x`:
 * the run `x` falls in (a line of a file by line starts, a run of code points by first code point).
 * Binary search; never throws (an empty list gives 0).
 */
export function runIndex(starts: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
