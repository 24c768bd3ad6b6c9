import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/io/read-corpus.js';
import { detectInputType } from '../../src/corpus/formats.js';
import fs from 'node:fs';

const F = 'fixtures/corpus/';
const short = (s: string): string => s.replace(/\s+/g, ' ');

describe('corpus formats', () => {
  it('detects each format from content', () => {
    const t = (f: string): string => detectInputType(F + f, fs.readFileSync(F + f, 'utf8'));
    expect(['script.sql', 'lines.txt', 'slow.log', 'general.log', 'vtgate.log', 'queries.json', 'queries.csv'].map(t)).toEqual([
      'sql', 'lines', 'slowlog', 'generallog', 'vtgatelog', 'json', 'csv',
    ]);
  });

  it('splits a SQL script at top-level semicolons, keeping start lines', async () => {
    const r = await readCorpus([F + 'script.sql'], undefined, undefined);
    expect(r.entries.map((e) => [e.line, short(e.sql)])).toEqual([
      [2, 'select * from corder where customer_id = 5'],
      [5, 'select name from customer where customer_id in (1, 2)'],
      [6, "insert into corder (customer_id, email, note) values (5, 'a;b@c.d', 'multi line; note')"],
      [8, 'select * from customer where customer_id = 6'],
    ]);
  });

  it('keeps one entry per line for one-statement-per-line files unless --dedupe', async () => {
    const plain = await readCorpus([F + 'lines.txt'], undefined, undefined);
    expect(plain.entries.map((e) => e.line)).toEqual([1, 2, 4]);
    const dd = await readCorpus([F + 'lines.txt'], undefined, true);
    expect(dd.entries.map((e) => [e.line, e.count])).toEqual([[1, 2], [4, 1]]);
    expect(dd.entries[0]!.fingerprint).toBe('select * from customer where customer_id = :vtg1');
  });

  it('reads slow logs, skipping headers, use and SET timestamp, and de-duplicates by default', async () => {
    const r = await readCorpus([F + 'slow.log'], undefined, undefined);
    expect(r.entries.map((e) => [e.line, e.count, short(e.sql)])).toEqual([
      [9, 2, "select * from customer where name = 'ann'"],
      [20, 1, 'select * from customer where customer_id = 12'],
    ]);
  });

  it('reads general logs with multi-line queries', async () => {
    const r = await readCorpus([F + 'general.log'], undefined, undefined);
    expect(r.entries.map((e) => [e.line, e.count, short(e.sql)])).toEqual([
      [5, 2, 'select * from customer where customer_id = 1'],
      [6, 1, "select * from corder where email = 'x@y.z'"],
    ]);
  });

  it('reads vtgate query logs (Go-quoted SQL field)', async () => {
    const r = await readCorpus([F + 'vtgate.log'], undefined, undefined);
    expect(r.entries.map((e) => e.sql)).toEqual(['select * from customer where customer_id = :vtg1', 'select * from customer where name = "x\ty"']);
  });

  it('reads JSON and CSV with frequencies', async () => {
    const j = await readCorpus([F + 'queries.json'], undefined, undefined);
    expect(j.entries.map((e) => e.count)).toEqual([9000, 120, 1]);
    const c = await readCorpus([F + 'queries.csv'], undefined, undefined);
    expect(c.entries.map((e) => [e.count, short(e.sql)])).toEqual([
      [500, 'select * from customer where customer_id = 1'],
      [25, `select name, "x" from customer where name = 'a,b'`],
      [3, 'select * from corder'],
    ]);
  });

  it('reports unreadable files and records with their location, and keeps going', async () => {
    const r = await readCorpus([F + 'missing.sql', F + 'lines.txt'], undefined, undefined);
    expect(r.problems[0]!.message).toMatch(/cannot read .*missing\.sql: no such file/);
    expect(r.entries).toHaveLength(3);
  });
});
