/**
 * vtctld wire messages ↔ the typed values of `client.ts`: the requests we send and the responses we
 * read, pure functions over protobufjs message objects (no I/O). Field meanings follow
 * `proto/vtctldata.proto` and the fact sheet §1.4, §2.
 */
import protobuf from 'protobufjs';
import type {
  ApplySchemaRequest,
  ApplySchemaResult,
  GetSchemaMigrationsRequest,
  LiveVSchema,
  MigrationStatus,
  SchemaMigrationRow,
  ShardInfo,
} from './client.js';
import { messageToJson } from './proto-json.js';
import { messageType } from './protos.js';
import { findUnknownFields } from './unknown-fields.js';

type Msg = Record<string, unknown>;

function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && 'toNumber' in (v as object)) return (v as { toNumber(): number }).toNumber();
  return Number(v);
}

/** `vttime.Time` → Unix seconds, or null when unset. */
function unixSeconds(v: unknown): number | null {
  if (!v) return null;
  const t = v as Msg;
  const s = num(t.seconds);
  const ns = num(t.nanoseconds);
  return s === 0 && ns === 0 ? null : s + ns / 1e9;
}

const hex = (b: unknown): string => (b instanceof Uint8Array ? Buffer.from(b).toString('hex') : '');

/** `topodata.TabletAlias` → `cell-uid` (Vitess prints uids zero-padded to 10 digits, topoproto.TabletAliasString). */
export function tabletAliasString(alias: unknown): string | null {
  if (!alias) return null;
  const a = alias as Msg;
  const cell = String(a.cell ?? '');
  const uid = num(a.uid);
  if (!cell && uid === 0) return null;
  return `${cell}-${String(uid).padStart(10, '0')}`;
}

/**
 * Decodes a `vschema.Keyspace` from its bytes: JSON with proto names (defaults omitted) and the
 * paths of the fields our proto does not declare.
 */
export function decodeLiveVSchema(bytes: Uint8Array): LiveVSchema {
  const type = messageType('vschema.Keyspace');
  return { vschema: messageToJson(type, type.decode(bytes)), unknownFields: findUnknownFields(type, bytes) };
}

/** The bytes of every occurrence of length-delimited field `no` in a message, in wire order. */
export function fieldBytes(bytes: Uint8Array, no: number): Uint8Array[] {
  const r = protobuf.Reader.create(bytes);
  const out: Uint8Array[] = [];
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag >>> 3 === no && (tag & 7) === 2) out.push(r.bytes());
    else r.skipType(tag & 7);
  }
  return out;
}

/** Map field entries (`key = 1` string, `value = 2` bytes) of a message: key → value bytes (null when the value is absent). */
export function mapEntries(bytes: Uint8Array, no: number): Map<string, Uint8Array | null> {
  const out = new Map<string, Uint8Array | null>();
  for (const entry of fieldBytes(bytes, no)) {
    const keys = fieldBytes(entry, 1);
    const values = fieldBytes(entry, 2);
    out.set(keys.length ? Buffer.from(keys[keys.length - 1]!).toString('utf8') : '', values.length ? values[values.length - 1]! : null);
  }
  return out;
}

/** `GetVSchemaResponse` / `ApplyVSchemaResponse` bytes → the VSchema of field 1 (an empty one when absent). */
export function liveVSchemaOfResponse(bytes: Uint8Array): LiveVSchema {
  const v = fieldBytes(bytes, 1);
  return decodeLiveVSchema(v.length ? v[v.length - 1]! : new Uint8Array());
}

/**
 * `GetSrvVSchemasResponse` bytes → cell → keyspace → VSchema. A cell whose SrvVSchema is absent or
 * an empty message maps to null: vtctld sends a nil SrvVSchema for a cell without the node
 * (server.go GetSrvVSchemas), which arrives as an entry with no or an empty value; a rebuilt
 * SrvVSchema always carries its routing rules field, so it is never empty.
 */
