// Batched planning (parse a batch, then plan it) must give exactly what one-by-one planning gives,
// and the diff path (one parse, two plans) must treat statements like `simulate` does.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRouting } from '../../src/diff/routing-diff.js';
import { makeContext } from '../../src/simulate/context.js';
import { PLAN_BATCH, PLAN_BATCH_CHARS, type StatementPlan, forEachPrepared, planStatement, planStatements } from '../../src/simulate/simulate.js';
import { buildTopology } from '../../src/topology/topology.js';
import { loadClusters } from '../../src/vschema/load.js';

const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/simulate/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);
const queries = (JSON.parse(fs.readFileSync('fixtures/simulate/cases.json', 'utf8')) as Array<{ query: string }>).map((c) => c.query);

/** What a plan reports (route operators keep planner internals that differ run to run). */
const shown = (p: StatementPlan): unknown => ({
  routes: p.routes.map((r) => [r.operator, r.variant, r.keyspace, r.vindex, r.values]),
  pushdown: p.pushdown, fanout: p.fanout, error: p.error, kind: p.kind, skipped: p.skipped,
});

describe('planStatements', () => {
  it('equals planStatement one by one, over more than one batch', () => {
    const copies = Math.ceil(PLAN_BATCH / queries.length) + 1;
    const many = [...queries, 'set autocommit = 1', 'select next 2 values from seq', 'select from where', ...Array.from({ length: copies }, () => queries).flat()];
    expect(many.length).toBeGreaterThan(PLAN_BATCH);
    expect(planStatements(ctx, many).map(shown)).toEqual(many.map((q) => shown(planStatement(ctx, q))));
  }, 60_000); // thousands of statements planned twice: seconds on a loaded 2-core machine

  it('ends a batch at PLAN_BATCH statements or PLAN_BATCH_CHARS characters, whichever comes first', () => {
    const long = `select * from customer where name = '${'x'.repeat(20000)}'`;
    const sqls = [...Array.from({ length: Math.ceil((2.5 * PLAN_BATCH_CHARS) / long.length) }, () => long), ...Array.from({ length: PLAN_BATCH + 5 }, () => queries[0]!)];
    const events: string[] = [];
    forEachPrepared(sqls.map((sql, i) => ({ sql, i })), (it) => (events.push(`p${it.i}`), it.sql), (it, p) => {
      expect(p.kind).toBe('parsed');
      events.push(`f${it.i}`);
    });
    // A batch is a run of prepares (the planning of its items follows it).
    const batches: number[][] = [];
    events.forEach((e, k) => {
      if (e[0] !== 'p') return;
      if (k === 0 || events[k - 1]![0] === 'f') batches.push([]);
      batches.at(-1)!.push(Number(e.slice(1)));
    });
    expect(batches.flat()).toEqual(sqls.map((_, i) => i));
    expect(events.filter((e) => e[0] === 'f')).toEqual(sqls.map((_, i) => `f${i}`));
    for (const b of batches) {
      expect(b.length).toBeLessThanOrEqual(PLAN_BATCH);
      // Characters before the last statement of a batch stay under the bound.
      expect(b.slice(0, -1).reduce((n, i) => n + sqls[i]!.length, 0)).toBeLessThan(PLAN_BATCH_CHARS);
    }
    expect(batches.length).toBeGreaterThanOrEqual(4); // 2 bounded by characters, 2 by count
  });
});

describe('diff routing', () => {
  it('skips session statements and reads Vitess syntax like simulate does', () => {
    const topo = buildTopology(cluster, null).topology;
    const entries = ['show tables', 'set autocommit = 1', 'select * from customer where customer_id in ::ids'].map((sql, i) => ({
      file: 'q.sql', line: i + 1, sql, fingerprint: sql, count: 1, names: null, // null: always planned
    }));
    const { routing } = diffRouting(ctx, ctx, topo, topo, entries);
    const [show, set, list] = routing.queries;
    expect(show!.base.skipped).toMatch(/SHOW/);
    expect(set!.head.skipped).toMatch(/session settings/);
    expect(list!.head.error).toBeNull();
    expect(list!.head.routes.map((r) => r.variant)).toEqual(['IN']);
    expect(routing.queries.map((q) => q.change)).toEqual(['same', 'same', 'same']);
  });
});
