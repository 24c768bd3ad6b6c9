/**
 * The fake vtctld's side of the wire: request messages → the typed requests of src/vtctld/client.ts,
 * typed results → response messages (the reverse of src/vtctld/convert.ts), and small protobuf
 * writers for responses that carry ready-made VSchema bytes.
 */
import protobuf from 'protobufjs';
import type {
  ApplySchemaRequest,
  GetSchemaMigrationsRequest,
  MigrationStatus,
  SchemaMigrationRow,
} from '../../src/vtctld/client.js';
import { messageType } from '../../src/vtctld/protos.js';

type Msg = Record<string, unknown>;

const num = (v: unknown): number =>
  v === null || v === undefined ? 0 : typeof v === 'object' && 'toNumber' in (v as object) ? (v as { toNumber(): number }).toNumber() : Number(v);

const statusEnum = (): protobuf.Enum => messageType('vtctldata.SchemaMigration').lookupEnum('Status');

/** `ApplySchemaRequest` message → typed request. */
export function applySchemaRequestOf(m: Msg): ApplySchemaRequest {
  const wrt = m.wait_replicas_timeout as Msg | null | undefined;
  return {
    keyspace: String(m.keyspace ?? ''),
    sql: ((m.sql ?? []) as string[]).slice(),
    ddlStrategy: String(m.ddl_strategy ?? ''),
    uuidList: ((m.uuid_list ?? []) as string[]).slice(),
    migrationContext: String(m.migration_context ?? ''),
    ...(wrt ? { waitReplicasTimeoutSeconds: num(wrt.seconds) } : {}),
  };
}

/** `GetSchemaMigrationsRequest` message → typed request. */
export function getSchemaMigrationsRequestOf(m: Msg): GetSchemaMigrationsRequest {
  const order = num(m.order);
  const recent = m.recent as Msg | null | undefined;
  const status = num(m.status);
  return {
    keyspace: String(m.keyspace ?? ''),
    ...(m.uuid ? { uuid: String(m.uuid) } : {}),
    ...(m.migration_context ? { migrationContext: String(m.migration_context) } : {}),
    ...(status ? { status: (statusEnum().valuesById[status] ?? `UNKNOWN_${status}`) as MigrationStatus } : {}),
    ...(recent ? { recentSeconds: num(recent.seconds) } : {}),
    ...(order ? { order: order === 1 ? ('ASCENDING' as const) : ('DESCENDING' as const) } : {}),
    ...(num(m.limit) ? { limit: num(m.limit) } : {}),
    ...(num(m.skip) ? { skip: num(m.skip) } : {}),
  };
}

function vttime(seconds: number | null): Msg | undefined {
  if (seconds === null) return undefined;
  const s = Math.floor(seconds);
  return { seconds: s, nanoseconds: Math.round((seconds - s) * 1e9) };
}

/** `cell-uid` → topodata.TabletAlias. */
export function tabletAliasMessage(alias: string): Msg | undefined {
  const m = /^(.*)-(\d+)$/.exec(alias);
  return m ? { cell: m[1], uid: Number(m[2]) } : undefined;
}

/** Typed row → `vtctldata.SchemaMigration` message. */
export function schemaMigrationMessage(r: SchemaMigrationRow): Msg {
  const status = /^UNKNOWN_(\d+)$/.exec(r.status);
  return {
    uuid: r.uuid,
    keyspace: r.keyspace,
    shard: r.shard,
    table: r.table,
    migration_statement: r.migrationStatement,
    strategy: r.strategy,
    options: r.options,
    status: status ? Number(status[1]) : statusEnum().values[r.status],
    progress: r.progress,
    rows_copied: r.rowsCopied,
    table_rows: r.tableRows,
    eta_seconds: r.etaSeconds,
    ready_to_complete: r.readyToComplete,
    postpone_completion: r.postponeCompletion,
    postpone_launch: r.postponeLaunch,
    retries: r.retries,
    migration_context: r.migrationContext,
    ddl_action: r.ddlAction,
    message: r.message,
    requested_at: vttime(r.requestedAt),
    started_at: vttime(r.startedAt),
    completed_at: vttime(r.completedAt),
    last_throttled_at: vttime(r.lastThrottledAt),
    component_throttled: r.componentThrottled,
    user_throttle_ratio: r.userThrottleRatio,
    is_immediate_operation: r.isImmediateOperation,
    tablet: tabletAliasMessage(r.tablet),
  };
}

/** A length-delimited field `no` holding `bytes`. */
export function lengthField(no: number, bytes: Uint8Array): Uint8Array {
  return protobuf.Writer.create().uint32((no << 3) | 2).bytes(bytes).finish();
}

/** A string field `no`. */
export function stringField(no: number, s: string): Uint8Array {
  return protobuf.Writer.create().uint32((no << 3) | 2).string(s).finish();
}

/** Concatenates encoded fields. */
export function concat(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts.map((p) => Buffer.from(p)));
}

/** One map entry (`key = 1` string, `value = 2` message bytes) as field `no` of the enclosing message. */
export function mapEntryField(no: number, key: string, value: Uint8Array | null): Uint8Array {
  return lengthField(no, concat(stringField(1, key), ...(value ? [lengthField(2, value)] : [])));
}
