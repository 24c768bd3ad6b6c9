/**
 * The reconcile loop over Online DDL migrations: observe (FindAllShardsInKeyspace + GetSchemaMigrations),
 * fold, decide, issue the directives, sleep with backoff, repeat. All I/O comes in through the
 * `VtctldClient` and the injected clock and sleep, so tests drive time.
 *
 * Nothing is remembered across observations except the directives issued (to avoid asking Vitess twice
 * for the same thing on an unchanged state): after a vtctld outage or a restart of the tool, the next
 * observation is the whole truth.
 */
import { ExponentialBackoff, noJitterGenerator, type IBackoff } from 'cockatiel';
import { VtctldError, type GetSchemaMigrationsRequest, type SchemaMigrationRow, type ShardInfo, type VtctldClient } from '../vtctld/client.js';
import { foldMigrations, type MigrationAggregate } from './aggregate.js';
import { decide, stateFingerprint, type Decision, type DecisionPolicy, type IssuedDirective } from './decide.js';

/** What to read in one keyspace: one filter (vtctld honours only one: uuid > context > recent). */
export interface WatchScope {
  keyspace: string;
  migrationContext?: string;
  uuid?: string;
  recentSeconds?: number;
  /** Uuids to report even before any row exists (a deploy's planned migrations). */
  expectUuids?: readonly string[];
}

/** One observation of every scope. */
export interface Observation {
  /** Unix milliseconds (the injected clock). */
  at: number;
  shards: Record<string, ShardInfo[]>;
  migrations: MigrationAggregate[];
}

/** Reads and folds every scope once. Rejects with the client's VtctldError. */
export async function observe(client: VtctldClient, scopes: readonly WatchScope[], nowMs: number): Promise<Observation> {
  const shards: Record<string, ShardInfo[]> = {};
  const migrations: MigrationAggregate[] = [];
  for (const scope of scopes) {
    const expected = await client.findAllShardsInKeyspace(scope.keyspace);
    shards[scope.keyspace] = expected;
    const req: GetSchemaMigrationsRequest = { keyspace: scope.keyspace };
    if (scope.uuid) req.uuid = scope.uuid;
    else if (scope.migrationContext) req.migrationContext = scope.migrationContext;
    else if (scope.recentSeconds !== undefined) req.recentSeconds = scope.recentSeconds;
    const rows: SchemaMigrationRow[] = (await client.getSchemaMigrations(req)).filter(
      (r) => r.keyspace === '' || r.keyspace === scope.keyspace,
    );
    migrations.push(...foldMigrations(scope.keyspace, expected, rows, Math.floor(nowMs / 1000), scope.expectUuids ?? []));
  }
  return { at: nowMs, shards, migrations };
}

