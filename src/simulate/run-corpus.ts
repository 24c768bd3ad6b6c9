/**
 * Simulating a whole corpus (pure): each distinct statement is planned once, results are weighted
 * by how often the statement occurred.
 */
import type { CorpusEntry } from '../corpus/aggregate.js';
import type { Topology } from '../topology/topology.js';
import { type SimContext, withKeyspace } from './context.js';
import { type QueryReport, explainPlan } from './explain.js';
import { type StatementPlan, planStatements } from './simulate.js';

/** One simulated corpus entry. */
export interface SimulatedQuery extends QueryReport {
  file: string;
  line: number;
  sql: string;
  fingerprint: string;
  count: number;
  /** Session keyspace (`USE ks`) the statement was planned in, when not the default. */
  keyspace?: string;
}

/** Totals by fanout, weighted by occurrences. */
export interface SimulationSummary {
  /** Distinct entries simulated. */
  queries: number;
  /** Occurrences (sum of counts). */
  occurrences: number;
  errors: number;
  /** Statements that are not routed queries (SET, BEGIN, SHOW...), not counted in the fanout shares. */
  skipped: number;
  fanout: Record<'single' | 'multi' | 'scatter', { queries: number; occurrences: number; share: number }>;
}

/** Plans every entry; statements with the same text share one plan. */
export function simulateCorpus(ctx: SimContext, topology: Topology, entries: readonly CorpusEntry[]): { queries: SimulatedQuery[]; summary: SimulationSummary } {
  // Each distinct text is planned once per session keyspace (USE ks), in batches (see planStatements).
  const bySql = new Map<string, StatementPlan>();
  const keyOf = (e: CorpusEntry): string => `${e.keyspace ?? ''}\u0000${e.sql}`;
  for (const ks of new Set(entries.map((e) => e.keyspace ?? null))) {
    const texts = [...new Set(entries.filter((e) => (e.keyspace ?? null) === ks).map((e) => e.sql))];
    const plans = planStatements(withKeyspace(ctx, ks), texts);
    texts.forEach((t, i) => bySql.set(`${ks ?? ''}\u0000${t}`, plans[i]!));
  }
  const queries = entries.map((e) => ({
    file: e.file, line: e.line, sql: e.sql, fingerprint: e.fingerprint, count: e.count, ...(e.keyspace ? { keyspace: e.keyspace } : {}), ...explainPlan(bySql.get(keyOf(e))!, topology),
  }));
  return { queries, summary: summarize(queries) };
}

/** Totals of simulated queries. */
export function summarize(queries: readonly SimulatedQuery[]): SimulationSummary {
  const occurrences = queries.reduce((s, q) => s + (q.skipped ? 0 : q.count), 0);
  const fanout = { single: { queries: 0, occurrences: 0, share: 0 }, multi: { queries: 0, occurrences: 0, share: 0 }, scatter: { queries: 0, occurrences: 0, share: 0 } };
  let errors = 0;
  let skipped = 0;
  for (const q of queries) {
    if (q.skipped) {
      skipped++;
      continue;
    }
    if (q.error) {
      errors++;
      continue;
    }
    fanout[q.fanout].queries++;
    fanout[q.fanout].occurrences += q.count;
  }
  for (const f of Object.values(fanout)) f.share = occurrences ? f.occurrences / occurrences : 0;
  return { queries: queries.length, occurrences, errors, skipped, fanout };
}
