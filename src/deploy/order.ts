/**
 * The order keyspaces are applied in: a keyspace that holds something another keyspace points at —
 * a sequence (`auto_increment.sequence`), a lookup vindex's table (`params.table`), a reference
 * table's source — is applied before the keyspace that points at it, so vtgate never builds a
 * VSchema whose cross-keyspace references are dangling (vindexes.BuildVSchema resolves them per
 * keyspace: go/vt/vtgate/vindexes/vschema.go `resolveAutoIncrement`, `buildReferences`). Ties and
 * cycles fall back to the deploy plan's rule: unsharded keyspaces first, then by name.
 */
import { findVindexType } from '../vindexes/registry.js';
import type { Cluster, KeyspaceDef } from '../vschema/model.js';
import { buildGlobalTables, findTable, parseTableName } from '../vschema/names.js';

/** Keyspace → the other keyspaces of `cluster` it references (sequences, lookup tables, reference sources). */
export function keyspaceDependencies(cluster: Cluster): Map<string, Set<string>> {
  const globals = buildGlobalTables(cluster);
  const deps = new Map<string, Set<string>>();
  const resolve = (name: string): string | null => {
    const p = parseTableName(name);
    if (!p) return null;
    const r = findTable(cluster, globals, p.keyspace, p.table);
    return 'error' in r ? null : r.table.keyspace;
  };
  for (const ks of cluster.keyspaces.values()) {
    const out = new Set<string>();
    const add = (target: string | null): void => {
      if (target && target !== ks.name) out.add(target);
    };
    for (const t of ks.tables.values()) {
      if (t.autoIncrement?.sequence) add(resolve(t.autoIncrement.sequence));
      if (t.type === 'reference' && t.source) add(resolve(t.source));
    }
    for (const v of ks.vindexes.values()) {
      if (findVindexType(v.type)?.lookup && v.params.table) add(resolve(v.params.table));
    }
    deps.set(ks.name, out);
  }
  return deps;
}

const tieBreak = (a: KeyspaceDef, b: KeyspaceDef): number => Number(a.sharded) - Number(b.sharded) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * `names` (keyspaces of `cluster`) in apply order: dependencies first (Kahn's algorithm over
 * `keyspaceDependencies`, restricted to `names`), ties by unsharded-first then name; keyspaces on a
 * cycle keep the tie-break order. Names not in `cluster` are kept last, by name.
 */
export function applyOrder(cluster: Cluster, names: Iterable<string>): string[] {
  const wanted = new Set(names);
  const defs = [...wanted].flatMap((n) => cluster.keyspaces.get(n) ?? []).sort(tieBreak);
  const deps = keyspaceDependencies(cluster);
  const pending = new Map(defs.map((d) => [d.name, new Set([...(deps.get(d.name) ?? [])].filter((x) => wanted.has(x) && x !== d.name))]));
  const out: string[] = [];
  while (pending.size) {
    const ready = defs.filter((d) => pending.has(d.name) && pending.get(d.name)!.size === 0);
    const pick = ready[0] ?? defs.find((d) => pending.has(d.name))!; // a cycle: take the first by tie-break
    out.push(pick.name);
    pending.delete(pick.name);
    for (const s of pending.values()) s.delete(pick.name);
  }
  const missing = [...wanted].filter((n) => !cluster.keyspaces.has(n)).sort();
  return [...out, ...missing];
}
