/**
 * Keyspace ids of functional vindexes (spec C; vitessio/vitess go/vt/vtgate/vindexes/{hash,xxhash,
 * binary_md5,numeric,reverse_bits,binary,null,numeric_static_map,multicol,region_experimental,cfc}.go).
 * DES and MD5 come from Node's OpenSSL, xxh64 from xxhash-wasm. unicode_loose_md5 / unicode_loose_xxhash
 * hash the CLDR-23 primary weights of the text (unicode-hash.ts, a port of unicode.go and Vitess's
 * vindex collator). Lookup vindexes need their lookup rows, which we do not have: they map to `unknown`.
 */
import crypto from 'node:crypto';
import { visit } from 'jsonc-parser';
import xxhash from 'xxhash-wasm';
import { findVindexType, multicolLayout } from './registry.js';
import { unicodeLooseWeights } from './unicode-hash.js';

const { h64Raw } = await xxhash();

/** A SQL value as Vitess sees it: a type and the raw bytes (decimal text for numbers). */
export interface SqlValue {
  type: 'int' | 'uint' | 'float' | 'str' | 'hex' | 'null';
  /** Text form: decimal digits for numbers, the string, or hex digits for `hex`. */
  text: string;
}

/** Where a value (or values, for multi-column vindexes) leads. */
export type Destination =
  | { kind: 'ksid'; ksid: Uint8Array }
  | { kind: 'range'; start: Uint8Array; end: Uint8Array }
  | { kind: 'none'; reason: string }
  | { kind: 'unknown'; reason: string };

/** The bytes Vitess hashes for a value (spec C.1): decimal text, string bytes, decoded hex, empty NULL. */
export function rawBytes(v: SqlValue): Uint8Array {
  if (v.type === 'null') return new Uint8Array();
  if (v.type === 'hex') return Uint8Array.from(Buffer.from(v.text.length % 2 ? '0' + v.text : v.text, 'hex'));
  return Uint8Array.from(Buffer.from(v.text, 'utf8'));
}

/** Vitess fastparse ParseUint64: optional ASCII whitespace, digits only, fits 64 bits. */
export function parseUint64(v: SqlValue): bigint | null {
  if (v.type === 'null') return null;
  if (v.type === 'hex') {
    const b = rawBytes(v);
    if (b.length > 8) return null;
    return b.reduce((a, x) => (a << 8n) | BigInt(x), 0n);
  }
  const s = v.text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = BigInt(s);
  return n > 0xffffffffffffffffn ? null : n;
}

const be64 = (n: bigint): Uint8Array => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt.asUintN(64, n));
  return Uint8Array.from(b);
};

let des: crypto.Cipher | undefined;

/**
 * DES-ECB with an all-zero key (3DES-EDE with K1=K2=K3 is single DES; Node 20 has no des-ecb). One
 * cipher serves every call: ECB without padding turns each 8-byte block into 8 bytes at `update`,
 * independently of earlier blocks, so the cipher is never finalised.
 */
function desEncrypt(block: Uint8Array): Uint8Array {
  if (!des) {
    des = crypto.createCipheriv('des-ede3-ecb', Buffer.alloc(24), null);
    des.setAutoPadding(false);
  }
  return Uint8Array.from(des.update(block));
}

/**
 * hash vindex: signed integers reinterpret two's complement; everything else parses as uint64. An
 * integer literal above 2^63 − 1 that fits 64 bits is a uint64 for Vitess's parser (sqltypes.Uint64,
 * go/vt/sqlparser/literal.go), so it hashes as such; beyond 2^64 − 1 it is a DECIMAL and maps nowhere.
 */
function hashKsid(v: SqlValue): Uint8Array | null {
  if (v.type === 'int' && /^\s*-?\d+\s*$/.test(v.text)) {
    const n = BigInt(v.text.trim());
    if (n < -(1n << 63n) || n > 0xffffffffffffffffn) return null;
    return desEncrypt(be64(BigInt.asUintN(64, n)));
  }
  const u = parseUint64(v);
  return u === null ? null : desEncrypt(be64(u));
}

function xxhashKsid(bytes: Uint8Array): Uint8Array {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(h64Raw(bytes, 0n));
  return Uint8Array.from(b);
}

