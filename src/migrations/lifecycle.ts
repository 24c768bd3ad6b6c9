/**
 * One Online DDL migration on one shard: a `SchemaMigration` row (vtctldata.proto) read as a step of our
 * lifecycle. Pure; no I/O.
 *
 * Vitess runs a migration independently on each shard primary (`go/vt/vttablet/onlineddl/executor.go`),
 * each with its own row in `_vt.schema_migrations`. This module maps one row onto the lifecycle
 *
 *   QUEUED → INITIALIZING → COPYING_ROWS → WAITING_FOR_CATCHUP → CUTOVER_PENDING → SWITCHING_TRAFFIC → COMPLETED
 *   (or FAILED / CANCELLED)
 *
 * following Vitess's statuses (`go/vt/schema/online_ddl.go`, `OnlineDDLStatus*`) and flags:
 *
 * | Vitess row                                                               | shard phase          |
 * |--------------------------------------------------------------------------|----------------------|
 * | `requested`, `queued` (also with `postpone_launch`)                      | QUEUED               |
 * | `queued` immediate op (CREATE/DROP/VIEW) with `ready_to_complete` and `postpone_completion` | CUTOVER_PENDING |
 * | `queued`/`ready` immediate op, `ready_to_complete`, completion not postponed | SWITCHING_TRAFFIC |
 * | `ready` (picked by the scheduler, not yet running)                      | INITIALIZING         |
 * | `running`, nothing copied yet (`rows_copied` 0, `progress` 0)            | INITIALIZING         |
 * | `running`, not `ready_to_complete`, `rows_copied` < `table_rows` or `progress` < 100 | COPYING_ROWS |
 * | `running`, not `ready_to_complete`, copy done                            | WAITING_FOR_CATCHUP  |
 * | `running`, `ready_to_complete` and `postpone_completion`                 | CUTOVER_PENDING      |
 * | `running`, `ready_to_complete`, completion not postponed                 | SWITCHING_TRAFFIC    |
 * | `complete`                                                               | COMPLETED            |
 * | `failed`                                                                 | FAILED               |
 * | `cancelled`                                                              | CANCELLED            |
 * | no row on an expected shard                                              | MISSING (named: no primary, or not submitted) |
 * | a status this version does not know (`UNKNOWN_<n>`, `UNKNOWN`)          | UNKNOWN_STATUS (reported as is) |
 *
 * `ready_to_complete` can flip back to false under replication lag (`executor.go`
 * `updateMigrationReadyToComplete`): the phase then goes back to WAITING_FOR_CATCHUP, as Vitess's does.
 * A shard counts as throttled when `last_throttled_at` is within {@link THROTTLED_WITHIN_SECONDS} of now
 * (Vitess has no `is_throttled` field), or when a user throttle ratio is set; `component_throttled`
 * names the component.
 */
import type { SchemaMigrationRow } from '../vtctld/client.js';

/** The lifecycle steps in order; a migration's state over all shards is the least advanced of them. */
export const LIFECYCLE = [
  'QUEUED',
  'INITIALIZING',
  'COPYING_ROWS',
  'WAITING_FOR_CATCHUP',
  'CUTOVER_PENDING',
  'SWITCHING_TRAFFIC',
  'COMPLETED',
] as const;

/** A step of the lifecycle. */
export type LifecycleStep = (typeof LIFECYCLE)[number];

/** The state of a migration (folded over all shards) or of one shard. */
export type LifecycleState = LifecycleStep | 'FAILED' | 'CANCELLED';

/** Every state, in report order (the JSON Schema and the metrics enumerate these). */
export const LIFECYCLE_STATES: readonly LifecycleState[] = [...LIFECYCLE, 'FAILED', 'CANCELLED'];

/** One shard's phase: a lifecycle state, or why the shard has none. */
export type ShardPhase = LifecycleState | 'MISSING' | 'UNKNOWN_STATUS';

/** A shard reported as throttled, with the component that throttled it. */
export interface Throttling {
  /** `component_throttled`, or `user-throttle-ratio` when only a user ratio is set; "" if Vitess named none. */
  component: string;
  /** `last_throttled_at` (Unix seconds) or null. */
  at: number | null;
}

/** How recently `last_throttled_at` must be (seconds before now) for a shard to count as throttled. */
export const THROTTLED_WITHIN_SECONDS = 60;

/** Why an expected shard has no row. */
export type MissingReason = 'no-primary' | 'not-submitted';

