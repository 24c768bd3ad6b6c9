/**
 * Our own minimal `.proto` text for the part of vtctld's gRPC API vschema-guard uses, written from
 * the fact sheet (shared spec `vitess-deploy.md` §1.4) and checked against Vitess v24
 * (`proto/vtctlservice.proto`, `vtctldata.proto`, `vschema.proto`, `topodata.proto`, `vttime.proto`,
 * `vtrpc.proto`, `query.proto`). Package, service, message and field names and numbers are Vitess's;
 * everything we do not use is left out (protobuf skips unknown fields on decode).
 *
 * It is text inside a module, not a `.proto` file on disk, so the esbuild bundles (dist/cli-main.js,
 * dist/action.js) carry it; `protos.ts` parses it with protobufjs at first use.
 *
 * `vschema.*` declares exactly the fields our VSchema model knows (src/vschema/model.ts): a live
 * VSchema holding anything else (v20+ `Keyspace.multi_tenant_spec = 6`, v22+ `Column.default = 4` …
 * `values = 9`) is reported field by field by `unknown-fields.ts`, because a full-object ApplyVSchema
 * would silently delete it. Likewise `SrvVSchema` stops at field 3 (keyspace routing rules = 4 and
 * mirror rules = 5 are not modelled).
 */

/** `proto/vttime.proto`. */
const VTTIME = `
syntax = "proto3";
package vttime;
message Time { int64 seconds = 1; int32 nanoseconds = 2; }
message Duration { int64 seconds = 1; int32 nanos = 2; }
`;

/** `proto/vtrpc.proto` (CallerID only). */
const VTRPC = `
syntax = "proto3";
package vtrpc;
message CallerID { string principal = 1; string component = 2; string subcomponent = 3; repeated string groups = 4; }
`;

/** `proto/query.proto`: the Type enum (flag-encoded numbers) only. */
const QUERY = `
syntax = "proto3";
package query;
enum Type {
  NULL_TYPE = 0; INT8 = 257; UINT8 = 770; INT16 = 259; UINT16 = 772; INT24 = 261; UINT24 = 774;
  INT32 = 263; UINT32 = 776; INT64 = 265; UINT64 = 778; FLOAT32 = 1035; FLOAT64 = 1036;
  TIMESTAMP = 2061; DATE = 2062; TIME = 2063; DATETIME = 2064; YEAR = 785; DECIMAL = 18;
  TEXT = 6163; BLOB = 10260; VARCHAR = 6165; VARBINARY = 10262; CHAR = 6167; BINARY = 10264;
  BIT = 2073; ENUM = 2074; SET = 2075; TUPLE = 28; GEOMETRY = 2077; JSON = 2078; EXPRESSION = 31;
  HEXNUM = 4128; HEXVAL = 4129; BITNUM = 4130; VECTOR = 2083; RAW = 36;
}
`;

/** `proto/topodata.proto`: the fields of Keyspace/Shard a deploy reads. */
const TOPODATA = `
syntax = "proto3";
package topodata;
message KeyRange { bytes start = 1; bytes end = 2; }
enum KeyspaceType { NORMAL = 0; SNAPSHOT = 1; }
message TabletAlias { string cell = 1; uint32 uid = 2; }
message Keyspace {
  KeyspaceType keyspace_type = 5;
  string base_keyspace = 6;
  vttime.Time snapshot_time = 7;
  string durability_policy = 8;
  string sidecar_db_name = 10;
}
message Shard {
  TabletAlias primary_alias = 1;
  KeyRange key_range = 2;
  bool is_primary_serving = 7;
  vttime.Time primary_term_start_time = 8;
}
message CellInfo { string server_address = 1; string root = 2; }
`;

/** `proto/vschema.proto`: exactly the fields src/vschema/model.ts models. */
const VSCHEMA = `
syntax = "proto3";
package vschema;
message RoutingRules { repeated RoutingRule rules = 1; }
message RoutingRule { string from_table = 1; repeated string to_tables = 2; }
message Keyspace {
  bool sharded = 1;
  map<string, Vindex> vindexes = 2;
  map<string, Table> tables = 3;
  bool require_explicit_routing = 4;
  ForeignKeyMode foreign_key_mode = 5;
  enum ForeignKeyMode { unspecified = 0; disallow = 1; unmanaged = 2; managed = 3; }
}
message Vindex { string type = 1; map<string, string> params = 2; string owner = 3; }
message Table {
  string type = 1;
  repeated ColumnVindex column_vindexes = 2;
  AutoIncrement auto_increment = 3;
  repeated Column columns = 4;
  string pinned = 5;
  bool column_list_authoritative = 6;
  string source = 7;
}
message ColumnVindex { string column = 1; string name = 2; repeated string columns = 3; }
message AutoIncrement { string column = 1; string sequence = 2; }
message Column { string name = 1; query.Type type = 2; bool invisible = 3; }
message SrvVSchema {
  map<string, Keyspace> keyspaces = 1;
  RoutingRules routing_rules = 2;
  ShardRoutingRules shard_routing_rules = 3;
}
message ShardRoutingRules { repeated ShardRoutingRule rules = 1; }
message ShardRoutingRule { string from_keyspace = 1; string to_keyspace = 2; string shard = 3; }
`;

