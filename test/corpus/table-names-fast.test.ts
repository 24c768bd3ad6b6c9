// The cheaper name reader (src/corpus/table-names.ts) against the version it replaced
// (./table-names-oracle.ts): the same names in the same order, or null, for any statement; and the
// interning variant returns the shared strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanTokens } from '../../src/corpus/scan.js';
import { nameCandidates, namesOfScan } from '../../src/corpus/table-names.js';
import { nameCandidates as oracle } from './table-names-oracle.js';

const PIECES = [
  'select', 'SELECT', 'use', 'USE', 'Prepare', 'call', ' ', '\n', '.', '..', 'a.b', 'Ks.T1', 'ks.`t`', '`a``b`', '`ks:-80`', '`x@y`', '`Ab`', '"Q.x"', "'s'",
  '@v', '@@sys.v', 'ks@replica', 'a@', 'x$y', '_t', ':', '::', ':a', '[', ']', '(', ')', ',', 'from', 'FROM', 't', 'T', 'customer_id', '1', "n'x'",
  '/* c */', '-- c\n', '#c\n', '/*vt+ A=1 */', '=', 'é', '\u00a0',
];
const sqlish = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

describe('namesOfScan', () => {
  it('gives the names of the version it replaced (property)', () => {
    fc.assert(fc.property(sqlish, (sql) => {
      expect(nameCandidates(sql)).toEqual(oracle(sql));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 5000) });
  });
  it('with a shared map, returns the one string it holds per name', () => {
    const map = new Map<string, string>();
    const own = (n: string): string => `${n}`;
    const a = namesOfScan(scanTokens('SELECT Ks.T1.c FROM ks.t1'), undefined, { map, own })!;
    expect(a).toEqual(['select', 'ks', 't1', 'c', 'from']);
    const b = namesOfScan(scanTokens('select c from T1'), undefined, { map, own })!;
    expect(b).toEqual(['select', 'c', 'from', 't1']);
    expect(b[1]).toBe(map.get('c'));
    expect([...map.keys()]).toEqual(['select', 'ks', 't1', 'c', 'from']);
    expect(namesOfScan(scanTokens('select * from ks@replica.t'), undefined, { map, own })).toBeNull();
  });
});