/** Injected effects. */
export interface WatchDeps {
  client: VtctldClient;
  /** Unix milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
}

/** How to watch. */
export interface WatchOptions {
  policy: DecisionPolicy;
  /** Issue the decided directives (false: report only). */
  act: boolean;
  /** Keep polling until done/halt (false: one observation). */
  follow: boolean;
  /** Give up (outcome `timeout`) after this long; null = never. */
  timeoutMs: number | null;
  /** Give up (outcome `unreachable`) when vtctld fails for this long in a row. */
  maxUnavailableMs: number;
  /** First poll interval and its cap (ms); the interval grows ×1.5 while nothing changes. */
  pollInitialMs: number;
  pollMaxMs: number;
  /** Called after every observation with the decision taken on it. */
  onObservation?: (obs: Observation, decision: Decision) => void;
}

/** Defaults: 2 s → 30 s polls, 10 minutes of vtctld outage tolerated, 6 hours overall. */
export const DEFAULT_WATCH: Omit<WatchOptions, 'policy' | 'act' | 'follow'> = {
  timeoutMs: 6 * 3600_000,
  maxUnavailableMs: 10 * 60_000,
  pollInitialMs: 2000,
  pollMaxMs: 30_000,
};

/** How many more polls a halt spends re-asking for directives vtctld refused. */
const HALT_RETRIES = 3;

/** The end of a watch. */
export interface WatchResult {
  /**
   * `done`: all COMPLETED; `halt`: failed, cancelled or breaker (directives issued); `pending`: one
   * observation and not finished; `timeout`; `unreachable`: vtctld kept failing (or answered that a
   * topo node does not exist).
   */
  outcome: 'done' | 'halt' | 'pending' | 'timeout' | 'unreachable';
  observation: Observation | null;
  decision: Decision | null;
  issued: IssuedDirective[];
  /** The last vtctld error, when the outcome is `unreachable` (or one was seen on the way). */
  lastError: VtctldError | null;
  /** Directives of the last decision that vtctld refused (`cancel <uuid>: <error>`): what is still undone. */
  failedDirectives: string[];
}

/** Runs the loop. Throws only what is not a VtctldError (a bug). */
export async function watchMigrations(deps: WatchDeps, scopes: readonly WatchScope[], options: WatchOptions): Promise<WatchResult> {
  const start = deps.now();
  const backoffFactory = new ExponentialBackoff({
    initialDelay: options.pollInitialMs,
    maxDelay: options.pollMaxMs,
    exponent: 1.5,
    generator: noJitterGenerator,
  });
  let backoff: IBackoff<unknown> = backoffFactory.next();
  const issued: IssuedDirective[] = [];
  let last: Observation | null = null;
  let lastDecision: Decision | null = null;
  let lastError: VtctldError | null = null;
  let failingSince: number | null = null;
  let lastFingerprint = '';
  let act = options.act;
  let failedDirectives: string[] = [];
  let haltRetries = 0;
  for (;;) {
    let obs: Observation;
    try {
      obs = await observe(deps.client, scopes, deps.now());
      if (failingSince !== null) deps.log(`vtctld answers again; state recomputed from GetSchemaMigrations`);
      failingSince = null;
    } catch (e) {
      if (!(e instanceof VtctldError)) throw e;
      lastError = e;
      failingSince ??= deps.now();
      // A topo node that does not exist (unknown keyspace) will not appear by waiting.
      if (!options.follow || e.notFound || deps.now() - failingSince >= options.maxUnavailableMs) {
        return { outcome: 'unreachable', observation: last, decision: lastDecision, issued, lastError, failedDirectives };
      }
      deps.log(`${e.message} — retrying; the state is recomputed from vtctld when it answers`);
      await deps.sleep(backoff.duration);
      backoff = backoff.next(undefined);
      continue;
    }
    last = obs;
    const decision = decide(obs.migrations, options.policy, issued);
    lastDecision = decision;
    options.onObservation?.(obs, decision);
    let acted = false;
    failedDirectives = [];
    if (act) {
      for (const d of decision.directives) {
        const m = obs.migrations.find((x) => x.uuid === d.uuid)!;
        deps.log(`${d.directive} ${d.keyspace} ${d.uuid}: ${d.reason}`);
        try {
          const affected = await deps.client.migrationDirective(d.directive, d.keyspace, d.uuid);
          issued.push({ directive: d.directive, uuid: d.uuid, fingerprint: stateFingerprint(m) });
          acted = true;
          deps.log(`${d.directive} ${d.uuid}: rows affected by shard ${formatAffected(affected)}`);
        } catch (e) {
          if (!(e instanceof VtctldError)) throw e;
          lastError = e;
          failedDirectives.push(`${d.directive} ${d.uuid}: ${e.message}`);
          deps.log(`${e.message} — the next observation decides again`);
        }
      }
    }
    if (decision.verdict === 'done') return { outcome: 'done', observation: obs, decision, issued, lastError, failedDirectives };
    if (decision.verdict === 'halt' && !acted) {
      // A refused cancel is asked again on the next polls (a few), then reported as undone.
      if (!(failedDirectives.length && options.follow && haltRetries++ < HALT_RETRIES)) {
        return { outcome: 'halt', observation: obs, decision, issued, lastError, failedDirectives };
      }
    }
    if (!options.follow) {
      // One look: after acting, look once more (without acting) so the report is what vtctld says now.
      if (acted) {
        act = false;
        continue;
      }
      return { outcome: 'pending', observation: obs, decision, issued, lastError, failedDirectives };
    }
    if (options.timeoutMs !== null && deps.now() - start >= options.timeoutMs) {
      return { outcome: 'timeout', observation: obs, decision, issued, lastError, failedDirectives };
    }
    const fp = obs.migrations.map(stateFingerprint).join('|');
    if (acted || fp !== lastFingerprint) backoff = backoffFactory.next();
    lastFingerprint = fp;
    await deps.sleep(backoff.duration);
    backoff = backoff.next(undefined);
  }
}

function formatAffected(affected: Record<string, number>): string {
  const keys = Object.keys(affected).sort();
  return keys.length ? keys.map((k) => `${k}=${affected[k]}`).join(' ') : '(none)';
}
