// Skipping what a change cannot affect must not change the report: over random VSchemas, random
// changes to them and random corpora, `diff` with skipping renders byte for byte what `--no-skip`
// (every statement planned, src/diff/routing-diff.ts) renders, in every output format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CorpusBuilder } from '../../src/corpus/aggregate.js';
import { nameCandidates } from '../../src/corpus/table-names.js';
import { type Report, type ReportInput, buildReport } from '../../src/diff/build-report.js';
import { keepShown } from '../../src/diff/query-sinks.js';
import { filePlanCache } from '../../src/io/plan-cache.js';
import { TEXT_ROWS, renderDiffText } from '../../src/report/diff-text.js';
import { MARKDOWN_ROWS, renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { ALL_RULE_META } from '../../src/rules/index.js';
import type { Finding } from '../../src/core/finding.js';
import { run } from '../cli/run.js';
import { COLS, KS, TABLES, clusterArb, files, mutate, mutationArb } from './random-clusters.js';

const QTABLES = [...TABLES, 'missing', 'lk', 'dual'];
const SHAPES: Array<(t1: string, t2: string, col: string, lit: number) => string> = [
  (t1, _t2, col, lit) => `select * from ${t1} where ${col} = ${lit}`,
  (t1, t2, col) => `select a.${col} from ${t1} a join ${t2} b on a.${col} = b.${col} where a.${col} in (1, 2)`,
  (t1, _t2, col, lit) => `insert into ${t1} (${col}, name) values (${lit}, 'x')`,
  (t1, _t2, col, lit) => `update ${t1} set name = 'y' where ${col} = ${lit}`,
  (t1, _t2, col, lit) => `delete from ${t1} where ${col} = ${lit}`,
  (t1, t2, col) => `select * from ${t1} where ${col} = (select ${col} from ${t2} where email = 'e')`,
  (t1) => `select next 1 values from ${t1}`,
  () => 'select 1 from dual',
  (t1, _t2, col) => `select count(*) from ${t1} where ${col} like 'ab%'`,
  (t1, t2) => `select id from ${t1} union select id from ${t2}`,
  (t1, _t2, col) => `select * from ${t1} where ${col} = :v`,
  (t1, _t2, _col, lit) => `select * from ${t1} where id = ${lit} for update`,
];
const stmtArb = fc.record({
  shape: fc.nat(SHAPES.length - 1),
  t1: fc.constantFrom(...QTABLES),
  t2: fc.constantFrom(...QTABLES),
  q1: fc.option(fc.constantFrom(...KS, 'nosuch'), { freq: 3 }),
  col: fc.constantFrom(...COLS),
  lit: fc.nat(1000),
  quote: fc.boolean(),
  count: fc.integer({ min: 1, max: 50 }),
});

type Stmt = { shape: number; t1: string; t2: string; q1: string | null; col: string; lit: number; quote: boolean; count: number };

function corpus(stmts: Stmt[]): NonNullable<ReportInput['corpus']> {
  const b = new CorpusBuilder(true);
  stmts.forEach((s, i) => {
    const name = s.quote ? `\`${s.t1}\`` : s.t1;
    const t1 = s.q1 ? `${s.q1}.${name}` : name;
    b.add('q.sql', { sql: SHAPES[s.shape]!(t1, s.t2, s.col, s.lit), line: i + 1, count: s.count });
  });
  return { entries: b.entries(), files: ['q.sql'], lines: stmts.length, total: b.total };
}

/** Every output format of `diff`, as the CLI prints them. */
function renderAll(r: Report): string[] {
  return [
    renderMarkdown(r, { id: 't' }),
    JSON.stringify(r, null, 2),
    renderSarif(r.findings.introduced.map((f) => ({ ...f, severity: f.severity as Finding['severity'] })), ALL_RULE_META, 'test'),
    renderDiffText(r),
  ];
}

describe('skipping unaffected statements', () => {
  it('renders the same report as planning everything, in every format (property)', () => {
    let skipped = 0;
    let planned = 0;
    let changed = 0;
    fc.assert(
      fc.property(clusterArb, fc.array(mutationArb, { maxLength: 3 }), fc.array(stmtArb, { minLength: 1, maxLength: 14 }), fc.boolean(), (base, muts, stmts, topo) => {
        const head = muts.reduce(mutate, base);
        const input: ReportInput = {
          base: { label: 'base', files: files(base) }, head: { label: 'head', files: files(head) },
          corpus: corpus(stmts), topology: topo ? { customer: 4, commerce: ['-40', '40-'] } : null, ddl: [], version: 'test',
        };
        const withSkip = buildReport(input);
        const without = buildReport({ ...input, skipUnaffected: false });
        // The changed names listed up front (most statements decided from their text) or not: the same report.
        for (const listChanged of ['always', 'never'] as const) expect(renderAll(buildReport({ ...input, listChanged }))).toEqual(renderAll(withSkip));
        skipped += withSkip.routing!.unaffected.queries;
        planned += withSkip.routing!.queries.length;
        changed += withSkip.routing!.queries.filter((q) => q.change !== 'same').length;
        const a = renderAll(withSkip);
        const b = renderAll(without);
        for (let i = 0; i < a.length; i++) expect(a[i]).toBe(b[i]);
        // The markdown and text reports need only the rows they show (test/diff/query-sinks.test.ts proves it at scale).
        const md = keepShown(MARKDOWN_ROWS);
        expect(renderMarkdown(buildReport({ ...input, querySink: md }), { id: 't', rows: md.rows() })).toBe(a[0]);
        const text = keepShown(TEXT_ROWS);
        expect(renderDiffText(buildReport({ ...input, querySink: text }), text.rows())).toBe(a[3]);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
    // The property is only worth something if both paths were taken often.
    expect(skipped).toBeGreaterThan(100);
    expect(planned).toBeGreaterThan(100);
    expect(changed).toBeGreaterThan(10);
    if (process.env.PROPERTY_RUNS) console.log({ skipped, planned, changed });
  }, 120_000);

  it('renders the same report with a plan cache shared across runs of other VSchemas (property)', () => {
    // One cache for every run: entries written for one cluster are looked up for others, so a key
    // that missed something routing reads would hand back a wrong plan and change the report.
    const store = new Map<string, string>();
    const cache = { get: (k: string) => (store.has(k) ? JSON.parse(store.get(k)!) : undefined), put: (k: string, v: unknown) => void store.set(k, JSON.stringify(v)) };
    let hits = 0;
    fc.assert(
      fc.property(clusterArb, fc.array(mutationArb, { maxLength: 3 }), fc.array(stmtArb, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.boolean(), (base, muts, stmts, topo, skip) => {
        const head = muts.reduce(mutate, base);
        const input: ReportInput = {
          base: { label: 'base', files: files(base) }, head: { label: 'head', files: files(head) },
          corpus: corpus(stmts), topology: topo ? { customer: 4, commerce: ['-40', '40-'] } : null, ddl: [], version: 'test', skipUnaffected: skip,
        };
        // Then base and head swapped: each side is now looked up under the other's entries.
        for (const i of [input, { ...input, base: { ...input.head, label: 'base' }, head: { ...input.base, label: 'head' } }]) {
          const cached = buildReport({ ...i, planCache: cache });
          hits += cached.routing!.cache!.hits;
          delete cached.routing!.cache;
          expect(renderAll(cached)).toEqual(renderAll(buildReport(i)));
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
    expect(hits).toBeGreaterThan(100);
  }, 120_000);

  it('renders the same report through the on-disk plan pack, pruned by size and age between runs (property)', () => {
    // The same, with the cache of `diff --cache DIR`: reopened and flushed around every run, with a
    // clock that moves up to 40 days a run and a size bound that sometimes keeps only part of it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-pack-prop-'));
    let now = Date.UTC(2026, 0, 1);
    let hits = 0;
    let pruned = 0;
    try {
      fc.assert(
        fc.property(clusterArb, fc.array(mutationArb, { maxLength: 3 }), fc.array(stmtArb, { minLength: 1, maxLength: 14 }), fc.boolean(), fc.integer({ min: 0, max: 40 }), fc.constantFrom(0.002, 0.01, 64), (base, muts, stmts, topo, days, mb) => {
          const head = muts.reduce(mutate, base);
          const input: ReportInput = {
            base: { label: 'base', files: files(base) }, head: { label: 'head', files: files(head) },
            corpus: corpus(stmts), topology: topo ? { customer: 4, commerce: ['-40', '40-'] } : null, ddl: [], version: 'test',
          };
          now += days * 86_400_000;
          // Then base and head swapped, a run later: each side is looked up under the other's entries.
          for (const i of [input, { ...input, base: { ...input.head, label: 'base' }, head: { ...input.base, label: 'head' } }]) {
            const pack = filePlanCache(dir, 'test', { now, limits: { maxBytes: mb * 2 ** 20, maxAgeDays: 30 } });
            const cached = buildReport({ ...i, planCache: pack });
            const f = pack.flush();
            expect(pack.problem).toBeNull();
            expect(pack.rejected).toBe(0);
            hits += cached.routing!.cache!.hits;
            pruned += (f?.expired ?? 0) + (f?.overSize ?? 0) + (f?.usedDropped ?? 0);
            delete cached.routing!.cache;
            expect(renderAll(cached)).toEqual(renderAll(buildReport(i)));
          }
        }),
        { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(hits).toBeGreaterThan(50);
    expect(pruned).toBeGreaterThan(10);
  }, 120_000);

  it('gives the same golden reports with --no-skip', async () => {
    for (const c of fs.readdirSync('fixtures/diff').filter((d) => fs.statSync(`fixtures/diff/${d}`).isDirectory())) {
      const dir = `fixtures/diff/${c}`;
      const args = ['diff', '--base', `${dir}/base`, '--head', `${dir}/head`, '--queries', `${dir}/queries.sql`, '--topology', `${dir}/topology.json`];
      for (const format of ['markdown', 'json', 'text', 'sarif']) {
        const a = await run([...args, '--format', format]);
        const b = await run([...args, '--format', format, '--no-skip']);
        expect(b.out, `${c} ${format}`).toBe(a.out);
        expect(b.code).toBe(a.code);
      }
    }
  }, 60_000);

  it('plans a statement when a name it mentions changes, and skips one that reads nothing changed', () => {
    const base = [{ path: 'customer.json', text: JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }] }, orders: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }) }];
    const head = [{ path: 'customer.json', text: JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { user: { column_vindexes: [{ column: 'user_id', name: 'hash' }] }, orders: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }) }];
    const c = corpus([
      { shape: 0, t1: 'user', t2: 'user', q1: null, col: 'id', lit: 1, quote: false, count: 3 },
      { shape: 0, t1: 'orders', t2: 'orders', q1: null, col: 'id', lit: 1, quote: false, count: 5 },
    ]);
    const r = buildReport({ base: { label: 'b', files: base }, head: { label: 'h', files: head }, corpus: c, topology: null, ddl: [], version: 't' });
    expect(r.routing!.queries.map((q) => q.fingerprint)).toEqual(['select * from user where id = :vtg1']);
    expect(r.routing!.queries[0]!.change).toBe('worse');
    expect(r.routing!.unaffected).toEqual({ queries: 1, occurrences: 5 });
    expect(r.routing!.counts).toEqual({ worse: 1, better: 0, same: 0, 'newly-failing': 0, fixed: 0, failing: 0 });
    expect(renderMarkdown(r)).toContain('the other 1 of 2 (63 % of sampled traffic) read only tables whose routing this change leaves identical');
  });
});

/** A sharded `customer` keyspace with `user` (hash on id, a lookup on email) and `extra` tables. */
const ks = (over: Record<string, unknown>): string => JSON.stringify({
  sharded: true,
  vindexes: { hash: { type: 'hash' }, lk: { type: 'lookup_hash_unique', params: { table: 'lookup.name_idx', from: 'email', to: 'keyspace_id' } } },
  tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }, { column: 'email', name: 'lk' }] } },
  ...over,
});

describe('what a statement reads besides the names it mentions', () => {
  // Each case changes only something the statement does not name; the statement must be planned,
  // and its routing does change (so a signature that missed the dependency would hide a change).
  it.each([
    {
      what: 'the keyspace of a lookup vindex\'s backing table',
      sql: "select * from user where email = 'a'",
      base: { 'customer.json': ks({}), 'lookup.json': JSON.stringify({ sharded: false, tables: { name_idx: {} } }) },
      head: { 'customer.json': ks({}), 'lookup.json': JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { name_idx: { column_vindexes: [{ column: 'keyspace_id', name: 'hash' }] } } }) },
    },
    {
      what: 'a reference table whose source is the named table (an alternate for joins)',
      sql: 'select * from user u join product p on u.id = p.id where u.id = 1',
      base: { 'customer.json': ks({ tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }] }, product_copy: { type: 'reference', source: 'commerce.product' } } }), 'commerce.json': JSON.stringify({ sharded: false, tables: { product: {} } }) },
      head: { 'customer.json': ks({ tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }), 'commerce.json': JSON.stringify({ sharded: false, tables: { product: {} } }) },
    },
    {
      what: 'the table a routing rule sends the named table to',
      sql: 'select * from orders where id = 1',
      base: { 'customer.json': ks({ tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }] }, o2: { column_vindexes: [{ column: 'id', name: 'hash' }] } } }), 'routing_rules.json': JSON.stringify({ rules: [{ from_table: 'orders', to_tables: ['customer.o2'] }] }) },
      head: { 'customer.json': ks({ tables: { user: { column_vindexes: [{ column: 'id', name: 'hash' }] }, o2: { column_vindexes: [{ column: 'other', name: 'hash' }] } } }), 'routing_rules.json': JSON.stringify({ rules: [{ from_table: 'orders', to_tables: ['customer.o2'] }] }) },
    },
  ])('$what', ({ sql, base, head }) => {
    const side = (fs: Record<string, string | undefined>): Array<{ path: string; text: string }> => Object.entries(fs).map(([path, text]) => ({ path, text: text! }));
    const b = new CorpusBuilder(true);
    b.add('q.sql', { sql, line: 1, count: 1 });
    const input: ReportInput = { base: { label: 'b', files: side(base) }, head: { label: 'h', files: side(head) }, corpus: { entries: b.entries(), files: ['q.sql'], lines: 1, total: 1 }, topology: null, ddl: [], version: 't' };
    const r = buildReport(input);
    expect(r.routing!.unaffected.queries).toBe(0);
    const q = r.routing!.queries[0]!;
    expect(JSON.stringify(q.base)).not.toBe(JSON.stringify(q.head));
    expect(renderAll(r)).toEqual(renderAll(buildReport({ ...input, skipUnaffected: false })));
  });
});

describe('name candidates', () => {
  it('lists every identifier, split at dots, lower-cased', () => {
    expect(nameCandidates('SELECT u.Id FROM customer.`User` u JOIN orders o ON o.uid = u.id')?.sort()).toEqual(
      ['customer', 'from', 'id', 'join', 'o', 'on', 'orders', 'select', 'u', 'uid', 'user'].sort());
  });
  it('gives up on what a token pass cannot classify: targeting, USE, dynamic SQL', () => {
    expect(nameCandidates('select * from `customer:-80`.user')).toBeNull();
    expect(nameCandidates('select * from `customer@replica`.user')).toBeNull();
    expect(nameCandidates('select * from customer@replica.user')).toBeNull();
    expect(nameCandidates('use customer')).toBeNull();
    expect(nameCandidates('execute stmt using @a')).toBeNull();
    expect(nameCandidates('select @@autocommit, @x from t')).not.toBeNull();
  });
});