/** `proto/vtctldata.proto`: requests and responses of the RPCs in VTCTLSERVICE. */
const VTCTLDATA = `
syntax = "proto3";
package vtctldata;
enum QueryOrdering { NONE = 0; ASCENDING = 1; DESCENDING = 2; }

message Keyspace { string name = 1; topodata.Keyspace keyspace = 2; }
message Shard { string keyspace = 1; string name = 2; topodata.Shard shard = 3; }

message SchemaMigration {
  string uuid = 1; string keyspace = 2; string shard = 3; string schema = 4; string table = 5;
  string migration_statement = 6; Strategy strategy = 7; string options = 8;
  vttime.Time added_at = 9; vttime.Time requested_at = 10; vttime.Time ready_at = 11;
  vttime.Time started_at = 12; vttime.Time liveness_timestamp = 13; vttime.Time completed_at = 14;
  vttime.Time cleaned_up_at = 15; Status status = 16; string log_path = 17; string artifacts = 18;
  uint64 retries = 19; topodata.TabletAlias tablet = 20; bool tablet_failure = 21; float progress = 22;
  string migration_context = 23; string ddl_action = 24; string message = 25; int64 eta_seconds = 26;
  uint64 rows_copied = 27; int64 table_rows = 28; uint32 added_unique_keys = 29;
  uint32 removed_unique_keys = 30; string log_file = 31; vttime.Duration artifact_retention = 32;
  bool postpone_completion = 33; string removed_unique_key_names = 34;
  string dropped_no_default_column_names = 35; string expanded_column_names = 36;
  string revertible_notes = 37; bool allow_concurrent = 38; string reverted_uuid = 39; bool is_view = 40;
  bool ready_to_complete = 41; int64 vitess_liveness_indicator = 42; float user_throttle_ratio = 43;
  string special_plan = 44; vttime.Time last_throttled_at = 45; string component_throttled = 46;
  vttime.Time cancelled_at = 47; bool postpone_launch = 48; string stage = 49; uint32 cutover_attempts = 50;
  bool is_immediate_operation = 51; vttime.Time reviewed_at = 52; vttime.Time ready_to_complete_at = 53;
  string removed_foreign_key_names = 54;
  enum Strategy { option allow_alias = true; VITESS = 0; ONLINE = 0; GHOST = 1; PTOSC = 2; DIRECT = 3; MYSQL = 4; }
  enum Status { UNKNOWN = 0; REQUESTED = 1; CANCELLED = 2; QUEUED = 3; READY = 4; RUNNING = 5; COMPLETE = 6; FAILED = 7; }
}

message AddCellInfoRequest { string name = 1; topodata.CellInfo cell_info = 2; }
message AddCellInfoResponse {}
message ApplySchemaRequest {
  string keyspace = 1; repeated string sql = 3; string ddl_strategy = 4; repeated string uuid_list = 5;
  string migration_context = 6; vttime.Duration wait_replicas_timeout = 7; vtrpc.CallerID caller_id = 9;
  int64 batch_size = 10;
}
message ApplySchemaResponse { repeated string uuid_list = 1; map<string, uint64> rows_affected_by_shard = 2; }
message ApplyVSchemaRequest {
  string keyspace = 1; bool skip_rebuild = 2; bool dry_run = 3; repeated string cells = 4;
  vschema.Keyspace v_schema = 5; string sql = 6; bool strict = 7;
}
message ApplyVSchemaResponse {
  vschema.Keyspace v_schema = 1;
  map<string, ParamList> unknown_vindex_params = 2;
  message ParamList { repeated string params = 1; }
}
message CancelSchemaMigrationRequest { string keyspace = 1; string uuid = 2; vtrpc.CallerID caller_id = 3; }
message CancelSchemaMigrationResponse { map<string, uint64> rows_affected_by_shard = 1; }
message CleanupSchemaMigrationRequest { string keyspace = 1; string uuid = 2; vtrpc.CallerID caller_id = 3; }
message CleanupSchemaMigrationResponse { map<string, uint64> rows_affected_by_shard = 1; }
message CompleteSchemaMigrationRequest { string keyspace = 1; string uuid = 2; vtrpc.CallerID caller_id = 3; }
message CompleteSchemaMigrationResponse { map<string, uint64> rows_affected_by_shard = 1; }
message CreateKeyspaceRequest {
  string name = 1; bool force = 2; bool allow_empty_v_schema = 3; topodata.KeyspaceType type = 7;
  string base_keyspace = 8; vttime.Time snapshot_time = 9; string durability_policy = 10; string sidecar_db_name = 11;
}
message CreateKeyspaceResponse { Keyspace keyspace = 1; }
message CreateShardRequest { string keyspace = 1; string shard_name = 2; bool force = 3; bool include_parent = 4; }
message CreateShardResponse { Keyspace keyspace = 1; Shard shard = 2; bool shard_already_exists = 3; }
message FindAllShardsInKeyspaceRequest { string keyspace = 1; }
message FindAllShardsInKeyspaceResponse { map<string, Shard> shards = 1; }
message GetCellInfoNamesRequest {}
message GetCellInfoNamesResponse { repeated string names = 1; }
message GetKeyspaceRequest { string keyspace = 1; }
message GetKeyspaceResponse { Keyspace keyspace = 1; }
message GetKeyspacesRequest {}
message GetKeyspacesResponse { repeated Keyspace keyspaces = 1; }
message GetSchemaMigrationsRequest {
  string keyspace = 1; string uuid = 2; string migration_context = 3; SchemaMigration.Status status = 4;
  vttime.Duration recent = 5; QueryOrdering order = 6; uint64 limit = 7; uint64 skip = 8;
}
message GetSchemaMigrationsResponse { repeated SchemaMigration migrations = 1; }
message GetSrvVSchemasRequest { repeated string cells = 2; }
message GetSrvVSchemasResponse { map<string, vschema.SrvVSchema> srv_v_schemas = 1; }
message GetVSchemaRequest { string keyspace = 1; }
message GetVSchemaResponse { vschema.Keyspace v_schema = 1; }
message LaunchSchemaMigrationRequest { string keyspace = 1; string uuid = 2; vtrpc.CallerID caller_id = 3; }
message LaunchSchemaMigrationResponse { map<string, uint64> rows_affected_by_shard = 1; }
message RebuildVSchemaGraphRequest { repeated string cells = 1; }
message RebuildVSchemaGraphResponse {}
message RetrySchemaMigrationRequest { string keyspace = 1; string uuid = 2; vtrpc.CallerID caller_id = 3; }
message RetrySchemaMigrationResponse { map<string, uint64> rows_affected_by_shard = 1; }
`;

