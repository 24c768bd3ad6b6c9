// The one-pass fingerprint writer (src/corpus/fingerprint-fused.ts) and the two-pass one over a scan
// (src/corpus/fingerprint.ts) against the moo-token fingerprinter (test/corpus/fingerprint-oracle.ts):
// whichever path a statement takes, exactly the oracle's fingerprint; and the one-pass writer really
// takes most statements (else the properties would only test the fallback).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintOfScan } from '../../src/corpus/fingerprint.js';
import { writeFused } from '../../src/corpus/fingerprint-fused.js';
import { written } from '../../src/corpus/fingerprint-writer.js';
import { scanTokens } from '../../src/corpus/scan.js';
import { fingerprint as oracle } from './fingerprint-oracle.js';
import { FUSABLE_PIECES, RARE_PIECES, sqlText } from './sql-pieces.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);

/** Both paths and the public function agree with the oracle; returns whether the one-pass path took it. */
function agrees(sql: string): boolean {
  const want = oracle(sql);
  expect(fingerprintOfScan(scanTokens(sql))).toBe(want);
  const fused = writeFused(sql);
  if (fused) expect(written()).toBe(want);
  expect(fingerprint(sql)).toBe(want);
  return fused;
}

describe('one-pass fingerprint writer', () => {
  it('gives exactly the oracle fingerprints on statements it takes, the two-pass path on the rest (property)', () => {
    let fused = 0;
    let all = 0;
    fc.assert(fc.property(sqlText, (sql) => {
      all++;
      if (agrees(sql)) fused++;
    }), { numRuns: RUNS });
    // Most generated statements are plain enough for the one pass: the property tests it, not only the fallback.
    expect(fused / all).toBeGreaterThan(0.3);
    expect(fused).toBeLessThan(all);
  });

  it('agrees on statements over 4096 characters (property)', () => {
    const huge = fc.tuple(fc.array(fc.constantFrom(...FUSABLE_PIECES, ...RARE_PIECES), { minLength: 1, maxLength: 30 }), fc.integer({ min: 150, max: 400 }))
      .map(([xs, times]) => Array.from({ length: times }, (_, k) => xs[k % xs.length]).join(' '));
    fc.assert(fc.property(huge, (sql) => {
      agrees(sql);
    }), { numRuns: Math.ceil(RUNS / 30) });
  });

  it.each([
    ['select a from t where id in (1, 2, 3)', true],
    ['select a from t where id IN ( 1 , +2, -3)', true],
    ["select a from t where x = - 5 and y in ('a', \"b\\\"\", 'c''d')", true],
    ['select count(*), max (a), `A``b` from t where c = :v and d = ? and e in ::l limit -1', true],
    ['select a - 1, b->>"$.x", c<=>1 from t where d != 2 order by 1', true],
    ['select `é` from t', true],
    ['select a from t -- comment', true],
    ['select a from t # comment\n where b = 1', true],
    ['select /*vt+ PLANNER=gen4 */ a from t', true],
    ['/* app:users */ select a /*vt+*/ from t /*vt*/ where b = -- c\r\n -1 --', true],
    ['select a --\n, b --x from t /* unclosed', true],
    ['select a from t where id in (1, /* c */ 2)', false],
    ['select a from t where id in -- c\n (1, 2)', false],
    ["select x'1f', b'01', N'a'", false],
    ['select 0x1f, 0b1', false],
    ["select 'unterminated", false],
    ['select `unterminated', false],
    ['select a\u00a0from t', false],
    ['select a from t where b = é', false],
  ])('%s (one pass: %s)', (sql, fused) => {
    expect(agrees(sql)).toBe(fused);
  });
});
