/**
 * The small typed view of vtctld (`vtctlservice.Vtctld`) that the deploy and migrations logic sees.
 * Only `src/vtctld/grpc-client.ts` talks gRPC; everything else takes a `VtctldClient`, so deploy and
 * migration decisions are pure and testable over any implementation (the real gRPC client, the
 * in-process fakes of the tests).
 *
 * Names follow Vitess's `proto/vtctldata.proto` / `proto/vschema.proto` (v24); VSchema values are plain
 * JSON objects with proto field names (snake_case), as `vtctldclient GetVSchema` prints them, with proto3
 * defaults omitted.
 */

/** A VSchema keyspace object (`vschema.Keyspace`) as plain JSON with proto field names. */
export type VSchemaJson = Record<string, unknown>;

/** A keyspace's VSchema as read from the topo. */
export interface LiveVSchema {
  /** `vschema.Keyspace` as JSON (proto names, defaults omitted). */
  vschema: VSchemaJson;
  /**
   * Fields present in the binary message that our proto does not declare, as paths such as
   * `tables.customer.columns[0]#8` (field number after `#`). Non-empty means the live VSchema holds
   * data a full-object ApplyVSchema would silently delete: the deploy must refuse.
   */
  unknownFields: string[];
}

/** `topodata.KeyRange` with hex bounds ("" = open). */
export interface KeyRangeHex {
  start: string;
  end: string;
}

/** One shard of `FindAllShardsInKeyspace`. */
export interface ShardInfo {
  keyspace: string;
  name: string;
  keyRange: KeyRangeHex | null;
  isPrimaryServing: boolean;
  /** `cell-uid` of the primary tablet, or null when the shard has no primary. */
  primaryAlias: string | null;
}

/** Request of `ApplyVSchema` (JSON full-object mode only: we never send `sql`). */
export interface ApplyVSchemaRequest {
  keyspace: string;
  vschema: VSchemaJson;
  dryRun?: boolean;
  skipRebuild?: boolean;
  /** Cells to rebuild; empty = all cells. */
  cells?: string[];
  /** v20+: unknown vindex params are errors. */
  strict?: boolean;
}

/** Response of `ApplyVSchema`: the VSchema re-read from the topo after the save. */
export interface ApplyVSchemaResult {
  vschema: LiveVSchema;
  /** v20+ `unknown_vindex_params`: vindex name → params. */
  unknownVindexParams: Record<string, string[]>;
}

/** `SchemaMigration.Status` names (vtctldata.proto); numbers a newer server may send appear as `UNKNOWN_<n>`. */
export type MigrationStatus =
  | 'UNKNOWN'
  | 'REQUESTED'
  | 'CANCELLED'
  | 'QUEUED'
  | 'READY'
  | 'RUNNING'
  | 'COMPLETE'
  | 'FAILED'
  | `UNKNOWN_${number}`;

/** One row of `GetSchemaMigrations`: one migration on one shard (fields we use, vtctldata.SchemaMigration). */
export interface SchemaMigrationRow {
  uuid: string;
  keyspace: string;
  shard: string;
  table: string;
  migrationStatement: string;
  /** Strategy number (0 vitess/online, 1 gh-ost, 2 pt-osc, 3 direct, 4 mysql). */
  strategy: number;
  options: string;
  status: MigrationStatus;
  /** Percent 0–100. */
  progress: number;
  rowsCopied: number;
  /** Estimate; may be 0 or negative when unknown. */
  tableRows: number;
  /** -1 = unknown. */
  etaSeconds: number;
  readyToComplete: boolean;
  postponeCompletion: boolean;
  postponeLaunch: boolean;
  retries: number;
  migrationContext: string;
  ddlAction: string;
  message: string;
  /** Unix seconds, or null when unset. */
  requestedAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  lastThrottledAt: number | null;
  componentThrottled: string;
  userThrottleRatio: number;
  isImmediateOperation: boolean;
  /** Tablet alias `cell-uid` of the primary that owns the row. */
  tablet: string;
}

/** Request of `ApplySchema`: one statement per `sql` element. */
export interface ApplySchemaRequest {
  keyspace: string;
  sql: string[];
  ddlStrategy: string;
  /** Same length as `sql`. */
  uuidList: string[];
  migrationContext: string;
  /** Seconds; 0 = server default. */
  waitReplicasTimeoutSeconds?: number;
}

/** Response of `ApplySchema`. */
export interface ApplySchemaResult {
  uuidList: string[];
  rowsAffectedByShard: Record<string, number>;
}

