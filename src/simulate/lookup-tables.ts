/**
 * Lookup vindexes reach their lookup table through vtgate like any query: the read of a VindexLookup
 * (`select <from>, <to> from <table> where <from> in ::__vals`, vindexes/lookup_internal.go Lookup) and
 * the writes of owned lookups on INSERT / UPDATE / DELETE (lookup_internal.go Create, Delete). Each is
 * routed by the lookup table's own vindex on its first `from` column: `IN` with the values when it has
 * one, `Scatter` when it has none, `Unsharded` in an unsharded keyspace. lookup_unicodeloosemd5_hash(_unique)
 * reads and writes the uint64 unicodeHashValue of each value instead (lookup_unicodeloosemd5_hash.go
 * convertIds).
 */
import { rawBytes } from '../vindexes/keyspace-id.js';
import { findVindexType, vindexCost } from '../vindexes/registry.js';
import { unicodeHashValue } from '../vindexes/unicode-hash.js';
import { parseTableName } from '../vschema/names.js';
import type { VindexDef } from '../vschema/model.js';
import type { SimContext } from './context.js';
import { resolveTable } from './resolve-table.js';
import type { PVal, QTable, RouteSource, Variant } from './types.js';
import { toSql } from './values.js';

/** How a lookup table is reached with some `from` values. */
export interface LookupTableRoute {
  variant: Variant;
  keyspace: string;
  /** The lookup table's vindex used (sharded keyspace), or null. */
  vindex: string | null;
  /** Routing of the access, for shard computation (absent when the table cannot be resolved). */
  source?: RouteSource;
}

/** The lookup table of `vindex`, resolved (its keyspace qualifier, else a unique name), or null. */
function lookupTable(ctx: SimContext, vindex: VindexDef, fallbackKs: string): QTable | { keyspace: string } {
  const p = parseTableName(vindex.params.table ?? '');
  if (!p) return { keyspace: fallbackKs };
  const ksName = p.keyspace || [...ctx.cluster.keyspaces.values()].find((k) => k.tables.has(p.table))?.name || fallbackKs;
  try {
    return resolveTable(ctx, ksName, p.table, null, true);
  } catch {
    return { keyspace: ksName };
  }
}

/**
 * The route that reads or writes `vindex`'s lookup table for the `from` values `values` (one per row or
 * per IN item; null when they are only known at run time, e.g. old rows of a DELETE).
 */
export function lookupTableRoute(ctx: SimContext, vindex: VindexDef, values: PVal[] | null, fallbackKs: string): LookupTableRoute {
  const t = lookupTable(ctx, vindex, fallbackKs);
  if (!('kind' in t)) return { variant: 'Scatter', keyspace: t.keyspace, vindex: null };
  const ks = t.ks;
  if (!ks?.sharded) return { variant: 'Unsharded', keyspace: t.keyspace, vindex: null, source: { tables: [t], routing: { type: 'anyshard', keyspace: t.keyspace, sharded: false } } };
  const from = (vindex.params.from ?? '').split(',')[0]!.trim().toLowerCase();
  const cvs = t.vtable?.columnVindexes ?? [];
  for (let position = 0; position < cvs.length; position++) {
    const cv = cvs[position]!;
    const first = (cv.columns.length ? cv.columns[0]! : cv.column).toLowerCase();
    const v = ks.vindexes.get(cv.name);
    const type = v && findVindexType(v.type);
    if (first !== from || !v || !type) continue;
    const items: PVal = values ? { kind: 'list', items: vindex.type.startsWith('lookup_unicodeloosemd5_hash') ? values.map(unicodeFrom) : values } : { kind: 'bindlist', name: '__vals' };
    const option = { variant: 'IN' as const, table: t, vindex: v, type, unique: type.unique, cost: vindexCost(type, v.params), values: [items], position };
    return { variant: 'IN', keyspace: t.keyspace, vindex: cv.name, source: { tables: [t], routing: { type: 'sharded', keyspace: t.keyspace, option, none: false } } };
  }
  return { variant: 'Scatter', keyspace: t.keyspace, vindex: null, source: { tables: [t], routing: { type: 'sharded', keyspace: t.keyspace, option: null, none: false } } };
}

/**
 * convertIds for one value: a literal becomes the uint64 unicodeHashValue (as an integer literal, which
 * maps as uint64 like Vitess's NewUint64). Bytes that are not UTF-8 fail the query in vtgate; a value
 * known only at run time stays what it is. Both are left to run time here (a bind variable).
 */
function unicodeFrom(v: PVal): PVal {
  const sql = toSql(v);
  if (sql === null) return v;
  const h = unicodeHashValue(rawBytes(sql));
  return typeof h === 'bigint' ? { kind: 'lit', type: 'int', text: h.toString() } : { kind: 'bind', name: 'unicode_loose_error' };
}
