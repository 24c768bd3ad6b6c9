// Vitess-style case file (planbuilder/testdata/*_cases.json): {comment, query, routes | error}.
// Routes are written `Operator:Variant@keyspace`, compared in order.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { loadClusters } from '../../src/vschema/load.js';

interface Case { comment: string; query: string; routes?: string[]; pushdown?: boolean; error?: string }
const cases = JSON.parse(fs.readFileSync('fixtures/simulate/cases.json', 'utf8')) as Case[];
const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/simulate/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);

describe('routing cases (fixtures/simulate/cases.json)', () => {
  it.each(cases.map((c) => [c.comment, c] as const))('%s', (_, c) => {
    const p = planStatement(ctx, c.query);
    if (c.error !== undefined) {
      expect(p.error).toContain(c.error);
      return;
    }
    expect(p.error).toBeNull();
    expect(p.routes.map((r) => `${r.operator}:${r.variant}@${r.keyspace}`)).toEqual(c.routes);
    if (c.pushdown !== undefined) expect(p.pushdown).toBe(c.pushdown);
  });
});

describe('route shards on the fixture topology', () => {
  it('names the shards of INSERT rows and skips session statements', async () => {
    const { explainPlan } = await import('../../src/simulate/explain.js');
    const { buildTopology } = await import('../../src/topology/topology.js');
    const topo = buildTopology(cluster, JSON.parse(fs.readFileSync('fixtures/simulate/topology.json', 'utf8'))).topology;
    const ins = explainPlan(planStatement(ctx, 'insert into customer(customer_id, name) values (1, \'a\'), (2, \'b\')'), topo);
    expect(ins.routes[0]!.shards).not.toBeNull();
    expect(ins.routes[0]!.keyspace_ids).toHaveLength(2);
    const seq = explainPlan(planStatement(ctx, "insert into customer(name) values ('a')"), topo);
    expect(seq.routes[0]!.shards).toBeNull();
    expect(seq.routes[0]!.shard_count).toBe(1);
    const set = explainPlan(planStatement(ctx, 'set autocommit = 1'), topo);
    expect(set.skipped).toMatch(/session settings/);
    expect(set.error).toBeNull();
  });
});
