/**
 * Finds the fields of a binary protobuf message that our proto does not declare, by walking the wire
 * format with protobufjs's Reader against the reflected type (protobufjs itself skips them silently).
 *
 * Paths name where each one sits: map entries by key, repeated messages by index, the unknown field
 * by number after `#`, e.g. `tables.customer.columns[0]#8` (vschema.Column `nullable`, v22+) or `#6`
 * (vschema.Keyspace `multi_tenant_spec`, v20+). A live VSchema with any of these must not be
 * overwritten by a full-object ApplyVSchema, which would delete them.
 */
import protobuf from 'protobufjs';

const WIRE_LENGTH_DELIMITED = 2;

/** The wire type protobuf uses for a (non-packed) field of this type. */
function expectedWireType(field: protobuf.Field): number {
  if (field.map || field.resolvedType instanceof protobuf.Type) return WIRE_LENGTH_DELIMITED;
  const t = field.resolvedType instanceof protobuf.Enum ? 'int32' : field.type;
  if (t === 'string' || t === 'bytes') return WIRE_LENGTH_DELIMITED;
  if (t === 'double' || t === 'fixed64' || t === 'sfixed64') return 1;
  if (t === 'float' || t === 'fixed32' || t === 'sfixed32') return 5;
  return 0;
}

/** Reads a map entry (`key = 1`, `value = 2`); returns its key and the value's bytes (null when scalar or absent). */
function readMapEntry(bytes: Uint8Array, keyType: string): { key: string; value: Uint8Array | null } {
  const r = protobuf.Reader.create(bytes);
  let key = '';
  let value: Uint8Array | null = null;
  while (r.pos < r.len) {
    const tag = r.uint32();
    const no = tag >>> 3;
    const wt = tag & 7;
    if (no === 1 && wt === WIRE_LENGTH_DELIMITED && keyType === 'string') key = r.string();
    else if (no === 1 && wt === 0) key = String(r.int64());
    else if (no === 2 && wt === WIRE_LENGTH_DELIMITED) value = r.bytes();
    else r.skipType(wt);
  }
  return { key, value };
}

/**
 * Every field in `bytes` (a message of `type`) and its nested messages that `type` does not declare,
 * as paths under `path`. A declared field sent with another wire type counts as unknown too (our
 * proto does not describe it). Throws protobufjs's error on truncated or malformed input.
 */
export function findUnknownFields(type: protobuf.Type, bytes: Uint8Array, path = ''): string[] {
  const out: string[] = [];
  const r = protobuf.Reader.create(bytes);
  const counts = new Map<number, number>();
  while (r.pos < r.len) {
    const tag = r.uint32();
    const no = tag >>> 3;
    const wt = tag & 7;
    const field = type.fieldsById[no];
    if (field) field.resolve();
    const packed = field && field.repeated && wt === WIRE_LENGTH_DELIMITED && expectedWireType(field) !== WIRE_LENGTH_DELIMITED;
    if (!field || (expectedWireType(field) !== wt && !packed)) {
      out.push(`${path}#${no}`);
      r.skipType(wt);
      continue;
    }
    const here = path ? `${path}.${field.name}` : field.name;
    if (field.map) {
      const entry = readMapEntry(r.bytes(), (field as unknown as protobuf.MapField).keyType);
      if (entry.value && field.resolvedType instanceof protobuf.Type) {
        out.push(...findUnknownFields(field.resolvedType, entry.value, `${here}.${entry.key}`));
      }
    } else if (field.resolvedType instanceof protobuf.Type) {
      const sub = r.bytes();
      const i = counts.get(no) ?? 0;
      counts.set(no, i + 1);
      out.push(...findUnknownFields(field.resolvedType, sub, field.repeated ? `${here}[${i}]` : here));
    } else {
      r.skipType(wt);
    }
  }
  return out;
}

/**
 * The names newer Vitess releases gave to fields our vschema proto leaves out, by `message#number`:
 * used to say what an unknown field probably is (`proto/vschema.proto`, v20–v24).
 */
export const KNOWN_NEWER_VSCHEMA_FIELDS: Readonly<Record<string, string>> = {
  'Keyspace#6': 'multi_tenant_spec (v20+)',
  'Column#4': 'default (v22+)',
  'Column#5': 'collation_name (v22+)',
  'Column#6': 'size (v22+)',
  'Column#7': 'scale (v22+)',
  'Column#8': 'nullable (v22+)',
  'Column#9': 'values (v22+)',
};

/**
 * A readable note for an unknown-field path of a vschema.Keyspace (`tables.t.columns[0]#8` →
 * `nullable (v22+)`), or null when the number is not one we know a name for.
 */
export function describeUnknownVSchemaField(path: string): string | null {
  const m = /(?:^|\.)([a-z_]+)(?:\[\d+\])?#(\d+)$|^#(\d+)$/.exec(path);
  if (!m) return null;
  if (m[3]) return KNOWN_NEWER_VSCHEMA_FIELDS[`Keyspace#${m[3]}`] ?? null;
  const parent = m[1] === 'columns' ? 'Column' : null;
  return parent ? (KNOWN_NEWER_VSCHEMA_FIELDS[`${parent}#${m[2]}`] ?? null) : null;
}