function md5(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(crypto.createHash('md5').update(bytes).digest());
}

function reverseBits(n: bigint): bigint {
  let r = 0n;
  for (let i = 0; i < 64; i++) {
    r = (r << 1n) | (n & 1n);
    n >>= 1n;
  }
  return r;
}

/**
 * Keyspace id of one value through a single-column functional ("Hashing") vindex type (its Hash), null
 * (None), or `{ error }` with the text of Hash's error (which fails the query in vtgate).
 */
function hashingKsid(type: string, v: SqlValue, params: Record<string, string>): Uint8Array | null | 'unknown' | { error: string } {
  switch (type) {
    case 'binary':
      return rawBytes(v);
    case 'numeric': {
      const u = parseUint64(v);
      return u === null ? null : be64(u);
    }
    case 'hash':
    case 'hash_test':
      return hashKsid(v);
    case 'xxhash':
      return xxhashKsid(rawBytes(v));
    case 'binary_md5':
      return md5(rawBytes(v));
    case 'reverse_bits': {
      const u = parseUint64(v);
      return u === null ? null : be64(reverseBits(u));
    }
    case 'null':
      return new Uint8Array([0]);
    case 'numeric_static_map': {
      const u = parseUint64(v);
      if (u === null) return null;
      if (params.json_path !== undefined && params.json === undefined) return 'unknown';
      const map = parseStaticMap(params.json ?? '{}');
      const mapped = map.get(u.toString());
      if (mapped !== undefined) return be64(mapped);
      const fb = params.fallback_type;
      const fbType = fb ? findVindexType(fb) : undefined;
      if (fbType?.hashing && fb !== 'numeric_static_map') return hashingKsid(fb!, v, {});
      return be64(u);
    }
    case 'unicode_loose_md5':
    case 'unicode_loose_xxhash': {
      const w = unicodeLooseWeights(rawBytes(v));
      if (!(w instanceof Uint8Array)) return w;
      return type === 'unicode_loose_md5' ? md5(w) : xxhashKsid(w);
    }
    default:
      return 'unknown';
  }
}

/** numeric_static_map `json` → key → uint64. Values may exceed 2^53, so they are read from the token text. */
function parseStaticMap(json: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  let key: string | null = null;
  visit(json, {
    onObjectProperty: (k) => void (key = k),
    onLiteralValue: (_v, offset, length) => {
      const text = json.slice(offset, offset + length);
      if (key !== null && /^\d+$/.test(key) && /^\d+$/.test(text)) out.set(BigInt(key).toString(), BigInt(text));
      key = null;
    },
  });
  return out;
}

/**
 * Maps `values` (one per vindex column; fewer for a prefix) through a vindex of `type` with `params`.
 * Pure. Follows each type's Map(); lookups give `unknown`; a Map error (unicode_loose_* of bytes
 * that are not UTF-8) is `none` with Vitess's error text as the reason.
 */
export function mapToDestination(type: string, params: Record<string, string>, values: SqlValue[]): Destination {
  const t = findVindexType(type);
  if (!t) return { kind: 'unknown', reason: `unknown vindex type ${type}` };
  if (t.lookup) return { kind: 'unknown', reason: `${type} is a lookup vindex: the shard is in its lookup table` };
  if (type === 'multicol' || type === 'multiCol_test') return multicol(params, values);
  if (type === 'region_experimental') return region(params, values);
  if (type === 'region_json') return { kind: 'unknown', reason: 'region_json reads its region_map file at run time' };
  if (type === 'cfc') return cfc(params, values[0]!);
  const k = hashingKsid(type, values[0]!, params);
  if (k === 'unknown') return { kind: 'unknown', reason: `${type} keyspace ids need data vschema-guard does not have` };
  if (k !== null && !(k instanceof Uint8Array)) return { kind: 'none', reason: `${MAP_ERROR_PREFIX[type] ?? `${type}.Map: `}${k.error}` };
  if (k === null) return { kind: 'none', reason: `${showSql(values[0]!)} cannot be mapped by ${type}` };
  return { kind: 'ksid', ksid: k };
}

/**
 * unicodeloosemd5.go / unicodeloosexxhash.go Map wrap Hash's error (and fail the query); MultiCol.Map turns
 * a column's Hash error into DestinationNone, so there the bare text is only our reason.
 */
