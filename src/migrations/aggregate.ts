/**
 * Folds the per-shard rows of `GetSchemaMigrations` into one lifecycle per migration uuid. Pure.
 *
 * The expected shard set always comes from the topo (`FindAllShardsInKeyspace`), never from the rows:
 * GetSchemaMigrations silently skips a shard without a primary (`go/vt/vtctl/grpcvtctldserver/server.go`
 * `GetSchemaMigrations`), and a partially failed ApplySchema leaves shards without a row. Rules
 * (vitess-deploy.md §2.4):
 * - the state is the least advanced shard's (a MISSING shard or an unknown status counts as QUEUED);
 *   FAILED if any shard failed, else CANCELLED if any was cancelled; never COMPLETED while any expected
 *   shard is not complete;
 * - CUTOVER_PENDING is the global barrier: every shard ready to complete with completion postponed (or
 *   already complete), none behind;
 * - progress is weighted by each shard's `table_rows` (a plain mean when no shard knows its size);
 * - the ETA is the slowest shard's, null when any unfinished shard's is unknown.
 */
import type { SchemaMigrationRow, ShardInfo } from '../vtctld/client.js';
import {
  LIFECYCLE,
  missingShardView,
  phaseRank,
  shardView,
  type LifecycleState,
  type ShardView,
} from './lifecycle.js';

/** One migration over all expected shards. */
export interface MigrationAggregate {
  uuid: string;
  keyspace: string;
  /** Table the migration changes (first row's `table`). */
  table: string;
  /** `migration_statement` of the first row. */
  statement: string;
  migrationContext: string;
  /** `options` (strategy flags) of the first row, e.g. `--postpone-completion`. */
  options: string;
  state: LifecycleState;
  /** Every expected shard (sorted by name), then rows on shards the topo does not list. */
  shards: ShardView[];
  /** Expected shard count (topo). */
  total: number;
  /** Expected shards in COMPLETED. */
  completed: number;
  /** Weighted progress, percent 0–100. */
  progressPct: number;
  /** Slowest unfinished shard's ETA in seconds; 0 when all complete; null when unknown. */
  etaSeconds: number | null;
  failedShards: string[];
  cancelledShards: string[];
  throttledShards: { shard: string; component: string }[];
  missingShards: { shard: string; reason: 'no-primary' | 'not-submitted' }[];
  unknownStatusShards: { shard: string; status: string }[];
  /** Rows for shards the topo does not list (a deleted or renamed shard). */
  unexpectedShards: string[];
  /** Highest `retries` over the rows: Vitess counts each RetrySchemaMigration here. */
  retries: number;
}

/** Folds one migration's rows (`rows` may hold other uuids' rows too). `nowSeconds` decides throttling. */
export function foldMigration(
  keyspace: string,
  uuid: string,
  expected: readonly ShardInfo[],
  rows: readonly SchemaMigrationRow[],
  nowSeconds: number,
): MigrationAggregate {
  const mine = rows.filter((r) => r.uuid === uuid);
  const byShard = new Map<string, SchemaMigrationRow>();
  for (const r of mine) byShard.set(r.shard, r);
  const expectedNames = new Set(expected.map((s) => s.name));
  const shards: ShardView[] = [...expected]
    .sort((a, b) => byName(a.name, b.name))
    .map((s) => {
      const row = byShard.get(s.name);
      if (row) return shardView(row, nowSeconds);
      return missingShardView(s.name, s.primaryAlias ? 'not-submitted' : 'no-primary');
    });
  const unexpected = mine.filter((r) => !expectedNames.has(r.shard)).sort((a, b) => byName(a.shard, b.shard));
  const expectedViews = shards.slice();
  for (const r of unexpected) shards.push(shardView(r, nowSeconds));
  const first = mine[0];
  return {
    uuid,
    keyspace,
    table: first?.table ?? '',
    statement: first?.migrationStatement ?? '',
    migrationContext: first?.migrationContext ?? '',
    options: first?.options ?? '',
    state: foldState(expectedViews),
    shards,
    total: expectedViews.length,
    completed: expectedViews.filter((s) => s.phase === 'COMPLETED').length,
    progressPct: weightedProgress(expectedViews),
    etaSeconds: slowestEta(expectedViews),
    failedShards: expectedViews.filter((s) => s.phase === 'FAILED').map((s) => s.shard),
    cancelledShards: expectedViews.filter((s) => s.phase === 'CANCELLED').map((s) => s.shard),
    throttledShards: expectedViews.flatMap((s) => (s.throttled ? [{ shard: s.shard, component: s.throttled.component }] : [])),
    missingShards: expectedViews.flatMap((s) => (s.missing ? [{ shard: s.shard, reason: s.missing }] : [])),
    unknownStatusShards: expectedViews.flatMap((s) => (s.phase === 'UNKNOWN_STATUS' ? [{ shard: s.shard, status: s.status ?? '' }] : [])),
    unexpectedShards: unexpected.map((r) => r.shard),
    retries: mine.reduce((m, r) => Math.max(m, r.retries), 0),
  };
}