/** One expected shard of a migration, as reported. */
export interface ShardView {
  shard: string;
  phase: ShardPhase;
  /** Vitess's status verbatim (`RUNNING`, `UNKNOWN_9`, …); null when the shard has no row. */
  status: string | null;
  /** Set when `phase` is MISSING. */
  missing: MissingReason | null;
  /** Percent 0–100 (`progress`; 100 once complete). */
  progressPct: number;
  rowsCopied: number;
  /** `table_rows` estimate (0 when unknown). */
  tableRows: number;
  /** `eta_seconds`; null when Vitess does not know (-1). */
  etaSeconds: number | null;
  readyToComplete: boolean;
  postponeCompletion: boolean;
  retries: number;
  throttled: Throttling | null;
  /** `message` (error or info text). */
  message: string;
  /** Primary tablet alias that owns the row ("" when none). */
  tablet: string;
}

const KNOWN_STATUSES = new Set(['REQUESTED', 'QUEUED', 'READY', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCELLED']);

/**
 * The phase of one row, per the mapping table in this module's docstring. Never throws: a status this
 * version does not know gives UNKNOWN_STATUS.
 */
export function phaseOfRow(row: SchemaMigrationRow): ShardPhase {
  const status = String(row.status);
  if (!KNOWN_STATUSES.has(status)) return 'UNKNOWN_STATUS';
  switch (status) {
    case 'COMPLETE':
      return 'COMPLETED';
    case 'FAILED':
      return 'FAILED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'REQUESTED':
    case 'QUEUED':
    case 'READY':
      if (row.isImmediateOperation && row.readyToComplete) return row.postponeCompletion ? 'CUTOVER_PENDING' : 'SWITCHING_TRAFFIC';
      return status === 'READY' ? 'INITIALIZING' : 'QUEUED';
    default: // RUNNING
      if (row.readyToComplete) return row.postponeCompletion ? 'CUTOVER_PENDING' : 'SWITCHING_TRAFFIC';
      if (row.rowsCopied === 0 && row.progress <= 0) return 'INITIALIZING';
      if ((row.tableRows > 0 && row.rowsCopied < row.tableRows) || row.progress < 100) return 'COPYING_ROWS';
      return 'WAITING_FOR_CATCHUP';
  }
}

/** Throttling of a row at `nowSeconds`, or null. */
export function throttlingOf(row: SchemaMigrationRow, nowSeconds: number): Throttling | null {
  const recent = row.lastThrottledAt !== null && row.lastThrottledAt > 0 && nowSeconds - row.lastThrottledAt <= THROTTLED_WITHIN_SECONDS;
  if (recent) return { component: row.componentThrottled, at: row.lastThrottledAt };
  if (row.userThrottleRatio > 0) return { component: row.componentThrottled || 'user-throttle-ratio', at: row.lastThrottledAt };
  return null;
}

/** The report view of one shard's row at `nowSeconds`. */
export function shardView(row: SchemaMigrationRow, nowSeconds: number): ShardView {
  const phase = phaseOfRow(row);
  const live = phase !== 'COMPLETED' && phase !== 'FAILED' && phase !== 'CANCELLED';
  return {
    shard: row.shard,
    phase,
    status: String(row.status),
    missing: null,
    progressPct: phase === 'COMPLETED' ? 100 : clampPct(row.progress),
    rowsCopied: row.rowsCopied,
    tableRows: Math.max(0, row.tableRows),
    etaSeconds: phase === 'COMPLETED' ? 0 : row.etaSeconds >= 0 ? row.etaSeconds : null,
    readyToComplete: row.readyToComplete,
    postponeCompletion: row.postponeCompletion,
    retries: row.retries,
    throttled: live ? throttlingOf(row, nowSeconds) : null,
    message: row.message,
    tablet: row.tablet,
  };
}

/** The view of an expected shard that has no row. */
export function missingShardView(shard: string, reason: MissingReason): ShardView {
  return {
    shard,
    phase: 'MISSING',
    status: null,
    missing: reason,
    progressPct: 0,
    rowsCopied: 0,
    tableRows: 0,
    etaSeconds: null,
    readyToComplete: false,
    postponeCompletion: false,
    retries: 0,
    throttled: null,
    message: reason === 'no-primary' ? 'shard has no primary: GetSchemaMigrations cannot read it' : 'no row: not submitted on this shard',
    tablet: '',
  };
}

function clampPct(p: number): number {
  if (!Number.isFinite(p)) return 0;
  return Math.min(100, Math.max(0, p));
}

/** Rank of a phase for "least advanced" (MISSING and UNKNOWN_STATUS rank with QUEUED: nothing is known). */
export function phaseRank(phase: ShardPhase): number {
  const i = (LIFECYCLE as readonly string[]).indexOf(phase);
  return i < 0 ? 0 : i;
}

/** Terminal shard phases. */
export function isTerminal(phase: ShardPhase): boolean {
  return phase === 'COMPLETED' || phase === 'FAILED' || phase === 'CANCELLED';
}
