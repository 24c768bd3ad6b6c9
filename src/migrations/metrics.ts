/**
 * Prometheus text format (prom-client) of a migrations observation, for a node_exporter textfile
 * collector (`--metrics FILE`). Pure: builds a private registry and returns its text; the CLI writes it.
 *
 * Metrics (labels `keyspace`, `uuid`, `table` on every per-migration metric):
 * - `vschema_guard_migration_state{…,state}`: 1 for the current lifecycle state, 0 for the others;
 * - `vschema_guard_migration_progress_percent`: progress weighted by table_rows;
 * - `vschema_guard_migration_eta_seconds`: the slowest shard's ETA, -1 when unknown;
 * - `vschema_guard_migration_shards{…,phase}`: number of expected shards in each phase;
 * - `vschema_guard_migration_shard_state{…,shard,phase}`: 1 per shard for its current phase;
 * - `vschema_guard_migration_shard_progress_percent{…,shard}`;
 * - `vschema_guard_migrations_observed_timestamp_seconds`: when vtctld was read.
 */
import { Gauge, Registry } from 'prom-client';
import type { MigrationAggregate } from './aggregate.js';
import { LIFECYCLE_STATES, type ShardPhase } from './lifecycle.js';

const SHARD_PHASES: readonly ShardPhase[] = [...LIFECYCLE_STATES, 'MISSING', 'UNKNOWN_STATUS'];

/** The metric names (README "Metrics"). */
export const METRIC_NAMES = [
  'vschema_guard_migration_state',
  'vschema_guard_migration_progress_percent',
  'vschema_guard_migration_eta_seconds',
  'vschema_guard_migration_shards',
  'vschema_guard_migration_shard_state',
  'vschema_guard_migration_shard_progress_percent',
  'vschema_guard_migrations_observed_timestamp_seconds',
] as const;

/** The Prometheus text of `migrations` observed at `observedAtMs`. */
export async function migrationsMetrics(migrations: readonly MigrationAggregate[], observedAtMs: number): Promise<string> {
  const registry = new Registry();
  const base = ['keyspace', 'uuid', 'table'] as const;
  const [n0, n1, n2, n3, n4, n5, n6] = METRIC_NAMES;
  const state = new Gauge({ name: n0, help: 'Online DDL migration lifecycle state over all shards (1 = current)', labelNames: [...base, 'state'], registers: [registry] });
  const progress = new Gauge({ name: n1, help: 'Migration progress in percent, weighted by table_rows', labelNames: base, registers: [registry] });
  const eta = new Gauge({ name: n2, help: "Slowest shard's ETA in seconds (-1 unknown)", labelNames: base, registers: [registry] });
  const shards = new Gauge({ name: n3, help: 'Expected shards of the migration in each phase', labelNames: [...base, 'phase'], registers: [registry] });
  const shardState = new Gauge({ name: n4, help: "Shard's migration phase (1 = current)", labelNames: [...base, 'shard', 'phase'], registers: [registry] });
  const shardProgress = new Gauge({ name: n5, help: "Shard's migration progress in percent", labelNames: [...base, 'shard'], registers: [registry] });
  const observed = new Gauge({ name: n6, help: 'When vtctld was read (Unix seconds)', registers: [registry] });
  for (const m of migrations) {
    const l = { keyspace: m.keyspace, uuid: m.uuid, table: m.table };
    for (const s of LIFECYCLE_STATES) state.set({ ...l, state: s }, m.state === s ? 1 : 0);
    progress.set(l, m.progressPct);
    eta.set(l, m.etaSeconds ?? -1);
    const expected = m.shards.slice(0, m.total);
    for (const p of SHARD_PHASES) shards.set({ ...l, phase: p }, expected.filter((s) => s.phase === p).length);
    for (const s of m.shards) {
      shardState.set({ ...l, shard: s.shard, phase: s.phase }, 1);
      shardProgress.set({ ...l, shard: s.shard }, s.progressPct);
    }
  }
  observed.set(Math.floor(observedAtMs / 1000));
  return registry.metrics();
}
