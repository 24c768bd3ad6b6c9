/**
 * JSON Schema (draft-07) of the VSchema JSON model, derived from vitessio/vitess proto/vschema.proto
 * (v18, plus the later fields listed in spec A.2). protojson accepts both the proto field name
 * (snake_case) and its lowerCamelCase JSON name, so every property is listed under both.
 * `additionalProperties: false` everywhere: Vitess silently drops unknown fields (go/json2/unmarshal.go
 * uses DiscardUnknown), we report them. The build writes this object to dist/vschema.schema.json for editors.
 */

type Schema = Record<string, unknown>;

/** lower_snake → lowerCamel, as protoc derives json_name. */
export function camelName(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Object schema whose properties are accepted under both protojson spellings. */
function message(fields: Record<string, Schema>, description: string): Schema {
  const properties: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(fields)) {
    properties[name] = schema;
    const camel = camelName(name);
    if (camel !== name) properties[camel] = { ...schema, description: `lowerCamelCase spelling of \`${name}\`` };
  }
  return { type: 'object', description, properties, additionalProperties: false };
}

const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, 'null'] });
const str = (description: string): Schema => nullable({ type: 'string', description });
const bool = (description: string): Schema => nullable({ type: 'boolean', description });
const list = (items: Schema, description: string): Schema => ({ type: ['array', 'null'], items, description });
const map = (values: Schema, description: string): Schema => ({
  type: ['object', 'null'],
  additionalProperties: values,
  description,
});

/** query.Type enum names (proto/query.proto). */
export const QUERY_TYPES = [
  'NULL_TYPE', 'INT8', 'UINT8', 'INT16', 'UINT16', 'INT24', 'UINT24', 'INT32', 'UINT32', 'INT64', 'UINT64',
  'FLOAT32', 'FLOAT64', 'TIMESTAMP', 'DATE', 'TIME', 'DATETIME', 'YEAR', 'DECIMAL', 'TEXT', 'BLOB', 'VARCHAR',
  'VARBINARY', 'CHAR', 'BINARY', 'BIT', 'ENUM', 'SET', 'TUPLE', 'GEOMETRY', 'JSON', 'EXPRESSION', 'HEXNUM',
  'HEXVAL', 'BITNUM', 'VECTOR', 'RAW',
] as const;

/** Keyspace.foreign_key_mode enum (names lost their FK_ prefix just before v18.0). */
export const FOREIGN_KEY_MODES = ['unspecified', 'disallow', 'unmanaged', 'managed', 'FK_UNSPECIFIED', 'FK_DISALLOW', 'FK_UNMANAGED', 'FK_MANAGED'] as const;

const vindex = message(
  {
    type: str('vindex type, e.g. hash, xxhash, lookup_unique (must be registered in vtgate)'),
    params: map({ type: 'string' }, 'type-specific parameters; every value must be a JSON string'),
    owner: str('owner table of a lookup vindex (same keyspace)'),
  },
  'Vindex',
);

const columnVindex = message(
  {
    column: str('single column (legacy form)'),
    name: str('vindex name in the same keyspace'),
    columns: list({ type: 'string' }, 'columns of a multi-column vindex'),
  },
  'ColumnVindex: element 0 of column_vindexes is the primary vindex',
);

const autoIncrement = message(
  {
    column: str('column filled from the sequence'),
    sequence: str('sequence table, `seq` or `ks.seq`'),
  },
  'AutoIncrement',
);

const column = message(
  {
    name: str('column name'),
    type: { anyOf: [{ enum: [...QUERY_TYPES] }, { type: 'integer', minimum: 0 }, { type: 'null' }], description: 'query.Type' },
    invisible: bool('excluded from * expansion'),
    default: str('default value (schema tracking)'),
    collation_name: str('collation (schema tracking)'),
    size: nullable({ type: 'integer', description: 'size (schema tracking)' }),
    scale: nullable({ type: 'integer', description: 'scale (schema tracking)' }),
    nullable: bool('nullable (schema tracking)'),
    values: list({ type: 'string' }, 'enum/set members (schema tracking)'),
  },
  'Column',
);