/** `proto/vtctlservice.proto`: service Vtctld, the RPCs we call (all unary). */
const VTCTLSERVICE = `
syntax = "proto3";
package vtctlservice;
service Vtctld {
  rpc AddCellInfo(vtctldata.AddCellInfoRequest) returns (vtctldata.AddCellInfoResponse) {};
  rpc ApplySchema(vtctldata.ApplySchemaRequest) returns (vtctldata.ApplySchemaResponse) {};
  rpc ApplyVSchema(vtctldata.ApplyVSchemaRequest) returns (vtctldata.ApplyVSchemaResponse) {};
  rpc CancelSchemaMigration(vtctldata.CancelSchemaMigrationRequest) returns (vtctldata.CancelSchemaMigrationResponse) {};
  rpc CleanupSchemaMigration(vtctldata.CleanupSchemaMigrationRequest) returns (vtctldata.CleanupSchemaMigrationResponse) {};
  rpc CompleteSchemaMigration(vtctldata.CompleteSchemaMigrationRequest) returns (vtctldata.CompleteSchemaMigrationResponse) {};
  rpc CreateKeyspace(vtctldata.CreateKeyspaceRequest) returns (vtctldata.CreateKeyspaceResponse) {};
  rpc CreateShard(vtctldata.CreateShardRequest) returns (vtctldata.CreateShardResponse) {};
  rpc FindAllShardsInKeyspace(vtctldata.FindAllShardsInKeyspaceRequest) returns (vtctldata.FindAllShardsInKeyspaceResponse) {};
  rpc GetCellInfoNames(vtctldata.GetCellInfoNamesRequest) returns (vtctldata.GetCellInfoNamesResponse) {};
  rpc GetKeyspace(vtctldata.GetKeyspaceRequest) returns (vtctldata.GetKeyspaceResponse) {};
  rpc GetKeyspaces(vtctldata.GetKeyspacesRequest) returns (vtctldata.GetKeyspacesResponse) {};
  rpc GetSchemaMigrations(vtctldata.GetSchemaMigrationsRequest) returns (vtctldata.GetSchemaMigrationsResponse) {};
  rpc GetSrvVSchemas(vtctldata.GetSrvVSchemasRequest) returns (vtctldata.GetSrvVSchemasResponse) {};
  rpc GetVSchema(vtctldata.GetVSchemaRequest) returns (vtctldata.GetVSchemaResponse) {};
  rpc LaunchSchemaMigration(vtctldata.LaunchSchemaMigrationRequest) returns (vtctldata.LaunchSchemaMigrationResponse) {};
  rpc RebuildVSchemaGraph(vtctldata.RebuildVSchemaGraphRequest) returns (vtctldata.RebuildVSchemaGraphResponse) {};
  rpc RetrySchemaMigration(vtctldata.RetrySchemaMigrationRequest) returns (vtctldata.RetrySchemaMigrationResponse) {};
}
`;

/** The proto sources in dependency order, one package each. */
export const PROTO_SOURCES: readonly { file: string; text: string }[] = [
  { file: 'vttime.proto', text: VTTIME },
  { file: 'vtrpc.proto', text: VTRPC },
  { file: 'query.proto', text: QUERY },
  { file: 'topodata.proto', text: TOPODATA },
  { file: 'vschema.proto', text: VSCHEMA },
  { file: 'vtctldata.proto', text: VTCTLDATA },
  { file: 'vtctlservice.proto', text: VTCTLSERVICE },
];