/**
 * Folds every migration found in `rows` (sorted by requested time, then uuid: the server's order is
 * arbitrary) plus any `alsoExpect` uuids that have no row at all yet.
 */
export function foldMigrations(
  keyspace: string,
  expected: readonly ShardInfo[],
  rows: readonly SchemaMigrationRow[],
  nowSeconds: number,
  alsoExpect: readonly string[] = [],
): MigrationAggregate[] {
  const firstSeen = new Map<string, number>();
  const byUuid = new Map<string, SchemaMigrationRow[]>();
  for (const r of rows) {
    const t = r.requestedAt ?? Number.MAX_SAFE_INTEGER;
    firstSeen.set(r.uuid, Math.min(firstSeen.get(r.uuid) ?? Number.MAX_SAFE_INTEGER, t));
    const list = byUuid.get(r.uuid);
    if (list) list.push(r);
    else byUuid.set(r.uuid, [r]);
  }
  const seen = [...firstSeen.keys()].sort((a, b) => firstSeen.get(a)! - firstSeen.get(b)! || byName(a, b));
  const planned = new Set(alsoExpect);
  // Planned uuids keep the plan's order; others follow by requested time.
  const uuids = [...alsoExpect, ...seen.filter((u) => !planned.has(u))];
  return uuids.map((u) => foldMigration(keyspace, u, expected, byUuid.get(u) ?? [], nowSeconds));
}

/** Code-point order (shard names and uuids are ASCII): stable across locales, faster than localeCompare. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function foldState(shards: readonly ShardView[]): LifecycleState {
  if (shards.some((s) => s.phase === 'FAILED')) return 'FAILED';
  if (shards.some((s) => s.phase === 'CANCELLED')) return 'CANCELLED';
  if (shards.length === 0) return 'QUEUED';
  const least = Math.min(...shards.map((s) => phaseRank(s.phase)));
  // MISSING and UNKNOWN_STATUS rank as QUEUED: COMPLETED means every expected shard's row is complete.
  return LIFECYCLE[least]!;
}

/** Progress weighted by `table_rows`; shards with an unknown size weigh as the mean known size. */
function weightedProgress(shards: readonly ShardView[]): number {
  if (shards.length === 0) return 0;
  const known = shards.filter((s) => s.tableRows > 0);
  const fallback = known.length ? known.reduce((a, s) => a + s.tableRows, 0) / known.length : 1;
  let num = 0;
  let den = 0;
  for (const s of shards) {
    const w = s.tableRows > 0 ? s.tableRows : fallback;
    num += w * s.progressPct;
    den += w;
  }
  return den > 0 ? Math.round((num / den) * 10) / 10 : 0;
}

function slowestEta(shards: readonly ShardView[]): number | null {
  let eta = 0;
  for (const s of shards) {
    if (s.phase === 'COMPLETED' || s.phase === 'FAILED' || s.phase === 'CANCELLED') continue;
    if (s.etaSeconds === null) return null;
    eta = Math.max(eta, s.etaSeconds);
  }
  return eta;
}