const table = message(
  {
    type: str('"" (normal), "sequence" or "reference"'),
    column_vindexes: list({ $ref: '#/definitions/ColumnVindex' }, 'column vindexes; the first is the primary vindex'),
    auto_increment: { anyOf: [{ $ref: '#/definitions/AutoIncrement' }, { type: 'null' }] },
    columns: list({ $ref: '#/definitions/Column' }, 'column metadata'),
    pinned: str('hex keyspace id pinning the table to one shard'),
    column_list_authoritative: bool('columns is the full list'),
    source: str('source table of a reference table, `t` or `ks.t`'),
  },
  'Table',
);

const keyspace = message(
  {
    sharded: bool('whether the keyspace is sharded'),
    vindexes: map({ $ref: '#/definitions/Vindex' }, 'vindexes by name'),
    tables: map({ $ref: '#/definitions/Table' }, 'tables by name'),
    require_explicit_routing: bool('exclude this keyspace from unqualified name resolution'),
    foreign_key_mode: { anyOf: [{ enum: [...FOREIGN_KEY_MODES] }, { type: 'integer', minimum: 0, maximum: 3 }, { type: 'null' }] },
    multi_tenant_spec: {
      anyOf: [
        message(
          { tenant_id_column_name: str('tenant id column'), tenant_id_column_type: { type: ['string', 'integer', 'null'] } },
          'MultiTenantSpec (v20+)',
        ),
        { type: 'null' },
      ],
    },
  },
  'Keyspace: what `vtctldclient ApplyVSchema --vschema-file` takes',
);

const routingRule = message(
  { from_table: str('table name, optionally `ks.` qualified and `@tablet_type` suffixed'), to_tables: list({ type: 'string' }, 'exactly one `ks.table`') },
  'RoutingRule',
);
const shardRoutingRule = message(
  { from_keyspace: str('from keyspace'), to_keyspace: str('to keyspace'), shard: str('shard name') },
  'ShardRoutingRule',
);
const keyspaceRoutingRule = message(
  { from_keyspace: str('from keyspace (may carry @replica/@rdonly)'), to_keyspace: str('to keyspace') },
  'KeyspaceRoutingRule (v20+)',
);
const mirrorRule = message(
  { from_table: str('from table'), to_table: str('to table'), percent: nullable({ type: 'number' }) },
  'MirrorRule (v21+)',
);
const rules = (ref: string, description: string): Schema =>
  ({ anyOf: [message({ rules: list({ $ref: ref }, 'rules') }, description), { type: 'null' }] });

const srvVSchema = message(
  {
    keyspaces: map({ $ref: '#/definitions/Keyspace' }, 'keyspaces by name'),
    routing_rules: rules('#/definitions/RoutingRule', 'RoutingRules'),
    shard_routing_rules: rules('#/definitions/ShardRoutingRule', 'ShardRoutingRules'),
    keyspace_routing_rules: rules('#/definitions/KeyspaceRoutingRule', 'KeyspaceRoutingRules'),
    mirror_rules: rules('#/definitions/MirrorRule', 'MirrorRules'),
  },
  'SrvVSchema: the whole cluster',
);

const routingRulesFile = message(
  { rules: list({ $ref: '#/definitions/RoutingRule' }, 'routing rules') },
  'RoutingRules file (`vtctldclient ApplyRoutingRules --rules-file`)',
);

/** The schema with all definitions; `$id` fragments select one file shape. */
export const VSCHEMA_JSON_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/vschema-guard/vschema-guard/vschema.schema.json',
  title: 'Vitess VSchema (any of the shapes kept in Git)',
  description: 'A SrvVSchema, a single keyspace VSchema, or a routing rules file (vschema-guard).',
  anyOf: [{ $ref: '#/definitions/SrvVSchema' }, { $ref: '#/definitions/Keyspace' }, { $ref: '#/definitions/RoutingRulesFile' }],
  definitions: {
    SrvVSchema: srvVSchema,
    Keyspace: keyspace,
    RoutingRulesFile: routingRulesFile,
    Vindex: vindex,
    Table: table,
    ColumnVindex: columnVindex,
    AutoIncrement: autoIncrement,
    Column: column,
    RoutingRule: routingRule,
    ShardRoutingRule: shardRoutingRule,
    KeyspaceRoutingRule: keyspaceRoutingRule,
    MirrorRule: mirrorRule,
  },
};
