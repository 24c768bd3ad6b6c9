// Join ordering like Vitess's greedy planner (go/vt/vtgate/planbuilder/operators/route_planning.go
// greedySolve / findBestJoin; operators/join.go createJoin), on fixtures/oracle/tpch. Expected routes are
// vtexplain v0.24.4's plans for the same statements (issue 14).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { loadClusters } from '../../src/vschema/load.js';

const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/oracle/tpch/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);
const routes = (sql: string): string[] => {
  const p = planStatement(ctx, sql);
  expect(p.error).toBeNull();
  return p.routes.map((r) => `${r.variant}@${r.keyspace}`);
};

describe('multi-way joins are ordered like Vitess', () => {
  it.each([
    // 4-way: the cheapest join is built first and appended at the end of the list; Vitess: 1 Scatter + IN + EqualUnique.
    ['select t0.s_suppkey from supplier as t0, lineitem as t1, customer as t2, customer as t3 where t0.s_suppkey = t1.l_orderkey and t1.l_returnflag = t2.c_name and t0.s_suppkey = t3.c_custkey and (t3.c_custkey = 1000 or t3.c_custkey = 29125)',
      ['Scatter@tpch', 'IN@tpch', 'EqualUnique@tpch']],
    // A pair that merges into one route wins at once, before cheaper joins are compared.
    ['select t0.p_partkey from promo as t0, customer as t1, partsupp as t2, orderkey_idx as t3 where t0.promo_id = t1.c_custkey and t0.p_partkey = t2.ps_supplycost and t1.c_custkey = t3.o_orderkey',
      ['Scatter@tpch', 'Unsharded@tpch_main', 'EqualUnique@tpch']],
    // 5-way: 2 Scatter, Unsharded and 2 EqualUnique.
    ['select t0.s_acctbal from tpch.supplier as t0 join part as t1 on t0.s_acctbal = t1.p_size join supplier as t2 on t1.p_partkey = t2.s_nationkey join tpch_main.promo as t3 on t2.s_nationkey = t3.p_partkey join orderkey_idx as t4 on t1.p_size = t4.o_orderkey where t4.o_orderkey not in (7)',
      ['Scatter@tpch', 'Unsharded@tpch_main', 'Scatter@tpch', 'EqualUnique@tpch', 'EqualUnique@tpch']],
    // After a LEFT JOIN the rest is joined in FROM order (a Join operator is not a query graph).
    ['select t0.s_suppkey from supplier as t0 join promo as t1 on t0.s_nationkey = t1.p_partkey left join part as t2 on t1.p_partkey = t2.p_partkey join customer as t3 on t0.s_suppkey = t3.c_nationkey join tpch_main.promo as t4 on t0.s_acctbal = t4.promo_id',
      ['Scatter@tpch', 'Unsharded@tpch_main', 'EqualUnique@tpch', 'Scatter@tpch', 'Unsharded@tpch_main']],
  ])('%s', (sql, expected) => {
    expect(routes(sql).sort()).toEqual([...expected].sort());
  });
});
