/**
 * Canonical JSON of a keyspace VSchema, as `vtctldclient GetVSchema` would print it (proto field
 * names, defaults omitted, keys sorted), and its SHA-256: a deploy job can compare what it applied
 * with what the PR meant. It covers every `vschema.Keyspace` field the JSON Schema accepts (v24,
 * including `multi_tenant_spec` and the schema-tracking column fields), so it is also the exact
 * object `vschema-guard deploy` sends to ApplyVSchema: what is hashed is what is written.
 */
import crypto from 'node:crypto';
import { sameSource } from './build-model.js';
import type { KeyspaceDef, TableDef } from './model.js';
import { setOwn } from './source.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * `o[k] = v` as an own data property: a plain assignment (fast) for every key but `__proto__`, which
 * only setOwn keeps as a key.
 */
function put(o: { [k: string]: Json }, k: string, v: Json): void {
  if (k === '__proto__') setOwn(o, k, v);
  else o[k] = v;
}

function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v).sort()) put(out, k, sortKeys(v[k]!));
    return out;
  }
  return v;
}

function tableJson(t: TableDef): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  if (t.type) o.type = t.type;
  if (t.columnVindexes.length) {
    o.column_vindexes = t.columnVindexes.map((cv): Json => (cv.columns.length ? { columns: cv.columns, name: cv.name } : { column: cv.column, name: cv.name }));
  }
  if (t.autoIncrement) o.auto_increment = { column: t.autoIncrement.column, sequence: t.autoIncrement.sequence };
  if (t.columns.length) o.columns = t.columns.map((c) => ({ name: c.name, ...(c.type ? { type: c.type } : {}), ...(c.invisible ? { invisible: true } : {}), ...(c.tracking ?? {}) }));
  if (t.pinned) o.pinned = t.pinned;
  if (t.columnListAuthoritative) o.column_list_authoritative = true;
  if (t.source) o.source = t.source;
  return o;
}

/** The canonical JSON object of a keyspace (keys sorted at every level). */
export function canonicalKeyspace(ks: KeyspaceDef): { [k: string]: Json } {
  const o: { [k: string]: Json } = {};
  if (ks.sharded) o.sharded = true;
  if (ks.vindexes.size) {
    const v: { [k: string]: Json } = {};
    for (const x of ks.vindexes.values()) {
      put(v, x.name, { type: x.type, ...(Object.keys(x.params).length ? { params: { ...x.params } } : {}), ...(x.owner ? { owner: x.owner } : {}) });
    }
    o.vindexes = v;
  }
  if (ks.tables.size) {
    const t: { [k: string]: Json } = {};
    for (const x of ks.tables.values()) put(t, x.name, tableJson(x));
    o.tables = t;
  }
  if (ks.requireExplicitRouting) o.require_explicit_routing = true;
  if (ks.foreignKeyMode && ks.foreignKeyMode !== 'unspecified') o.foreign_key_mode = ks.foreignKeyMode;
  if (ks.multiTenantSpec) o.multi_tenant_spec = { ...ks.multiTenantSpec };
  return sortKeys(o) as { [k: string]: Json };
}

/**
 * Memo of {@link canonicalText} and {@link keyspaceSha256} per keyspace object: a diff reads both
 * for every keyspace of both sides (VSchema changes, deploy plan). Keyspace objects are not changed
 * once built (src/vschema/build-model.ts), so an entry never goes stale; texts are immutable, so
 * callers cannot change what others read.
 */
const memo = new WeakMap<KeyspaceDef, { text: string; sha?: string }>();

/**
 * The canonical JSON text of a keyspace (`JSON.stringify` of {@link canonicalKeyspace}): two
 * keyspaces have the same text exactly when their canonical objects are deep-equal.
 */
export function canonicalText(ks: KeyspaceDef): string {
  return memoOf(ks).text;
}

/** The memo entry of `ks`, its text computed on first use. */
function memoOf(ks: KeyspaceDef): { text: string; sha?: string } {
  let m = memo.get(ks);
  if (!m) memo.set(ks, (m = { text: JSON.stringify(canonicalKeyspace(ks)) }));
  return m;
}

/**
 * Whether two keyspaces have the same canonical VSchema: at once when they were built from the same
 * text ({@link sameSource}), else by their canonical texts.
 */
export function sameCanonical(a: KeyspaceDef, b: KeyspaceDef): boolean {
  return sameSource(a, b) || canonicalText(a) === canonicalText(b);
}

/** SHA-256 (hex) of the canonical JSON text of a keyspace. */
export function keyspaceSha256(ks: KeyspaceDef): string {
  const m = memoOf(ks);
  return (m.sha ??= crypto.createHash('sha256').update(m.text).digest('hex'));
}