/** Filters of `GetSchemaMigrations`; the server honours only one (uuid > context > status > recent). */
export interface GetSchemaMigrationsRequest {
  keyspace: string;
  uuid?: string;
  migrationContext?: string;
  status?: MigrationStatus;
  /** Seconds: requested within this long. */
  recentSeconds?: number;
  order?: 'NONE' | 'ASCENDING' | 'DESCENDING';
  limit?: number;
  skip?: number;
}

/** The Online DDL directive RPCs (`CompleteSchemaMigration` …). */
export type MigrationDirective = 'complete' | 'cancel' | 'retry' | 'launch' | 'cleanup';

/**
 * A failed RPC. `code` is the gRPC status name (`UNAVAILABLE`, `UNKNOWN`, …); `details` is vtctld's
 * own text, verbatim. Never carries credentials.
 */
export class VtctldError extends Error {
  constructor(
    readonly rpc: string,
    readonly code: string,
    readonly details: string,
    readonly keyspace: string | null = null,
  ) {
    super(`${rpc}${keyspace ? ` (keyspace ${keyspace})` : ''} failed: ${code}: ${details}`);
    this.name = 'VtctldError';
  }

  /**
   * Worth retrying: the server may answer the same call later. Either the gRPC code says so
   * (`TRANSIENT_CODES`) or vtctld answered `UNKNOWN` with one of the topo server's own transient errors
   * (`TOPO_TRANSIENT`): vtctld passes a `topo.Error` through `vterrors.Code`, which knows no code for it.
   */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code) || (this.code === 'UNKNOWN' && TOPO_TRANSIENT.test(this.details));
  }

  /** The topo node does not exist (`node doesn't exist`), e.g. a keyspace with no VSchema. */
  get notFound(): boolean {
    return /node doesn't exist|NoNode|not found/i.test(this.details);
  }
}

/** gRPC codes a deploy retries: vtctld restarting, overloaded or slow. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED']);

/**
 * The texts of the topo server's transient errors, as vtctld sends them with code `UNKNOWN`: a topo
 * read or write cut off by the deadline (`topo.Timeout`, "deadline exceeded: <node>"; etcd's own
 * "request timed out" and an etcd leader election map to it too), cancelled (`topo.Interrupted`,
 * "interrupted: <node>") or refused for load (`topo.ResourceExhausted`). Messages from
 * `go/vt/topo/errors.go` (`NewError`), mapped from etcd in `go/vt/topo/etcd2topo/error.go`
 * (`convertError`); vtctld may prefix its own context ("…: deadline exceeded: /vitess/global/…").
 */
export const TOPO_TRANSIENT = /(?:^|: )(?:deadline exceeded|interrupted|server resource exhausted): \S/;

/** The vtctld RPCs vschema-guard uses. Every method rejects with a `VtctldError`. */
export interface VtctldClient {
  /** `GetCellInfoNames`. */
  getCellInfoNames(): Promise<string[]>;
  /** `GetKeyspaces`: keyspace names. */
  getKeyspaces(): Promise<string[]>;
  /** `FindAllShardsInKeyspace`, sorted by shard name. */
  findAllShardsInKeyspace(keyspace: string): Promise<ShardInfo[]>;
  /** `GetVSchema`; null when the keyspace has no VSchema node (NoNode). */
  getVSchema(keyspace: string): Promise<LiveVSchema | null>;
  /** `ApplyVSchema` (full object). */
  applyVSchema(req: ApplyVSchemaRequest): Promise<ApplyVSchemaResult>;
  /** `GetSrvVSchemas`: cell → keyspace → VSchema; a cell with no SrvVSchema maps to null. */
  getSrvVSchemas(cells?: string[]): Promise<Record<string, Record<string, LiveVSchema> | null>>;
  /** `RebuildVSchemaGraph` (empty = all cells). */
  rebuildVSchemaGraph(cells?: string[]): Promise<void>;
  /** `ApplySchema`. */
  applySchema(req: ApplySchemaRequest): Promise<ApplySchemaResult>;
  /** `GetSchemaMigrations`. */
  getSchemaMigrations(req: GetSchemaMigrationsRequest): Promise<SchemaMigrationRow[]>;
  /** `CompleteSchemaMigration` / `CancelSchemaMigration` / … : rows affected by shard. */
  migrationDirective(directive: MigrationDirective, keyspace: string, uuid: string): Promise<Record<string, number>>;
  /** Closes the channel. */
  close(): void;
}
