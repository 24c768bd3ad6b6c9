// Routing rules where Vitess v24 (the oracle: vtexplain v0.24.4) plans differently from the v18 corpus
// or from what we planned before (issue 14). Expected routes are vtexplain's for the same statements.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { explainPlan } from '../../src/simulate/explain.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { buildTopology } from '../../src/topology/topology.js';
import { loadClusters } from '../../src/vschema/load.js';

const load = (dir: string) => loadClusters([{ path: 'vschema.json', text: fs.readFileSync(`fixtures/oracle/${dir}/vschema.json`, 'utf8') }]).clusters[0]!;
const ctxs = { music: makeContext(load('music')), tpch: makeContext(load('tpch')), tpcc: makeContext(load('tpcc')) };
const routes = (c: keyof typeof ctxs, sql: string): string[] | string => {
  const p = planStatement(ctxs[c], sql);
  return p.error ?? p.routes.map((r) => `${r.variant}@${r.keyspace}`).sort();
};

describe('subqueries (operators/subquery_builder.go, subquery_planning.go, subquery.go settle)', () => {
  it.each([
    // A correlated subquery that does not merge is only run apart as EXISTS.
    ['music', "select o.user_id, (select count(*) from name_user_idx as s where s.user_id = o.user_id) from user as o where o.name = 'x'", 'VT12001: unsupported: correlated subquery is only supported for EXISTS'],
    // NOT IN merges on its outer predicate like IN (both on hash): one route.
    ['tpch', 'select o.o_orderkey from orderkey_idx as o where o.o_orderkey not in (select s.ps_partkey from partsupp as s)', ['Scatter@tpch']],
    // … and takes the inner route's routing when the subquery is a top-level term.
    ['tpch', 'select o.o_orderkey from orderkey_idx as o where o.o_orderkey not in (select s.c_custkey from customer as s where s.c_custkey = 42)', ['EqualUnique@tpch']],
    // A top-level EXISTS is re-routed with the inner predicates once merged.
    ['tpcc', 'select o.w_id from warehouse as o where exists (select s.w_id from warehouse as s where s.w_id in (2) and s.w_id = o.w_id)', ['EqualUnique@tpcc']],
    // An inner route that reaches no shard (= NULL) merges with the outer and makes it None.
    ['tpcc', 'select o.h_w_id from history as o where o.h_w_id not in (select s.d_w_id from district as s where s.d_w_id = null)', ['None@tpcc']],
  ] as const)('%s: %s', (c, sql, expected) => {
    expect(routes(c, sql)).toEqual(expected);
  });
});

describe('None in a UNION merges with the other branch', () => {
  it('x = NULL union all (tuple IN) is one MultiEqual route', () => {
    expect(routes('music', "select music_id from sharded.music_user_idx as t where t.user_id = null union all select user_id from events as t where (t.event_key, t.payload) in (('x', 'bob38'), ('rock', 'jazz59'))"))
      .toEqual(['MultiEqual@sharded']);
  });
});

describe('LEFT JOIN turned inner by WHERE keeps its place in the join tree (operators/join.go MakeInner)', () => {
  it('does not merge the tables on either side of it', () => {
    expect(routes('music', "select t0.extra from user_extra as t0 left join email_user_idx as t1 on t0.extra = t1.keyspace_id join unsharded.countries as t2 on t0.extra = t2.name where t1.email = 'bob'"))
      .toEqual(['Scatter@sharded', 'Unsharded@unsharded', 'Unsharded@unsharded']);
  });
});

describe('Between (v24 engine.Between through a Sequential vindex)', () => {
  const cluster = loadClusters([{ path: 'v.json', text: JSON.stringify({ ks: { sharded: true, vindexes: { num: { type: 'numeric' }, hash: { type: 'hash' } }, tables: { n: { column_vindexes: [{ column: 'id', name: 'num' }] }, h: { column_vindexes: [{ column: 'id', name: 'hash' }] } } } }) }]).clusters[0]!;
  const ctx = makeContext(cluster);
  const topo = buildTopology(cluster, { ks: 4 }).topology;
  it('routes a numeric range to the shards of its key range; hash has no ranges', () => {
    const p = planStatement(ctx, 'select * from n where id between 1 and 5');
    expect(p.routes.map((r) => r.variant)).toEqual(['Between']);
    expect(p.fanout).toBe('multi');
    expect(explainPlan(p, topo).routes[0]!.shards).toEqual(['-40']);
    expect(explainPlan(planStatement(ctx, 'select * from n where id between 1 and 13835058055282163712'), topo).routes[0]!.shards).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(planStatement(ctx, 'select * from h where id between 1 and 5').routes.map((r) => r.variant)).toEqual(['Scatter']);
  });
  it('fails UPDATE/DELETE that would use it, like vtgate (unsupported opcode)', () => {
    expect(planStatement(ctx, 'update n set a = 1 where id between 7 and 42').error).toBe('unsupported opcode: Between');
  });
});

describe('DML on a reference table without a source', () => {
  it.each([
    ['insert into region (r_regionkey, r_name) values (42, \'a b\')', "table 'region' does not have a primary vindex"],
    ['delete from nation where nation.n_regionkey = 42', 'unsupported opcode: Reference'],
  ])('%s', (sql, error) => {
    expect(routes('tpch', sql)).toBe(error);
  });
});

describe('reference tables and sequences (vtexplain v0.24.4)', () => {
  it('a reference table column equal to a literal does not route the sharded table it is joined to', () => {
    expect(routes('tpch', 'select t0.ps_supplycost from partsupp as t0, nation as t1 where t0.ps_partkey = t1.n_nationkey and t1.n_nationkey = 10')).toEqual(['Scatter@tpch']);
  });
  it('a UNION of a reference route and a None route is None (union_merging.go order)', () => {
    expect(routes('tpch', "select r_regionkey from region as t where (t.r_name = 'bob' or t.r_name = 'US') union select r_regionkey from region as t where t.r_name = null")).toEqual(['None@tpch']);
  });
  it('an INSERT whose auto_increment column is absent or NULL also reads the sequence', async () => {
    const { touchedShards } = await import('../../src/simulate/explain.js');
    const cluster = load('tpch');
    const ctx = makeContext(cluster);
    const topo = buildTopology(cluster, { tpch: 2, tpch_main: 1 }).topology;
    const touched = (sql: string) => touchedShards(explainPlan(planStatement(ctx, sql), topo));
    expect(touched('insert into lineitem (l_orderkey, l_partkey) values (42, 100)')).toEqual(['tpch/80-', 'tpch_main/-']);
    expect(touched('insert into lineitem (l_id, l_orderkey, l_partkey) values (null, 42, 100)')).toEqual(['tpch/80-', 'tpch_main/-']);
    expect(touched('insert into lineitem (l_id, l_orderkey, l_partkey) values (5, 42, 100)')).toEqual(['tpch/80-']);
  });
});

describe('DML written through a reference table source', () => {
  it.each([
    ['delete from sharded.countries where countries.country_id = null', ['None@unsharded']],
    ["update sharded.countries set name = 'x' where countries.name = null", ['None@unsharded']],
    // A table of the unsharded keyspace itself takes the unsharded shortcut: no None.
    ['delete from settings where name = null', ['Unsharded@unsharded']],
    ['delete from sharded.countries where countries.country_id = 5', ['Unsharded@unsharded']],
  ])('%s', (sql, expected) => {
    expect(routes('music', sql)).toEqual(expected);
  });
});