export function srvVSchemasOfResponse(bytes: Uint8Array): Record<string, Record<string, LiveVSchema> | null> {
  const out: Record<string, Record<string, LiveVSchema> | null> = {};
  for (const [cell, srv] of [...mapEntries(bytes, 1)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!srv || srv.length === 0) {
      out[cell] = null;
      continue;
    }
    const keyspaces: Record<string, LiveVSchema> = {};
    for (const [ks, ksBytes] of [...mapEntries(srv, 1)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      keyspaces[ks] = decodeLiveVSchema(ksBytes ?? new Uint8Array());
    }
    out[cell] = keyspaces;
  }
  return out;
}

/** `FindAllShardsInKeyspaceResponse` → shards sorted by name. */
export function shardsOfResponse(keyspace: string, msg: Msg): ShardInfo[] {
  const shards = (msg.shards ?? {}) as Record<string, Msg>;
  return Object.entries(shards)
    .map(([name, s]): ShardInfo => {
      const shard = (s.shard ?? {}) as Msg;
      const kr = shard.key_range as Msg | null | undefined;
      return {
        keyspace: String(s.keyspace || keyspace),
        name: String(s.name || name),
        keyRange: kr ? { start: hex(kr.start), end: hex(kr.end) } : null,
        isPrimaryServing: shard.is_primary_serving === true,
        primaryAlias: tabletAliasString(shard.primary_alias),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `ApplySchemaRequest` message object. */
export function applySchemaMessage(req: ApplySchemaRequest): Msg {
  return {
    keyspace: req.keyspace,
    sql: req.sql,
    ddl_strategy: req.ddlStrategy,
    uuid_list: req.uuidList,
    migration_context: req.migrationContext,
    ...(req.waitReplicasTimeoutSeconds ? { wait_replicas_timeout: { seconds: req.waitReplicasTimeoutSeconds } } : {}),
  };
}

/** `map<string, uint64>` → numbers. */
export function rowsAffected(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries((v ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) out[k] = num(x);
  return out;
}

/** `ApplySchemaResponse` → result. */
export function applySchemaResult(msg: Msg): ApplySchemaResult {
  return { uuidList: ((msg.uuid_list ?? []) as string[]).slice(), rowsAffectedByShard: rowsAffected(msg.rows_affected_by_shard) };
}

/** `vtctldata.SchemaMigration.Status`. */
const statusEnum = (): protobuf.Enum => messageType('vtctldata.SchemaMigration').lookupEnum('Status');

/** `GetSchemaMigrationsRequest` message object. */
export function getSchemaMigrationsMessage(req: GetSchemaMigrationsRequest): Msg {
  const status = req.status ? (statusEnum().values[req.status] ?? Number(/^UNKNOWN_(\d+)$/.exec(req.status)?.[1] ?? 0)) : 0;
  return {
    keyspace: req.keyspace,
    ...(req.uuid ? { uuid: req.uuid } : {}),
    ...(req.migrationContext ? { migration_context: req.migrationContext } : {}),
    ...(status ? { status } : {}),
    ...(req.recentSeconds ? { recent: { seconds: req.recentSeconds } } : {}),
    ...(req.order && req.order !== 'NONE' ? { order: req.order === 'ASCENDING' ? 1 : 2 } : {}),
    ...(req.limit ? { limit: req.limit } : {}),
    ...(req.skip ? { skip: req.skip } : {}),
  };
}

/** `SchemaMigration.Status` number → name (`UNKNOWN_<n>` for a number our proto does not declare). */
export function migrationStatusName(n: number): MigrationStatus {
  return (statusEnum().valuesById[n] as MigrationStatus | undefined) ?? `UNKNOWN_${n}`;
}

/** One `vtctldata.SchemaMigration` message → row. */
export function schemaMigrationRow(m: Msg): SchemaMigrationRow {
  return {
    uuid: String(m.uuid ?? ''),
    keyspace: String(m.keyspace ?? ''),
    shard: String(m.shard ?? ''),
    table: String(m.table ?? ''),
    migrationStatement: String(m.migration_statement ?? ''),
    strategy: num(m.strategy),
    options: String(m.options ?? ''),
    status: migrationStatusName(num(m.status)),
    progress: num(m.progress),
    rowsCopied: num(m.rows_copied),
    tableRows: num(m.table_rows),
    etaSeconds: num(m.eta_seconds),
    readyToComplete: m.ready_to_complete === true,
    postponeCompletion: m.postpone_completion === true,
    postponeLaunch: m.postpone_launch === true,
    retries: num(m.retries),
    migrationContext: String(m.migration_context ?? ''),
    ddlAction: String(m.ddl_action ?? ''),
    message: String(m.message ?? ''),
    requestedAt: unixSeconds(m.requested_at),
    startedAt: unixSeconds(m.started_at),
    completedAt: unixSeconds(m.completed_at),
    lastThrottledAt: unixSeconds(m.last_throttled_at),
    componentThrottled: String(m.component_throttled ?? ''),
    userThrottleRatio: num(m.user_throttle_ratio),
    isImmediateOperation: m.is_immediate_operation === true,
    tablet: tabletAliasString(m.tablet) ?? '',
  };
}