const MAP_ERROR_PREFIX: Record<string, string> = { unicode_loose_md5: 'UnicodeLooseMD5.Map: ', unicode_loose_xxhash: 'UnicodeLooseXXHash.Map: ' };

/** `could not map` style rendering of a value: NULL, INT64(5), VARCHAR("a"). */
export function showSql(v: SqlValue): string {
  switch (v.type) {
    case 'null':
      return 'NULL';
    case 'int':
      return `INT64(${v.text})`;
    case 'uint':
      return `UINT64(${v.text})`;
    case 'float':
      return `FLOAT64(${v.text})`;
    case 'hex':
      return `VARBINARY(0x${v.text})`;
    default:
      return `VARCHAR(${JSON.stringify(v.text)})`;
  }
}

function multicol(params: Record<string, string>, values: SqlValue[]): Destination {
  const layout = multicolLayout(params.column_count ? params : { ...params, column_count: String(Math.max(values.length, 2)) });
  if (typeof layout === 'string') return { kind: 'unknown', reason: layout };
  if (values.length > layout.columnCount) return { kind: 'none', reason: 'more values than multicol columns' };
  const parts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const k = hashingKsid(layout.columnVindex[i]!, values[i]!, {});
    if (k === 'unknown') return { kind: 'unknown', reason: `multicol column ${i + 1} uses ${layout.columnVindex[i]}` };
    if (k !== null && !(k instanceof Uint8Array)) return { kind: 'none', reason: k.error };
    if (k === null) return { kind: 'none', reason: `${showSql(values[i]!)} cannot be mapped by ${layout.columnVindex[i]}` };
    parts.push(...k.slice(0, layout.columnBytes[i]!));
  }
  const ksid = Uint8Array.from(parts);
  return values.length === layout.columnCount ? { kind: 'ksid', ksid } : prefixRange(ksid);
}

function region(params: Record<string, string>, values: SqlValue[]): Destination {
  const bytes = Number(params.region_bytes ?? '1');
  const r = parseUint64(values[0]!);
  if (r === null) return { kind: 'none', reason: `${showSql(values[0]!)} is not a region number` };
  const reg = Buffer.alloc(2);
  reg.writeUInt16BE(Number(r & 0xffffn));
  const prefix = Uint8Array.from(bytes === 1 ? reg.subarray(1) : reg);
  if (values.length === 1) return prefixRange(prefix);
  const h = hashKsid(values[1]!);
  if (!h) return { kind: 'none', reason: `${showSql(values[1]!)} cannot be mapped by hash` };
  return { kind: 'ksid', ksid: Uint8Array.from([...prefix, ...h]) };
}

function cfc(params: Record<string, string>, v: SqlValue): Destination {
  const raw = rawBytes(v);
  if (!params.hash) return { kind: 'ksid', ksid: raw };
  let offsets: number[];
  try {
    offsets = JSON.parse(params.offsets ?? '[]') as number[];
  } catch {
    return { kind: 'unknown', reason: 'invalid cfc offsets' };
  }
  const last = offsets[offsets.length - 1] ?? 0;
  if (raw.length < last) return { kind: 'none', reason: `insufficient size for cfc vindex: need ${last}, got ${raw.length}` };
  const bounds = [0, ...offsets, raw.length];
  const out: number[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const seg = raw.slice(bounds[i], bounds[i + 1]);
    const h = params.hash === 'md5' ? md5(seg) : xxhashKsid(seg);
    out.push(...h.slice(0, seg.length));
  }
  return { kind: 'ksid', ksid: Uint8Array.from(out) };
}

/** [prefix, prefix+1) as a key range (multicol / region partial values, cfc LIKE prefixes). */
export function prefixRange(prefix: Uint8Array): Destination {
  if (prefix.length === 0) return { kind: 'range', start: new Uint8Array(), end: new Uint8Array() };
  const end = Uint8Array.from(prefix);
  let i = end.length - 1;
  while (i >= 0 && end[i] === 0xff) end[i--] = 0;
  if (i < 0) return { kind: 'range', start: prefix, end: new Uint8Array() };
  end[i]! += 1;
  return { kind: 'range', start: prefix, end: end.slice(0, i + 1) };
}

/** Lower-case hex of bytes. */
export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
