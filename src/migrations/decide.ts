/**
 * What to do next about a set of migrations (one migration context), as a pure function of the state
 * folded from vtctld and the directives this process already issued. Pure; no I/O.
 *
 * Level-triggered, like a Kubernetes reconcile: the state is always recomputed from Vitess's own tables
 * (`_vt.schema_migrations` on each primary, read through GetSchemaMigrations), so a CI job that dies and
 * is re-run decides the same way and never repeats a directive that already took effect. Every
 * directive is idempotent in Vitess (`go/vt/vttablet/onlineddl/executor.go`: cancelling a terminal
 * migration or completing a non-postponed one changes 0 rows; retry only touches failed/cancelled rows).
 *
 * Rules, per migration:
 * - breaker: failed shards / expected shards > `maxFailedShare` → halt; cancel every migration of the
 *   set that still has an unfinished shard (CancelSchemaMigration by uuid cancels it on all shards);
 * - below the breaker, failed shards whose `retries` (Vitess's counter) is below `maxRetries` →
 *   RetrySchemaMigration (one RPC retries every failed shard of the uuid); a failed shard out of
 *   retries → halt as above;
 * - a cancelled shard (by anyone) → halt as above: a deploy never un-cancels on its own;
 * - CUTOVER_PENDING (the barrier: every shard ready with completion postponed, or already past it) and
 *   `complete` allowed → CompleteSchemaMigration; never before the barrier. It is issued once; only a
 *   complete that took effect on some shards and not others (an RPC error midway) leaves shards still
 *   postponed, and asking again for those is the one repeat;
 * - all COMPLETED → done.
 */
import type { MigrationAggregate } from './aggregate.js';
import { isTerminal } from './lifecycle.js';

/** Limits of the breaker and of retries. */
export interface DecisionPolicy {
  /** Fraction 0–1: halt when the failed share of shards is strictly above it (default 0.15). */
  maxFailedShare: number;
  /** RetrySchemaMigration at most this many times per migration (Vitess's `retries` counter). */
  maxRetries: number;
  /** Issue CompleteSchemaMigration at the barrier (false: report only). */
  complete: boolean;
}

/** The default policy of `deploy --ddl`: 15 % failed shards, 2 retries, complete at the barrier. */
export const DEFAULT_POLICY: DecisionPolicy = { maxFailedShare: 0.15, maxRetries: 2, complete: true };

/** A directive the tool issues through vtctld. */
export interface Directive {
  directive: 'complete' | 'cancel' | 'retry';
  keyspace: string;
  uuid: string;
  /** Why, in one line (quoted in the log and the deploy record). */
  reason: string;
}

/** A directive this process issued successfully, with the state it was decided on. */
export interface IssuedDirective {
  directive: Directive['directive'];
  uuid: string;
  /** {@link stateFingerprint} of the migration when it was issued. */
  fingerprint: string;
}

/** The decision over a migration context. */
export interface Decision {
  /** `done`: all COMPLETED; `halt`: stop the deploy (failed, cancelled, breaker); `wait`: poll again. */
  verdict: 'wait' | 'done' | 'halt';
  directives: Directive[];
  /** Why the verdict (one line each; empty for a plain `wait`). */
  reasons: string[];
}

/**
 * A fingerprint of everything a directive depends on: per shard phase, retries and postponement. Two
 * equal fingerprints mean Vitess has not moved since.
 */
export function stateFingerprint(m: MigrationAggregate): string {
  return m.shards.map((s) => `${s.shard}:${s.phase}:${s.retries}:${s.postponeCompletion ? 1 : 0}`).join(',');
}

/** Formats a share as a percentage ("37.5%"). */
export function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Decides what to do next. `history` holds directives already issued by this process (may be empty). */
export function decide(
  migrations: readonly MigrationAggregate[],
  policy: DecisionPolicy,
  history: readonly IssuedDirective[] = [],
): Decision {
  const reasons: string[] = [];
  const wanted: Directive[] = [];
  let halt = false;
  for (const m of migrations) {
    const name = `${m.uuid} (${m.table || 'unknown table'})`;
    if (m.failedShards.length > 0) {
      const share = m.total > 0 ? m.failedShards.length / m.total : 1;
      const failedMsg = m.failedShards
        .map((s) => `${s}: ${m.shards.find((v) => v.shard === s)?.message || 'no message'}`)
        .join('; ');
      if (share > policy.maxFailedShare) {
        halt = true;
        reasons.push(
          `breaker: ${m.failedShards.length} of ${m.total} shards failed (${pct(share)} > ${pct(policy.maxFailedShare)}) for migration ${name} — ${failedMsg}`,
        );
        continue;
      }
      const exhausted = m.failedShards.filter((s) => (m.shards.find((v) => v.shard === s)?.retries ?? 0) >= policy.maxRetries);
      if (exhausted.length > 0) {
        halt = true;
        reasons.push(`retries exhausted (${policy.maxRetries}) for migration ${name} on ${exhausted.join(', ')} — ${failedMsg}`);
        continue;
      }
      wanted.push({
        directive: 'retry',
        keyspace: m.keyspace,
        uuid: m.uuid,
        reason: `${m.failedShards.length} of ${m.total} shards failed (${pct(share)} ≤ ${pct(policy.maxFailedShare)}), retry ${m.retries + 1} of ${policy.maxRetries}: ${failedMsg}`,
      });
      continue;
    }
    if (m.cancelledShards.length > 0) {
      halt = true;
      reasons.push(`migration ${name} was cancelled on ${m.cancelledShards.join(', ')}`);
      continue;
    }
    if (m.state === 'CUTOVER_PENDING' && policy.complete) {
      wanted.push({ directive: 'complete', keyspace: m.keyspace, uuid: m.uuid, reason: `every shard (${m.total}) is ready to complete with completion postponed` });
    }
  }
  if (halt) {
    const cancels: Directive[] = migrations
      .filter((m) => m.shards.some((s) => !isTerminal(s.phase) && s.phase !== 'MISSING'))
      .map((m) => ({ directive: 'cancel' as const, keyspace: m.keyspace, uuid: m.uuid, reason: 'halting: cancel on the shards where it has not finished' }));
    return { verdict: 'halt', directives: notRepeated(cancels, migrations, history), reasons };
  }
  const done = migrations.length > 0 && migrations.every((m) => m.state === 'COMPLETED');
  return { verdict: done ? 'done' : 'wait', directives: notRepeated(wanted, migrations, history), reasons };
}

/** Drops a directive already issued on the very same state (Vitess has not moved since: nothing new to ask). */
function notRepeated(
  directives: Directive[],
  migrations: readonly MigrationAggregate[],
  history: readonly IssuedDirective[],
): Directive[] {
  return directives.filter((d) => {
    const m = migrations.find((x) => x.uuid === d.uuid)!;
    const fp = stateFingerprint(m);
    return !history.some((h) => h.directive === d.directive && h.uuid === d.uuid && h.fingerprint === fp);
  });
}
