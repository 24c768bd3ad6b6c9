// A corpus that yields nothing never passes silently: missing files are errors, CSV/JSON exports name
// their SQL and count columns (--sql-column / --count-column, or a recognisable header), and a corpus
// with no plannable statement fails the diff with its reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/io/read-corpus.js';
import { detectInputType } from '../../src/corpus/formats.js';
import { run } from '../cli/run.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-cols-'));
const write = (name: string, text: string): string => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};
const CSV = 'id,raw_sql,calls\n1,"select * from customer where customer_id = 1",7\n2,"select * from corder where customer_id = 2",3\n';
const EX = 'fixtures/examples/commerce-customer';

describe('CSV / JSON columns', () => {
  it('detects a CSV export whose SQL column is raw_sql and reads it', async () => {
    const f = write('export.txt', CSV);
    expect(detectInputType(f, CSV)).toBe('csv');
    const r = await readCorpus([f], undefined, undefined);
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => [e.sql, e.count])).toEqual([
      ['select * from customer where customer_id = 1', 7],
      ['select * from corder where customer_id = 2', 3],
    ]);
  });
  it('takes the columns by name when given', async () => {
    const f = write('named.csv', 'a,b,stmt,n\nx,y,select 1 from customer,5\n');
    const r = await readCorpus([f], 'csv', undefined, { sql: 'stmt', count: 'n' });
    expect(r.entries.map((e) => [e.sql, e.count])).toEqual([['select 1 from customer', 5]]);
    const j = write('named.json', '[{"text": "select 1 from customer", "hits": 4}]');
    const rj = await readCorpus([j], 'json', undefined, { sql: 'text', count: 'hits' });
    expect(rj.entries.map((e) => [e.sql, e.count])).toEqual([['select 1 from customer', 4]]);
  });
  it('a header without a SQL column is one problem naming the columns and the option, not one per row', async () => {
    const f = write('nosql.csv', 'a,b\n1,2\n3,4\n5,6\n');
    const r = await readCorpus([f], 'csv', undefined);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/a, b.*--sql-column/);
  });
});

describe('diff with a corpus that yields nothing', () => {
  it('a missing query file is an error (exit 2)', async () => {
    const r = await run(['diff', '--base', `${EX}/base`, '--head', `${EX}/base`, '--queries', path.join(tmp, 'nope.log')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope\.log.*no such file/);
  });
  it('no plannable statement fails with the reason', async () => {
    const f = write('junk.sql', 'this is not sql;\nneither is this;\n');
    const r = await run(['diff', '--base', `${EX}/base`, '--head', `${EX}/base`, '--queries', f, '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { summary: { verdict: string; reasons: string[] } };
    expect(j.summary.verdict).toBe('fail');
    expect(j.summary.reasons.join(' ')).toMatch(/no plannable query/);
  });
  it('--sql-column and --count-column reach the CSV reader from the CLI', async () => {
    const f = write('cli.csv', 'x,stmt,n\n1,select * from customer where customer_id = 1,9\n');
    const r = await run(['diff', '--base', `${EX}/base`, '--head', `${EX}/base`, '--queries', f, '--sql-column', 'stmt', '--count-column', 'n', '--format', 'json']);
    const j = JSON.parse(r.out) as { corpus: { statements: number } };
    expect(j.corpus.statements).toBe(9);
  });
});
