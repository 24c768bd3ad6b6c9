// The CorpusBuilder (src/corpus/aggregate.ts: fingerprints written once, found by their hash in
// src/corpus/fingerprint-index.ts) against the builder it replaced (test/corpus/aggregate-oracle.ts,
// string keys): the same entries in the same order (samples, lines, counts, fingerprints, keyspaces)
// and the same total, with the real hash and with degenerate ones that make every key collide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusBuilder } from '../../src/corpus/aggregate.js';
import type { WrittenHash } from '../../src/corpus/fingerprint-index.js';
import { hashWritten } from '../../src/corpus/fingerprint-writer.js';
import { CorpusBuilder as OracleBuilder } from './aggregate-oracle.js';
import { sqlText } from './sql-pieces.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);

/** Hashes to test with: the real one, all keys in one bucket, only the keyspace, the real one in 2 bits. */
const HASHES: Array<[string, WrittenHash | undefined]> = [
  ['default', undefined],
  ['constant', () => 7],
  ['keyspace only', (seed) => seed],
  ['2-bit', (seed) => hashWritten(seed) & 3],
];

/** One statement: text with its literals varied, a line, a weight, and a keyspace ('' and null: the default). */
const statement = fc.record({
  shape: fc.nat({ max: 11 }),
  literal: fc.constantFrom('1', '22', "'a'", '"b"', '-3', '1.5e3', "x'1f'"),
  count: fc.constantFrom(1, 1, 1, 2, 7),
  keyspace: fc.constantFrom<string | null>(null, null, '', 'ks', 'other', 'ks2', 'k'),
});
const corpus = fc.tuple(fc.array(sqlText, { minLength: 1, maxLength: 12 }), fc.array(statement, { maxLength: 40 })).map(([shapes, stmts]) =>
  stmts.map((s, i) => ({
    sql: `${shapes[s.shape % shapes.length]} ${s.shape % 3 === 0 ? `where id = ${s.literal}` : ''}`,
    line: i + 1,
    count: s.count,
    keyspace: s.keyspace,
  })),
);

/** The oracle's entries as the builder gives them now (names are read on demand, not when building). */
function oracleEntries(b: OracleBuilder): unknown[] {
  return b.entries().map(({ names: _, ...e }) => e);
}

describe('CorpusBuilder: de-duplication by hashed fingerprints', () => {
  it.each(HASHES)('gives the oracle builder\'s entries with the %s hash (property)', (_name, hash) => {
    fc.assert(fc.property(corpus, fc.boolean(), (stmts, dedupe) => {
      const mine = new CorpusBuilder(dedupe, hash);
      const theirs = new OracleBuilder(dedupe);
      for (const s of stmts) {
        mine.add('q.log', { sql: s.sql, line: s.line, count: s.count }, s.keyspace);
        theirs.add('q.log', { sql: s.sql, line: s.line, count: s.count }, s.keyspace);
      }
      expect(mine.total).toBe(theirs.total);
      expect(JSON.stringify(mine.entries())).toBe(JSON.stringify(oracleEntries(theirs)));
    }), { numRuns: Math.ceil(RUNS / 3) });
  });

  it('keeps the same text in two keyspaces apart, and merges what differs only in literals', () => {
    const b = new CorpusBuilder(true, () => 0);
    b.add('a.log', { sql: 'select * from t where id = 1', line: 1, count: 1 }, null);
    b.add('a.log', { sql: 'select * from t where id = 2', line: 2, count: 2 }, 'ks');
    b.add('a.log', { sql: 'SELECT * FROM t WHERE id = 3', line: 3, count: 1 }, '');
    b.add('a.log', { sql: 'select * from t where id = 4 -- c', line: 4, count: 1 }, 'ks');
    b.add('a.log', { sql: 'select * from u where id = 5', line: 5, count: 1 }, null);
    expect(b.entries().map((e) => [e.line, e.count, e.keyspace ?? null, e.fingerprint])).toEqual([
      [1, 2, null, 'select * from t where id = :vtg1'],
      [2, 3, 'ks', 'select * from t where id = :vtg1'],
      [5, 1, null, 'select * from u where id = :vtg1'],
    ]);
    expect(b.total).toBe(6);
  });

  it('grows its table past thousands of entries and still finds every one', () => {
    const b = new CorpusBuilder(true);
    for (let round = 0; round < 2; round++) for (let i = 0; i < 5000; i++) b.add('a.log', { sql: `select c${i} from t where id = ${round}`, line: i, count: 1 }, i % 2 ? 'ks' : null);
    expect(b.entries()).toHaveLength(5000);
    expect(b.entries().every((e) => e.count === 2)).toBe(true);
  });

  it('grows its table with every key colliding (one hash, probes wrapping around the table)', () => {
    for (const hash of [() => -1, () => 0x7fffffff, () => 12345]) {
      const b = new CorpusBuilder(true, hash);
      for (let round = 0; round < 2; round++) for (let i = 0; i < 3000; i++) b.add('a.log', { sql: `select c${i % 1500} from t where id = ${round}`, line: i, count: 1 }, i < 1500 ? null : 'ks');
      expect(b.entries().map((e) => `${e.keyspace ?? ''}/${e.fingerprint}/${e.count}`)).toEqual(
        Array.from({ length: 3000 }, (_, i) => `${i < 1500 ? '' : 'ks'}/select c${i % 1500} from t where id = :vtg1/2`),
      );
    }
  });

  it('copies samples out of their line, non-ASCII ones too', () => {
    const b = new CorpusBuilder(false);
    const line = `xx select 'é😀', 1 from t yy`;
    b.add('a.log', { sql: line.slice(3, -3), line: 1, count: 1 });
    b.add('a.log', { sql: 'select 1'.slice(0), line: 2, count: 1 });
    const huge = `select ${'a, '.repeat(40_000)}b from t`;
    b.add('a.log', { sql: `x${huge}`.slice(1), line: 3, count: 1 });
    b.add('a.log', { sql: `${huge}é`, line: 4, count: 1 });
    expect(b.entries().map((e) => e.sql)).toEqual([`select 'é😀', 1 from t`, 'select 1', huge, `${huge}é`]);
  });
});
