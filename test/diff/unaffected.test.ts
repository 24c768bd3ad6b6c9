// The text-only decision of src/diff/unaffected.ts is exact where it decides: whenever
// quickUnaffected says a statement is unaffected, its names (src/corpus/table-names.ts) are a list
// with no changed name — over random statements with names, quotes, targets, variables, comments,
// case and non-ASCII text, and random sets of changed names taken from the statements' own names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameCandidates } from '../../src/corpus/table-names.js';
import type { RoutingSignatures } from '../../src/diff/routing-signature.js';
import { changedNames, quickUnaffected } from '../../src/diff/unaffected.js';
import { SCRIPT_PIECES } from '../sql/script-pieces.js';

const WORDS = ['select', 'SELECT', 'from', 'where', 'Users', 'users', 'user', 'ks', 'KS.T', 'ks.t', 'orders', 'id', 'c1', 'use', 'Use', 'execute', 'call', 'handler', 'prepare', 'deallocate', 'in', 'join', 'on'];
const PIECES = [
  ...WORDS, ' ', ' ', ' ', ',', '.', '(', ')', '=', '*', '1', "'a'", "'u@x'", "'10:00:00'", "'ü'", "'a[1]'", "'it''s'", "'x\\'y'", "'a\\'", "'", "':v'", "'ks@replica'", "'Users'", "'--'", "'#'", '"a@b"', '"Dq"', '"a b"', '`Users`', '`ks`.`t`', '`a``b`', '`ks:-80`', 'ks:-80', 'ks[-80]', 'ks@replica', '@v', '@@session.x', ':v', '?', '/* c */', '-- c\n', '# c\n',
  'é', 'İ', 'Σ', '\u00a0', '\t', '\n', ...SCRIPT_PIECES.slice(0, 30),
];
const PLAIN = [...WORDS, ' ', ' ', ',', '.', '(', ')', '=', '*', '1', "'a'", '"Dq"', '`Users`', '`ks`.`t`'];
const statement = fc.oneof(
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...PLAIN), { maxLength: 14 })).map(([w, xs]) => [w, ' ', ...xs].join('')) },
);

describe('quickUnaffected', () => {
  it('says unaffected only when the names are a list without a changed name (property)', () => {
    let decided = 0;
    let total = 0;
    fc.assert(
      fc.property(statement, fc.array(fc.constantFrom(...WORDS.map((w) => w.toLowerCase()), 't', 'a', 'dq', 'a b', 'a`b', 'nosuch'), { maxLength: 4 }), (sql, changed) => {
        total++;
        const quick = quickUnaffected(sql, changed);
        if (quick === null) return;
        decided++;
        const names = nameCandidates(sql);
        expect(names).not.toBeNull();
        for (const n of names!) expect(changed).not.toContain(n);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) },
    );
    // Worth something only if it decides often.
    expect(decided).toBeGreaterThan(total / 10);
  });

  it('sends to the scan what it cannot tell from the text', () => {
    for (const sql of ['use ks', 'select * from ks:-80.t', 'select * from t where a = :v', 'select @v', 'select * from `a``b`', 'select * from `Ünï`', '/* c */ select 1', '(select 1)', 'select * from users', 'EXECUTE stmt']) {
      expect(quickUnaffected(sql, ['users'])).toBeNull();
    }
    expect(quickUnaffected('select * from orders where id = 1', ['users'])).toBe(true);
    // Targeting characters and non-ASCII text inside plain single-quoted strings give no names.
    expect(quickUnaffected("select * from orders where email = 'u@x' and at > '10:00:00' and n = 'ü[1]'", ['users'])).toBe(true);
    for (const sql of ["select * from ks@replica.orders where e = 'u@x'", "select * from orders where e = 'u@x' and a = :v", "select * from orders where e = 'it''s @'", "select * from orders where e = 'u@x", "select * from orders where e = 'a\\'@' ", '/* \'@\' */ select 1', "select * from orders where a = 'a\\' b' and ks@r.x = 'c\\'d'", "select * from orders where e = 'u@x' -- '@'"]) {
      expect(quickUnaffected(sql, ['users']), sql).toBeNull();
    }
    expect(quickUnaffected('SELECT * FROM Orders', [])).toBe(true);
  });
});

describe('changedNames', () => {
  const sigs = (m: Record<string, string>): RoutingSignatures => ({
    global: 'g', of: (n) => m[n] ?? 'undeclared', declares: (n) => n in m, declared: () => new Set(Object.keys(m)),
  });
  it('lists the names declared on either side whose signature differs', () => {
    const base = sigs({ a: '1', b: '2', gone: 'x' });
    const head = sigs({ a: '1', b: '3', added: 'y' });
    expect([...changedNames(base, head)!].sort()).toEqual(['added', 'b', 'gone']);
    expect(changedNames(base, base)!.size).toBe(0);
  });
  it('gives up (null) past the limit', () => {
    const base = sigs({ a: '1', b: '2', c: '3' });
    const head = sigs({ a: '9', b: '9', c: '3' });
    expect(changedNames(base, head, 2)!.size).toBe(2);
    expect(changedNames(base, head, 1)).toBeNull();
  });
});
