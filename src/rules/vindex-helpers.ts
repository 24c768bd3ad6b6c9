/** Small model queries shared by rules (pure). */
import type { Cluster, ColumnVindexDef, KeyspaceDef, TableDef, VindexDef } from '../vschema/model.js';
import { type VindexType, findVindexType } from '../vindexes/registry.js';

/** The vindex a column vindex names and its registered type (either may be missing). */
export function resolveColumnVindex(ks: KeyspaceDef, cv: ColumnVindexDef): { vindex?: VindexDef; type?: VindexType } {
  const vindex = ks.vindexes.get(cv.name);
  const type = vindex ? findVindexType(vindex.type) : undefined;
  return { vindex, type };
}

/** Every table with a primary vindex, with the vindex and its registered type (when they exist). */
export function* primaryVindexes(cluster: Cluster): Generator<{ ks: KeyspaceDef; t: TableDef; cv: ColumnVindexDef; vindex?: VindexDef; type?: VindexType }> {
  for (const ks of cluster.keyspaces.values()) {
    for (const t of ks.tables.values()) {
      const cv = t.columnVindexes[0];
      if (cv) yield { ks, t, cv, ...resolveColumnVindex(ks, cv) };
    }
  }
}

/** Columns of a column vindex (`columns`, else `[column]`). */
export function columnsOf(cv: ColumnVindexDef): string[] {
  return cv.columns.length > 0 ? cv.columns : cv.column ? [cv.column] : [];
}

/** Vitess's `owned`: a lookup vindex whose `owner` is this table. */
export function isOwnedBy(vindex: VindexDef | undefined, type: VindexType | undefined, table: TableDef): boolean {
  return !!vindex && !!type && type.lookup && vindex.owner === table.name;
}

/** Lookup `from` columns (comma-separated, trimmed) as vindexes/lookup_internal.go splits them. */
export function lookupFromColumns(v: VindexDef): string[] {
  return (v.params.from ?? '').split(',').map((s) => s.trim());
}
