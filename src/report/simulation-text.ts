/** `simulate --format text`: one block per query and a weighted summary. */
import type { SimulatedQuery, SimulationSummary } from '../simulate/run-corpus.js';
import type { Topology } from '../topology/topology.js';

/** A share as a percentage: whole numbers, one decimal below 1 % (never a misleading 0 %). */
export const pct = (x: number): string => (x > 0 && x < 0.01 ? `${(x * 100).toFixed(1)} %` : `${Math.round(x * 100)} %`);

/** Renders simulated queries for a terminal. */
export function renderSimulationText(queries: readonly SimulatedQuery[], summary: SimulationSummary, topology: Topology): string {
  const out: string[] = [];
  for (const q of queries) {
    const where = `${q.file}:${q.line}`;
    const seen = q.count !== 1 ? ` ×${q.count}` : '';
    out.push(`${where}${seen}  ${q.sql.length > 160 ? q.sql.slice(0, 157) + '...' : q.sql}`);
    if (q.error) {
      out.push(`  error: ${q.error}`);
      continue;
    }
    const shardsOf = (r: { shards: string[] | null; shard_count: number; total_shards: number }): string =>
      r.shards ? (r.shards.length ? r.shards.join(',') : 'none') : `${r.shard_count}? of ${r.total_shards}`;
    for (const r of q.routes) {
      out.push(`  ${r.operator} ${r.variant} ${r.keyspace}${r.vindex ? ` via ${r.vindex}` : ''} → ${shardsOf(r)}`);
      for (const w of r.lookup_writes ?? []) out.push(`    + lookup ${w.op} ${w.table} (${w.vindex}) ${w.keyspace} → ${shardsOf(w)}`);
      if (r.sequence) out.push(`    + next values from sequence ${r.sequence.table} ${r.sequence.keyspace} → ${r.sequence.shards.join(',') || 'none'}`);
    }
    out.push(q.skipped ? `  ${q.reason}` : `  ${q.fanout}${q.pushdown ? ', pushed down' : ''}: ${q.reason}`);
  }
  const f = summary.fanout;
  out.push('');
  out.push(`${summary.queries} distinct queries (${summary.occurrences} occurrences), ${[...topology.entries()].map(([k, s]) => `${k}: ${s.length} shard${s.length === 1 ? '' : 's'}`).join(', ')}`);
  out.push(`single-shard: ${f.single.queries} (${pct(f.single.share)} of sampled traffic)`);
  out.push(`multi-shard:  ${f.multi.queries} (${pct(f.multi.share)})`);
  out.push(`scatter:      ${f.scatter.queries} (${pct(f.scatter.share)})`);
  if (summary.errors) out.push(`errors:       ${summary.errors}`);
  if (summary.skipped) out.push(`skipped:      ${summary.skipped} (not routed: SET, BEGIN, SHOW, DDL, ...)`);
  return out.join('\n') + '\n';
}
