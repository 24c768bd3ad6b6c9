// runIndex: the run a value falls in, by binary search over run starts.
import { describe, expect, it } from 'vitest';
import { runIndex } from '../../src/core/run-index.js';

describe('runIndex', () => {
  it('gives the last start at or below the value', () => {
    const starts = [0, 4, 9, 9, 20];
    const linear = (x: number): number => starts.reduce((best, s, i) => (s <= x ? i : best), 0);
    for (let x = 0; x <= 25; x++) expect(runIndex(starts, x), String(x)).toBe(linear(x));
    expect(runIndex(Uint32Array.from([5, 10]), 10)).toBe(1);
    expect(runIndex([], 3)).toBe(0);
  });
});
