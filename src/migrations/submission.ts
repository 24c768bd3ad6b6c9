/**
 * Submitting DDL as Online DDL migrations: the ApplySchema request and whether to send it. Pure.
 *
 * - One statement per `sql` element (ApplySchema parses each element as one statement;
 *   `go/vt/vtctl/grpcvtctldserver/server.go` `ApplySchema`).
 * - A deterministic `uuid_list`: each uuid is derived from the deploy id and the statement, in the
 *   format ApplySchema accepts (`^[0-f]{8}_[0-f]{4}_[0-f]{4}_[0-f]{4}_[0-f]{12}$`,
 *   `go/vt/schema/online_ddl.go` `IsOnlineDDLUUID`, checked by `TabletExecutor.SetUUIDList`), so a re-run
 *   submits the very same uuids.
 * - `migration_context` = the deploy id. Resubmitting the same uuid with the same context is a no-op (or a
 *   retry of a failed/cancelled row) on each shard (`executor.go` `SubmitMigration`), which is how a
 *   partially failed ApplySchema (error, no response body) is finished.
 * - A re-run first reads its migrations by context and submits only if some planned row is missing.
 */
import { createHash } from 'node:crypto';
import type { ApplySchemaRequest, SchemaMigrationRow, ShardInfo } from '../vtctld/client.js';

/** One DDL statement with where it came from. */
export interface DdlStatement {
  sql: string;
  /** Source file (for messages) and 1-based line. */
  file: string;
  line: number;
}

/** A statement with its uuid. */
export interface PlannedMigration extends DdlStatement {
  uuid: string;
}

/** What one keyspace's DDL submits. */
export interface SubmissionPlan {
  keyspace: string;
  migrationContext: string;
  ddlStrategy: string;
  migrations: PlannedMigration[];
}

/** The Online DDL uuid format ApplySchema accepts (`go/vt/schema/online_ddl.go:35`). */
export const ONLINE_DDL_UUID = /^[0-f]{8}_[0-f]{4}_[0-f]{4}_[0-f]{4}_[0-f]{12}$/;

/**
 * A deterministic Online DDL uuid for the `occurrence`-th (0-based) copy of `sql` in deploy `deployId`
 * (keyspace included: one deploy may change several keyspaces). SHA-256 based, lowercase hex with
 * underscores, version nibble 8 (RFC 9562 custom) and variant 10.
 */
export function onlineDdlUuid(deployId: string, keyspace: string, sql: string, occurrence: number): string {
  const h = createHash('sha256').update(`vschema-guard\0${deployId}\0${keyspace}\0${occurrence}\0${sql}`).digest('hex');
  const hex = h.slice(0, 12) + '8' + h.slice(13, 16) + ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16) + h.slice(17, 32);
  return `${hex.slice(0, 8)}_${hex.slice(8, 12)}_${hex.slice(12, 16)}_${hex.slice(16, 20)}_${hex.slice(20, 32)}`;
}

/** Online DDL strategies of Vitess v24 (`go/vt/schema/ddl_strategy.go` `ParseDDLStrategy`). */
export const DDL_STRATEGIES = ['vitess', 'online', 'mysql', 'direct'] as const;

/** `ddl_strategy` flags Vitess v24 accepts (`ddl_strategy.go` `RuntimeOptions`). */
const STRATEGY_FLAGS = new Set([
  'declarative', 'skip-topo', 'singleton', 'singleton-context', 'singleton-table', 'allow-zero-in-date',
  'postpone-launch', 'postpone-completion', 'in-order-completion', 'allow-concurrent', 'prefer-instant-ddl',
  'fast-range-rotation', 'vreplication-test-suite', 'unsafe-allow-foreign-keys', 'analyze-table',
]);
const VALUED_FLAGS = new Set(['cut-over-threshold', 'force-cut-over-after', 'retain-artifacts']);

/** A parsed `ddl_strategy`. */
export interface DdlStrategy {
  name: (typeof DDL_STRATEGIES)[number];
  flags: string[];
  /** `direct`: a blocking ALTER on every primary; no migration rows to watch. */
  direct: boolean;
  postponeCompletion: boolean;
}

/**
 * Parses and checks a `ddl_strategy` the way vtctld will (`ParseDDLStrategy`), so a typo fails before
 * anything is submitted. Throws Error with Vitess's wording.
 */
