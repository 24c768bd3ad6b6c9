/**
 * Differential comparison of our simulation with the oracle (vtexplain) for one cluster and shard
 * count: per statement, route multiset (variant@keyspace, as the conformance scorer counts it),
 * operators, errors, fanout and — where our simulation claims to know them — the exact shards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeContext } from '../../src/simulate/context.js';
import { explainPlan, touchedShards } from '../../src/simulate/explain.js';
import { fanoutOf, planStatements } from '../../src/simulate/simulate.js';
import { buildTopology } from '../../src/topology/topology.js';
import type { Cluster } from '../../src/vschema/model.js';
import { loadClusters } from '../../src/vschema/load.js';
import { mainPlan, routeNodes, shardsByKeyspace } from './extract.js';
import type { VtResult, Vtexplain } from './vtexplain.js';

/** A cluster the oracle runs on: vtexplain's inputs plus our loaded model. */
export interface OracleCluster {
  name: string;
  vschema: Record<string, unknown>;
  schema: string;
  cluster: Cluster;
}

/** Loads `dir/vschema.json` (keyspace map) and `dir/schema.sql`. */
export function loadOracleCluster(dir: string): OracleCluster {
  const text = fs.readFileSync(path.join(dir, 'vschema.json'), 'utf8');
  return clusterFromJson(path.basename(dir), JSON.parse(text) as Record<string, unknown>, fs.readFileSync(path.join(dir, 'schema.sql'), 'utf8'));
}

/** Builds an oracle cluster from a keyspace map and DDL; throws when our loader reports errors. */
export function clusterFromJson(name: string, vschema: Record<string, unknown>, schema: string): OracleCluster {
  const r = loadClusters([{ path: `${name}/vschema.json`, text: JSON.stringify(vschema) }]);
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length || !r.clusters[0]) throw new Error(`${name}: ${errors.map((f) => f.message).join('; ') || 'no cluster'}`);
  return { name, vschema, schema, cluster: r.clusters[0] };
}

/** One statement compared. */
export interface Comparison {
  cluster: string;
  shards: number;
  sql: string;
  oracle: { routes: string[]; operators: string[]; error: string | null; tablets: string[] };
  ours: { routes: string[]; operators: string[]; error: string | null; tablets: string[] | null };
  /** Same route multiset (variant@keyspace), or both rejected. */
  exact: boolean;
  /** Same operators too (order-insensitive). */
  operators: boolean;
  /** Shards compared (ours were all known) and equal; null when ours were not all known. */
  shardsEqual: boolean | null;
  oracleScatter: boolean;
  oursScatter: boolean;
}

const sortKey = (xs: readonly string[]): string => [...xs].sort().join(' ');

/** Plans `sqls` on both sides and compares them. */
export function compare(vt: Vtexplain, oc: OracleCluster, shards: number, sqls: readonly string[]): Comparison[] {
  const spec: Record<string, number> = {};
  for (const ks of oc.cluster.keyspaces.values()) spec[ks.name] = ks.sharded ? shards : 1;
  const topology = buildTopology(oc.cluster, spec).topology;
  const ctx = makeContext(oc.cluster);
  const ours = planStatements(ctx, sqls);
  const theirs: VtResult[] = vt.explain({ vschema: oc.vschema, schema: oc.schema, sqls, shards });
  return sqls.map((sql, i) => {
    const p = ours[i]!;
    const rep = explainPlan(p, topology);
    const t = theirs[i]!;
    const plan = mainPlan(t);
    const nodes = plan ? routeNodes(plan.Instructions) : [];
    const oRoutes = nodes.map((n) => n.split(':')[1]!);
    const oOps = nodes.map((n) => n.split(':')[0]!);
    const ourRoutes = p.routes.map((r) => `${r.variant}@${r.keyspace}`);
    const ourOps = p.routes.map((r) => r.operator);
    const touched = p.error ? null : touchedShards(rep);
    const bothErr = !!t.error && !!p.error;
    const exact = bothErr || (!t.error && !p.error && sortKey(oRoutes) === sortKey(ourRoutes));
    let shardsEqual: boolean | null = null;
    if (!t.error && !p.error && touched) shardsEqual = sortKey(touched) === sortKey(t.tablets.filter((x) => keepTablet(x, t)));
    return {
      cluster: oc.name, shards, sql,
      oracle: { routes: oRoutes, operators: oOps, error: t.error, tablets: t.tablets },
      ours: { routes: ourRoutes, operators: ourOps, error: p.error, tablets: touched },
      exact,
      operators: exact && (bothErr || sortKey(oOps) === sortKey(ourOps)),
      shardsEqual,
      oracleScatter: !t.error && oRoutes.some((r) => r.startsWith('Scatter@')),
      oursScatter: !p.error && fanoutOf(p.routes) === 'scatter',
    };
  });
}

/** Tablets that count as reached (every tablet vtexplain lists received a query of the statement). */
function keepTablet(_tablet: string, _r: VtResult): boolean {
  return true;
}

export { shardsByKeyspace };
