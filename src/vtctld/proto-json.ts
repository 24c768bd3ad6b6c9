/**
 * Plain JSON ↔ protobufjs message objects, driven by the reflected types of our proto, in the
 * shape `vtctldclient` prints with `--compact` (protojson, `UseProtoNames`: proto field names, enum
 * names, proto3 defaults omitted; go/cmd/vtctldclient/cli/json.go).
 *
 * Unlike vtctldclient (protojson with `DiscardUnknown`, go/json2/unmarshal.go), `jsonToMessage`
 * refuses any field our proto does not declare: a field it dropped would be deleted from the live
 * VSchema by a full-object ApplyVSchema.
 */
import protobuf from 'protobufjs';

/** A JSON value given to or produced by this module. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Bad JSON for a message type; `path` is where (e.g. `tables.customer.column_vindexes[0].name`). */
export class ProtoJsonError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path || '(top level)'}: ${reason}`);
    this.name = 'ProtoJsonError';
  }
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INTS = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32', ...INT64]);

/** The field of `type` named `key` by its proto name or its lowerCamel JSON name (protojson accepts both). */
function fieldByJsonKey(type: protobuf.Type, key: string): protobuf.Field | undefined {
  return type.fields[key] ?? type.fieldsArray.find((f) => f.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) === key);
}

function enumValue(e: protobuf.Enum, v: unknown, path: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string') {
    if (e.values[v] !== undefined) return e.values[v]!;
    // vschema.Keyspace.ForeignKeyMode names lost their FK_ prefix just before v18.0: FK_MANAGED = managed.
    const legacy = v.replace(/^FK_/, '').toLowerCase();
    if (v.startsWith('FK_') && e.values[legacy] !== undefined) return e.values[legacy]!;
    throw new ProtoJsonError(path, `unknown ${e.name} value "${v}" (expected one of ${Object.keys(e.values).join(', ')})`);
  }
  throw new ProtoJsonError(path, `expected a ${e.name} name or number, got ${JSON.stringify(v)}`);
}

function scalarValue(field: protobuf.Field, v: unknown, path: string): unknown {
  const t = field.type;
  if (field.resolvedType instanceof protobuf.Enum) return enumValue(field.resolvedType, v, path);
  if (field.resolvedType instanceof protobuf.Type) return jsonToMessage(field.resolvedType, v, path);
  if (t === 'string') {
    if (typeof v !== 'string') throw new ProtoJsonError(path, `expected a string, got ${JSON.stringify(v)}`);
    return v;
  }
  if (t === 'bool') {
    if (typeof v !== 'boolean') throw new ProtoJsonError(path, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }
  if (INTS.has(t)) {
    const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new ProtoJsonError(path, `expected an integer, got ${JSON.stringify(v)}`);
    return n;
  }
  if (t === 'float' || t === 'double') {
    if (typeof v !== 'number') throw new ProtoJsonError(path, `expected a number, got ${JSON.stringify(v)}`);
    return v;
  }
  if (t === 'bytes') {
    if (typeof v !== 'string') throw new ProtoJsonError(path, `expected base64 bytes, got ${JSON.stringify(v)}`);
    return Buffer.from(v, 'base64');
  }
  throw new ProtoJsonError(path, `unsupported field type ${t}`);
}

/**
 * Converts plain JSON (proto or lowerCamel field names, enum names or numbers, protojson's `null` =
 * absent) to a message object for `type.encode`. Throws `ProtoJsonError` naming the path of the first
 * field the proto does not declare or whose value has the wrong type.
 */
export function jsonToMessage(type: protobuf.Type, json: unknown, path = ''): Record<string, unknown> {
  if (!isObject(json)) throw new ProtoJsonError(path, `expected a JSON object for ${type.name}, got ${Array.isArray(json) ? 'an array' : JSON.stringify(json)}`);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(json)) {
    const field = fieldByJsonKey(type, key);
    const here = join(path, key);
    if (!field) {
      throw new ProtoJsonError(here, `field "${key}" is not a field of ${type.fullName.replace(/^\./, '')} known to vschema-guard`);
    }
    field.resolve();
    if (v === null || v === undefined) continue;
    if (field.map) {
      if (!isObject(v)) throw new ProtoJsonError(here, 'expected a JSON object (a map)');
      const m: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) m[k] = scalarValue(field, x, `${here}.${k}`);
      out[field.name] = m;
    } else if (field.repeated) {
      if (!Array.isArray(v)) throw new ProtoJsonError(here, 'expected a JSON array');
      out[field.name] = v.map((x, i) => scalarValue(field, x, `${here}[${i}]`));
    } else {
      out[field.name] = scalarValue(field, v, here);
    }
  }
  return out;
}

function isDefaultScalar(v: unknown): boolean {
  return v === false || v === 0 || v === '' || (v instanceof Uint8Array && v.length === 0);
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'toNumber' in v) return (v as { toNumber(): number }).toNumber();
  return Number(v);
}

function valueToJson(field: protobuf.Field, v: unknown): Json {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return messageToJson(rt, v as protobuf.Message);
  if (rt instanceof protobuf.Enum) return rt.valuesById[v as number] ?? (v as number);
  if (INT64.has(field.type)) return toNumber(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v as Json;
}

/**
 * A decoded message as plain JSON: proto field names, enum names (the number when the name is not
 * declared), 64-bit integers as numbers, proto3 defaults omitted. Singular message fields that are
 * present stay, even empty (`auto_increment: {}`), and so do map entries with empty message values
 * (`tables: {t: {}}`): both survive Vitess's binary round trip and mean something.
 */
export function messageToJson(type: protobuf.Type, msg: protobuf.Message | Record<string, unknown>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  const m = msg as Record<string, unknown>;
  for (const field of type.fieldsArray) {
    field.resolve();
    const v = m[field.name];
    if (v === null || v === undefined) continue;
    if (field.map) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) continue;
      const o: { [k: string]: Json } = {};
      for (const [k, x] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) o[k] = valueToJson(field, x);
      out[field.name] = o;
    } else if (field.repeated) {
      const arr = v as unknown[];
      if (arr.length === 0) continue;
      out[field.name] = arr.map((x) => valueToJson(field, x));
    } else if (field.resolvedType instanceof protobuf.Type) {
      if (!Object.prototype.hasOwnProperty.call(m, field.name)) continue;
      out[field.name] = valueToJson(field, v);
    } else {
      if (isDefaultScalar(v) || (field.resolvedType instanceof protobuf.Enum && v === 0)) continue;
      if (INT64.has(field.type) && toNumber(v) === 0) continue;
      out[field.name] = valueToJson(field, v);
    }
  }
  return out;
}