export function parseDdlStrategy(strategy: string): DdlStrategy {
  const [name = '', ...flags] = strategy.trim().split(/\s+/).filter(Boolean);
  if (!(DDL_STRATEGIES as readonly string[]).includes(name)) {
    throw new Error(`Unknown online DDL strategy: '${name}' (one of ${DDL_STRATEGIES.join(', ')}; gh-ost and pt-osc were removed in Vitess v20)`);
  }
  const bad = flags.filter((f) => {
    const m = /^--?([a-z-]+)(=.*)?$/.exec(f);
    if (!m) return true;
    return m[2] === undefined ? !STRATEGY_FLAGS.has(m[1]!) : !VALUED_FLAGS.has(m[1]!);
  });
  if (bad.length) throw new Error(`invalid flags for ${name} strategy: ${bad.join(' ')}`);
  if (name !== 'vitess' && name !== 'online' && flags.some((f) => /^--?force-cut-over-after=/.test(f))) {
    throw new Error(`--force-cut-over-after is only valid in 'vitess' strategy`);
  }
  return {
    name: name as DdlStrategy['name'],
    flags,
    direct: name === 'direct',
    postponeCompletion: flags.some((f) => /^--?postpone-completion$/.test(f)),
  };
}

/** Plans one keyspace's submission: uuids in statement order. */
export function planSubmission(keyspace: string, deployId: string, ddlStrategy: string, statements: readonly DdlStatement[]): SubmissionPlan {
  const seen = new Map<string, number>();
  const migrations = statements.map((s) => {
    const n = seen.get(s.sql) ?? 0;
    seen.set(s.sql, n + 1);
    return { ...s, uuid: onlineDdlUuid(deployId, keyspace, s.sql, n) };
  });
  return { keyspace, migrationContext: deployId, ddlStrategy, migrations };
}

/** The ApplySchema request of a plan; identical on every call (the idempotent resubmission). */
export function applySchemaRequest(plan: SubmissionPlan): ApplySchemaRequest {
  return {
    keyspace: plan.keyspace,
    sql: plan.migrations.map((m) => m.sql),
    ddlStrategy: plan.ddlStrategy,
    uuidList: plan.migrations.map((m) => m.uuid),
    migrationContext: plan.migrationContext,
  };
}

/** What to do about submission, given the topo and the rows found by migration context. */
export type SubmissionStep =
  | { kind: 'submit' }
  | { kind: 'resubmit'; missing: { uuid: string; shards: string[] }[] }
  | { kind: 'submitted' }
  | { kind: 'refuse'; reason: string };

/**
 * Decides whether to (re)submit. Refuses when vtctld would (a shard without a primary:
 * `shard: X does not have a primary`; no shards: `keyspace: X does not contain any primary tablets`,
 * `go/vt/schemamanager/tablet_executor.go`), or when the context holds migrations this plan did not
 * make. Resubmits the identical request when a planned row is missing on a shard that has a primary,
 * unless a row was cancelled (a halted deploy is never revived by a re-run).
 */
export function nextSubmissionStep(plan: SubmissionPlan, shards: readonly ShardInfo[], rows: readonly SchemaMigrationRow[]): SubmissionStep {
  if (plan.migrations.length === 0) return { kind: 'refuse', reason: `no DDL statements to submit for keyspace ${plan.keyspace}` };
  if (shards.length === 0) return { kind: 'refuse', reason: `keyspace: ${plan.keyspace} does not contain any primary tablets (no shards in the topo)` };
  const noPrimary = shards.filter((s) => !s.primaryAlias).map((s) => s.name);
  if (noPrimary.length) {
    return {
      kind: 'refuse',
      reason: `ApplySchema needs a PRIMARY on every shard; ${noPrimary.map((s) => `shard: ${s} does not have a primary`).join('; ')} (keyspace ${plan.keyspace})`,
    };
  }
  const planned = new Set(plan.migrations.map((m) => m.uuid));
  const mine = rows.filter((r) => r.migrationContext === plan.migrationContext);
  const foreign = [...new Set(mine.filter((r) => !planned.has(r.uuid)).map((r) => r.uuid))];
  if (foreign.length) {
    return {
      kind: 'refuse',
      reason: `migration context ${plan.migrationContext} already holds migrations this deploy did not plan (${foreign.join(', ')}): the DDL changed under the same deploy id`,
    };
  }
  if (mine.length === 0) return { kind: 'submit' };
  const have = new Set(mine.map((r) => `${r.uuid}/${r.shard}`));
  const missing = plan.migrations
    .map((m) => ({ uuid: m.uuid, shards: shards.filter((s) => !have.has(`${m.uuid}/${s.name}`)).map((s) => s.name) }))
    .filter((m) => m.shards.length > 0);
  if (missing.length === 0) return { kind: 'submitted' };
  if (mine.some((r) => r.status === 'CANCELLED')) return { kind: 'submitted' };
  return { kind: 'resubmit', missing };
}
