/**
 * Every corpus statement planned against base and head (parsed once), compared: worse (more
 * fanout, more shards), better, same, newly failing, fixed; weighted by frequency.
 */
import type { CorpusEntry } from '../corpus/aggregate.js';
import type { SimContext } from '../simulate/context.js';
import { type QueryReport, explainPlan } from '../simulate/explain.js';
import { type StatementPlan, forEachPrepared, planPrepared } from '../simulate/simulate.js';
import type { Topology } from '../topology/topology.js';
import type { Usage } from './vschema-changes.js';

/** Outcome of one statement across the change. */
export type RoutingChange = 'worse' | 'better' | 'same' | 'newly-failing' | 'fixed' | 'failing';

/** One statement compared. */
export interface RoutingComparison {
  file: string;
  line: number;
  sql: string;
  fingerprint: string;
  count: number;
  change: RoutingChange;
  base: QueryReport;
  head: QueryReport;
}

/** Totals per side (weighted by occurrences). */
export interface RoutingSideSummary {
  single: number;
  multi: number;
  scatter: number;
  errors: number;
  /** Occurrence-weighted shares. */
  single_share: number;
  scatter_share: number;
}

/** The routing part of the report. */
export interface RoutingDiff {
  queries: RoutingComparison[];
  occurrences: number;
  base: RoutingSideSummary;
  head: RoutingSideSummary;
  counts: Record<RoutingChange, number>;
  /** Share of sampled traffic (occurrences) whose routing got worse or fails. */
  regressed_share: number;
}

const FANOUT_RANK = { single: 0, multi: 1, scatter: 2 } as const;

function shardsTouched(r: QueryReport): number {
  return r.routes.reduce((s, x) => s + (x.operator === 'VindexLookup' ? 0 : x.shard_count), 0);
}

/** worse / better / same by fanout class, then shards reached, then number of routes. */
export function compareReports(base: QueryReport, head: QueryReport): RoutingChange {
  if (base.error && head.error) return 'failing';
  if (!base.error && head.error) return 'newly-failing';
  if (base.error && !head.error) return 'fixed';
  const a = [FANOUT_RANK[base.fanout], shardsTouched(base), base.routes.length, base.pushdown ? 0 : 1];
  const b = [FANOUT_RANK[head.fanout], shardsTouched(head), head.routes.length, head.pushdown ? 0 : 1];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! > a[i]! ? 'worse' : 'better';
  return 'same';
}

/**
 * Records the tables and vindexes a base plan routes through. The read of a lookup table inside a
 * VindexLookup is vtgate's, not the query's: the lookup vindex that reads it is reported instead.
 */
function recordUsage(p: StatementPlan, usage: Usage, weight: number): void {
  for (const r of p.routes) {
    if (r.role === 'lookup') continue;
    for (const t of r.source?.tables ?? []) if (t.vtable) usage.tables.set(`${t.keyspace}.${t.name}`, (usage.tables.get(`${t.keyspace}.${t.name}`) ?? 0) + weight);
    const opt = r.source?.routing.type === 'sharded' ? r.source.routing.option : null;
    if (opt && opt.position >= 0) usage.vindexes.set(`${opt.table.keyspace}.${opt.vindex.name}`, (usage.vindexes.get(`${opt.table.keyspace}.${opt.vindex.name}`) ?? 0) + weight);
  }
}

/**
 * Plans every entry against both contexts. Returns the comparison and the usage of base names
 * (for "removed while queries use it").
 */
export function diffRouting(
  baseCtx: SimContext,
  headCtx: SimContext,
  baseTopo: Topology,
  headTopo: Topology,
  entries: readonly CorpusEntry[],
): { routing: RoutingDiff; usage: Usage } {
  const usage: Usage = { tables: new Map(), vindexes: new Map() };
  const compareOne = (e: CorpusEntry, bp: StatementPlan, hp: StatementPlan): RoutingComparison => {
    recordUsage(bp, usage, e.count);
    const base = explainPlan(bp, baseTopo);
    const head = explainPlan(hp, headTopo);
    return { file: e.file, line: e.line, sql: e.sql, fingerprint: e.fingerprint, count: e.count, change: compareReports(base, head), base, head };
  };
  const queries: RoutingComparison[] = [];
  // Each statement is parsed once and planned against both sides.
  forEachPrepared(entries, (e) => e.sql, (e, p) => queries.push(compareOne(e, planPrepared(baseCtx, p), planPrepared(headCtx, p))));
  const occurrences = queries.reduce((s, q) => s + q.count, 0);
  const side = (pick: (q: RoutingComparison) => QueryReport): RoutingSideSummary => {
    const s = { single: 0, multi: 0, scatter: 0, errors: 0, single_share: 0, scatter_share: 0 };
    let singleOcc = 0;
    let scatterOcc = 0;
    for (const q of queries) {
      const r = pick(q);
      if (r.error) s.errors++;
      else {
        s[r.fanout]++;
        if (r.fanout === 'single') singleOcc += q.count;
        if (r.fanout === 'scatter') scatterOcc += q.count;
      }
    }
    s.single_share = occurrences ? singleOcc / occurrences : 0;
    s.scatter_share = occurrences ? scatterOcc / occurrences : 0;
    return s;
  };
  const counts = { worse: 0, better: 0, same: 0, 'newly-failing': 0, fixed: 0, failing: 0 };
  let regressedOcc = 0;
  for (const q of queries) {
    counts[q.change]++;
    if (q.change === 'worse' || q.change === 'newly-failing') regressedOcc += q.count;
  }
  return {
    routing: { queries, occurrences, base: side((q) => q.base), head: side((q) => q.head), counts, regressed_share: occurrences ? regressedOcc / occurrences : 0 },
    usage,
  };
}
