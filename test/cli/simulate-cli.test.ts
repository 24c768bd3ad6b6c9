import { describe, expect, it } from 'vitest';
import { expectGolden } from '../golden.js';
import { run } from './run.js';

const EX = 'fixtures/examples/commerce-customer';

describe('vschema-guard simulate', () => {
  it('refuses a VSchema vtgate would not load: exit 1 with vtgate\'s error, nothing planned (issue 14)', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-sim-'));
    const vs = path.join(dir, 'vschema.json');
    fs.writeFileSync(vs, JSON.stringify({
      ks: { sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'nope' }] }, u: { column_vindexes: [{ column: 'id', name: 'hash' }] } } },
    }));
    const q = path.join(dir, 'q.sql');
    fs.writeFileSync(q, 'select * from t where id = 1\nselect * from u where id = 1\n');
    const r = await run(['simulate', '--vschema', vs, '--queries', q]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('vtgate would not load keyspace "ks": vindex nope not found for table t');
    expect(r.err).not.toMatch(/column ``|`: /);
    const j = await run(['simulate', '--vschema', vs, '--queries', q, '--format', 'json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ queries: [], error: 'vtgate would not load this VSchema' });
    fs.rmSync(dir, { recursive: true });
  });

  it('reports routes, shards and reasons for the example slow log (golden)', async () => {
    const args = ['simulate', '--vschema', `${EX}/base`, '--queries', `${EX}/queries.log`, '--topology', `${EX}/topology.json`];
    const text = await run(args);
    expect(text.code).toBe(0);
    expectGolden('simulate-commerce.txt', text.out);
    const json = await run([...args, '--format', 'json']);
    expectGolden('simulate-commerce.json', JSON.stringify(JSON.parse(json.out), null, 2) + '\n');
  });

  it('de-duplicates a log by fingerprint with counts and first lines', async () => {
    const r = await run(['simulate', '--vschema', `${EX}/base`, '--queries', `${EX}/queries.log`, '--format', 'json']);
    const doc = JSON.parse(r.out) as { queries: Array<{ count: number; line: number; fingerprint: string }>; summary: { occurrences: number } };
    expect(doc.summary.occurrences).toBe(1470);
    expect(doc.queries).toHaveLength(12);
    expect(doc.queries.reduce((s, q) => s + q.count, 0)).toBe(1470);
    expect(new Set(doc.queries.map((q) => q.fingerprint)).size).toBe(12);
  });

  it('keeps one entry per line for one-statement-per-line files (the conformance contract)', async () => {
    const r = await run(['simulate', '--vschema', 'fixtures/simulate/vschema.json', '--queries', 'fixtures/corpus/lines.txt', '--format', 'json']);
    const doc = JSON.parse(r.out) as { queries: Array<{ line: number; routes: Array<{ variant: string }>; error: string | null }> };
    expect(doc.queries.map((q) => [q.line, q.routes.map((x) => x.variant).join(',')])).toEqual([[1, 'EqualUnique'], [2, 'EqualUnique'], [4, 'Scatter']]);
  });

  it('keeps going after unparsable statements', async () => {
    const r = await run(['simulate', '--vschema', 'fixtures/simulate/vschema.json', '--queries', 'fixtures/corpus/script.sql', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { queries: unknown[] };
    expect(doc.queries).toHaveLength(4);
  });

  it('fails clearly on usage errors', async () => {
    expect((await run(['simulate', '--queries', 'x'])).err).toMatch(/--vschema PATH is required/);
    expect((await run(['simulate', '--vschema', 'fixtures/simulate/vschema.json', '--default-keyspace', 'nope'])).code).toBe(2);
    expect((await run(['simulate', '--vschema', 'fixtures/simulate/vschema.json', '--input-type', 'xml'])).code).toBe(2);
  });
});

describe('vschema-guard locate', () => {
  it('names the keyspace id and shard of a value through a table primary vindex', async () => {
    const r = await run(['locate', '--vschema', `${EX}/base`, '--table', 'customer.customer', '--value', '1', '--topology', `${EX}/topology.json`, '--format', 'json']);
    expect(JSON.parse(r.out)).toMatchObject({ keyspace: 'customer', vindex: 'xxhash', keyspace_id: 'd46405367612b4b7', shard: 'c0-' });
  });
  it('works on a bare vindex type', async () => {
    const r = await run(['locate', '--vindex-type', 'hash', '--value', '1', '--format', 'json']);
    expect(JSON.parse(r.out)).toMatchObject({ keyspace_id: '166b40b44aba4bd6', shard: '-80' });
  });
  it('says why a lookup vindex cannot be located', async () => {
    const r = await run(['locate', '--vindex-type', 'lookup_unique', '--value', '1', '--format', 'json']);
    expect(JSON.parse(r.out).unknown).toMatch(/lookup vindex/);
  });
});
