/** Resolution of a lookup vindex's backing table (params.table), shared by the lookup rules. */
import type { Cluster, KeyspaceDef, TableDef, VindexDef } from '../vschema/model.js';
import { type GlobalTables, findTable, parseTableName } from '../vschema/names.js';
import { findVindexType } from '../vindexes/registry.js';

/** Each lookup vindex of the cluster with its keyspace. */
export function* lookupVindexes(cluster: Cluster): Generator<{ ks: KeyspaceDef; v: VindexDef }> {
  for (const ks of cluster.keyspaces.values()) {
    for (const v of ks.vindexes.values()) if (findVindexType(v.type)?.lookup) yield { ks, v };
  }
}

/** The lookup table: declared, synthesised (undeclared in an unsharded keyspace), or an error. */
export function resolveLookupTable(
  cluster: Cluster,
  globals: GlobalTables,
  v: VindexDef,
): { table?: TableDef; keyspace?: string; name?: string; error?: string } {
  const p = parseTableName(v.params.table ?? '');
  if (!p) return { error: `invalid table name: ${v.params.table}` };
  const r = findTable(cluster, globals, p.keyspace, p.table);
  if ('error' in r) return { error: r.error };
  return r.synthesized ? { keyspace: r.table.keyspace, name: r.table.name } : { table: r.table, keyspace: r.table.keyspace, name: r.table.name };
}
