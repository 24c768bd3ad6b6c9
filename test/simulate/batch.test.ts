// Batched planning (parse a batch, then plan it) must give exactly what one-by-one planning gives,
// and the diff path (one parse, two plans) must treat statements like `simulate` does.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffRouting } from '../../src/diff/routing-diff.js';
import { makeContext } from '../../src/simulate/context.js';
import { PLAN_BATCH, type StatementPlan, planStatement, planStatements } from '../../src/simulate/simulate.js';
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
  });
});

describe('diff routing', () => {
  it('skips session statements and reads Vitess syntax like simulate does', () => {
    const topo = buildTopology(cluster, null).topology;
    const entries = ['show tables', 'set autocommit = 1', 'select * from customer where customer_id in ::ids'].map((sql, i) => ({
      file: 'q.sql', line: i + 1, sql, fingerprint: sql, count: 1,
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
