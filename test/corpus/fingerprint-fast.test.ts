// The single-pass fingerprinter (src/corpus/fingerprint.ts over src/corpus/scan.ts) against the
// moo-token version it replaced (test/corpus/fingerprint-oracle.ts): same tokens, same fingerprints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/corpus/fingerprint.js';
import { firstToken as oracleFirstToken, tokenize } from './lexer-oracle.js';
import { T, firstToken, scanTokens } from '../../src/corpus/scan.js';
import { fingerprint as oracle } from './fingerprint-oracle.js';
import { sqlText } from './sql-pieces.js';

const TYPE_NAMES = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

const PIECES = [
  'select', 'SELECT', ' ', '  ', '\n', '\t', '\r', "'", "''", '"', '""', '`', '``', '\\', "n'", "N'", "x'", "X'1f'", "x'zz'", "b'01'", "B'2'",
  '0x1f', '0b1', '0x', '0b', '0', '1', '42', '1.5', '1.', '.5', '.', '1e5', '2E-3', 'e', 'E+', '-', '+', '--', '-- ', '--\t', '#', '/*', '*/', '*',
  '/*vt+ PLANNER=gen4 */', '/*vt+', 'in', 'IN', 'In', '(', ')', ',', ':', '::', ':a', '::list', ':=', '?', '@', '@@', '@x', '$', '<', '=', '>',
  '<=>', '<=', '>=', '<>', '!=', '!', '|', '||', '&', '&&', '->', '->>', '<<', '>>', 'a', 't1', 'user', 'u.id', 'é', '\u00a0', '\u2028', '\ufeff',
  '😀', 'values', 'limit', 'offset', 'where', 'and', 'count', 'max', 'from', 'ks@replica', '`ks:-80`', '[', ']', ';', 'not', 'then', 'else',
];
const sqlish = fc.oneof(
  { weight: 3, arbitrary: sqlText },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'\'"`\\-#/*xXnNbB01.e: \n(),in'.split('')), maxLength: 40 }) },
);

describe('single-pass fingerprinter', () => {
  it('scans the same tokens as the moo lexer (property)', () => {
    fc.assert(fc.property(sqlish, (sql) => {
      const s = scanTokens(sql);
      const mine = Array.from({ length: s.count }, (_, k) => `${TYPE_NAMES[s.types[k]!]}:${sql.slice(s.starts[k]!, s.ends[k]!)}`);
      expect(mine).toEqual(tokenize(sql).map((t) => `${t.type}:${t.text}`));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) });
  });

  it('finds the same first token as the moo lexer (property)', () => {
    fc.assert(fc.property(sqlish, (sql) => {
      const mine = firstToken(sql);
      const theirs = oracleFirstToken(sql);
      expect(mine ? `${TYPE_NAMES[mine.type]}:${mine.text}` : null).toBe(theirs ? `${theirs.type}:${theirs.text}` : null);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) });
  });

  it('gives exactly the fingerprints of the moo-token fingerprinter (property)', () => {
    fc.assert(fc.property(sqlish, (sql) => {
      expect(fingerprint(sql)).toBe(oracle(sql));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) });
  });

  it('agrees on realistic statements', () => {
    for (const sql of [
      "SELECT * FROM user WHERE id IN (1, -2, +3) AND name = N'x' -- c\n LIMIT 10",
      "insert into t (a,b) values (1,'it''s'),(2,\"q\\\"\"), (-1, x'1F')",
      'select /*vt+ QUERY_TIMEOUT_MS=10 */ count(*), max(`a``b`) from `ks`.t where c <=> :v and d in ::list',
      "select a->>'$.x' from t where b = 0x1f or c = 0b101 or d = 1.5e-3 # trailing",
      // Ten and more literals (several-digit binds), a long statement, lone surrogates and non-ASCII operators.
      `insert into t values ${Array.from({ length: 120 }, (_, i) => `(${i}, -${i}, 'v${i}', \`Col${i}\`)`).join(', ')}`,
      `select ${'`é\ud800`, '.repeat(2000)}MAX (x), f(-1), Count(*) from t where a in (-1, +2) and b = - 3 \udc00 ¬`,
    ]) expect(fingerprint(sql)).toBe(oracle(sql));
  });
});
