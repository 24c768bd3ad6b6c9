/**
 * The migrations report as data: `vschema-guard migrations --format json` and the `migrations` part of
 * a deploy record. Snake_case keys with Vitess's field names where one exists. Pure.
 * `MIGRATIONS_JSON_SCHEMA` documents it (`vschema-guard schema migrations`).
 */
import type { MigrationAggregate } from './aggregate.js';
import type { Decision, IssuedDirective } from './decide.js';
import { LIFECYCLE_STATES } from './lifecycle.js';

/** One shard of a migration in the JSON report. */
export interface ShardJson {
  shard: string;
  state: string;
  /** Vitess's status verbatim (`running`…, upper case as the proto enum), null without a row. */
  status: string | null;
  missing: 'no-primary' | 'not-submitted' | null;
  progress: number;
  rows_copied: number;
  table_rows: number;
  eta_seconds: number | null;
  ready_to_complete: boolean;
  postpone_completion: boolean;
  retries: number;
  throttled_by: string | null;
  message: string;
  tablet: string;
}

/** One migration in the JSON report. */
export interface MigrationJson {
  uuid: string;
  keyspace: string;
  table: string;
  migration_statement: string;
  migration_context: string;
  options: string;
  state: string;
  shards_total: number;
  shards_completed: number;
  progress: number;
  eta_seconds: number | null;
  retries: number;
  failed_shards: string[];
  cancelled_shards: string[];
  throttled_shards: { shard: string; component: string }[];
  missing_shards: { shard: string; reason: string }[];
  unknown_status_shards: { shard: string; status: string }[];
  unexpected_shards: string[];
  shards: ShardJson[];
}

/** The whole JSON report. */
export interface MigrationsJson {
  /** ISO time of the observation. */
  observed_at: string | null;
  /** `completed` | `failed` | `running` | `none` | `error`. */
  outcome: string;
  /** Why (breaker, retries exhausted, cancelled, vtctld error), one line each. */
  reasons: string[];
  directives: { directive: string; uuid: string }[];
  migrations: MigrationJson[];
}

/** One aggregate as JSON. */
export function migrationJson(m: MigrationAggregate): MigrationJson {
  return {
    uuid: m.uuid,
    keyspace: m.keyspace,
    table: m.table,
    migration_statement: m.statement,
    migration_context: m.migrationContext,
    options: m.options,
    state: m.state,
    shards_total: m.total,
    shards_completed: m.completed,
    progress: m.progressPct,
    eta_seconds: m.etaSeconds,
    retries: m.retries,
    failed_shards: m.failedShards,
    cancelled_shards: m.cancelledShards,
    throttled_shards: m.throttledShards,
    missing_shards: m.missingShards,
    unknown_status_shards: m.unknownStatusShards,
    unexpected_shards: m.unexpectedShards,
    shards: m.shards.map((s) => ({
      shard: s.shard,
      state: s.phase,
      status: s.status,
      missing: s.missing,
      progress: s.progressPct,
      rows_copied: s.rowsCopied,
      table_rows: s.tableRows,
      eta_seconds: s.etaSeconds,
      ready_to_complete: s.readyToComplete,
      postpone_completion: s.postponeCompletion,
      retries: s.retries,
      throttled_by: s.throttled ? s.throttled.component : null,
      message: s.message,
      tablet: s.tablet,
    })),
  };
}

/** The outcome word of a set of migrations. */
export function outcomeOf(migrations: readonly MigrationAggregate[], decision: Decision | null): 'completed' | 'failed' | 'running' | 'none' {
  if (migrations.length === 0) return 'none';
  if (decision?.verdict === 'halt' || migrations.some((m) => m.state === 'FAILED' || m.state === 'CANCELLED')) return 'failed';
  return migrations.every((m) => m.state === 'COMPLETED') ? 'completed' : 'running';
}

/** The JSON report of an observation. */
export function migrationsJson(
  migrations: readonly MigrationAggregate[],
  observedAtMs: number | null,
  decision: Decision | null,
  issued: readonly IssuedDirective[],
  error: string | null = null,
): MigrationsJson {
  return {
    observed_at: observedAtMs === null ? null : new Date(observedAtMs).toISOString(),
    outcome: error ? 'error' : outcomeOf(migrations, decision),
    reasons: [...(decision?.reasons ?? []), ...(error ? [error] : [])],
    directives: issued.map((d) => ({ directive: d.directive, uuid: d.uuid })),
    migrations: migrations.map(migrationJson),
  };
}

const str = { type: 'string' };
const num = { type: 'number' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const strs = { type: 'array', items: str };
const state = { enum: [...LIFECYCLE_STATES] };
const shardJson = {
  type: 'object',
  additionalProperties: false,
  required: ['shard', 'state', 'status', 'missing', 'progress', 'rows_copied', 'table_rows', 'eta_seconds', 'ready_to_complete', 'postpone_completion', 'retries', 'throttled_by', 'message', 'tablet'],
  properties: {
    shard: str,
    state: { enum: [...LIFECYCLE_STATES, 'MISSING', 'UNKNOWN_STATUS'], description: 'The shard\'s lifecycle phase (README "Online DDL lifecycle")' },
    status: { type: ['string', 'null'], description: 'Vitess SchemaMigration.Status name (UNKNOWN_<n> for a number this version does not know); null without a row' },
    missing: { enum: ['no-primary', 'not-submitted', null] },
    progress: { ...num, minimum: 0, maximum: 100, description: 'percent' },
    rows_copied: int,
    table_rows: int,
    eta_seconds: { type: ['integer', 'null'], description: 'null: unknown (Vitess -1)' },
    ready_to_complete: bool,
    postpone_completion: bool,
    retries: int,
    throttled_by: { type: ['string', 'null'], description: 'component_throttled when throttled in the last 60 s' },
    message: str,
    tablet: str,
  },
};
const migrationJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['uuid', 'keyspace', 'table', 'migration_statement', 'migration_context', 'options', 'state', 'shards_total', 'shards_completed', 'progress', 'eta_seconds', 'retries', 'failed_shards', 'cancelled_shards', 'throttled_shards', 'missing_shards', 'unknown_status_shards', 'unexpected_shards', 'shards'],
  properties: {
    uuid: str,
    keyspace: str,
    table: str,
    migration_statement: str,
    migration_context: str,
    options: str,
    state: { ...state, description: 'Folded over every expected shard (FindAllShardsInKeyspace)' },
    shards_total: int,
    shards_completed: int,
    progress: { ...num, minimum: 0, maximum: 100, description: 'percent, weighted by each shard\'s table_rows' },
    eta_seconds: { type: ['integer', 'null'], description: 'the slowest unfinished shard\'s; null when unknown' },
    retries: int,
    failed_shards: strs,
    cancelled_shards: strs,
    throttled_shards: { type: 'array', items: { type: 'object', required: ['shard', 'component'], properties: { shard: str, component: str } } },
    missing_shards: { type: 'array', items: { type: 'object', required: ['shard', 'reason'], properties: { shard: str, reason: { enum: ['no-primary', 'not-submitted'] } } } },
    unknown_status_shards: { type: 'array', items: { type: 'object', required: ['shard', 'status'], properties: { shard: str, status: str } } },
    unexpected_shards: strs,
    shards: { type: 'array', items: shardJson },
  },
};

/** JSON Schema (draft-07, like the other schemas) of `vschema-guard migrations --format json`. */
export const MIGRATIONS_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'vschema-guard migrations report',
  type: 'object',
  additionalProperties: false,
  required: ['observed_at', 'outcome', 'reasons', 'directives', 'migrations'],
  properties: {
    observed_at: { type: ['string', 'null'], format: 'date-time' },
    outcome: { enum: ['completed', 'failed', 'running', 'none', 'error'] },
    reasons: strs,
    directives: { type: 'array', items: { type: 'object', required: ['directive', 'uuid'], properties: { directive: { enum: ['complete', 'cancel', 'retry'] }, uuid: str } } },
    migrations: { type: 'array', items: migrationJsonSchema },
  },
} as const;
