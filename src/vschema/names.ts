/**
 * Table-name parsing and global name resolution, ported from vitessio/vitess
 * go/vt/vtgate/vindexes/vschema.go (buildGlobalTables, findTable, FindTable, escapeQualifiedTable).
 */
import type { Cluster, TableDef } from './model.js';

/** A parsed `ks.t` / `t` name; backticks removed. */
export interface QualifiedName {
  keyspace: string;
  table: string;
}

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('`') && s.endsWith('`') ? s.slice(1, -1).replace(/``/g, '`') : s);

/**
 * sqlparser.ParseTable for `t`, `ks.t`, with backticks: splits at dots outside backticks.
 * Returns null for anything with more than one dot (Vitess: `invalid table name: <s>`).
 */
export function parseTableName(s: string): QualifiedName | null {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '`') {
      if (quoted && s[i + 1] === '`') {
        cur += '``';
        i++;
        continue;
      }
      quoted = !quoted;
      cur += c;
    } else if (c === '.' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  if (quoted || parts.length > 2 || parts.some((p) => unquote(p) === '')) return null;
  return parts.length === 2 ? { keyspace: unquote(parts[0]!), table: unquote(parts[1]!) } : { keyspace: '', table: unquote(parts[0]!) };
}

/** The qualified-name error of routing rules (escapeQualifiedTable). */
export const qualifiedFormError = (s: string): string =>
  `invalid table name: ${s}, it must be of the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)`;

/** The reference-source name error (parseQualifiedTable). */
export const sourceFormError = (s: string): string =>
  `invalid table name: ${s}, it must be of the unqualified form <table_name> or the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)`;

/** Global (unqualified) table names: a table, or null when the name is ambiguous. */
export type GlobalTables = Map<string, TableDef | null>;

/**
 * True when `t` is a reference table whose `source` names `other` (same table name, and the source
 * is unqualified or qualified with `other`'s keyspace).
 */
export function isReferenceTo(t: TableDef, other: TableDef): boolean {
  if (t.type !== 'reference' || !t.source) return false;
  const p = parseTableName(t.source);
  return !!p && p.table === other.name && (p.keyspace === '' || p.keyspace === other.keyspace) && t.keyspace !== other.keyspace;
}

/**
 * buildGlobalTables: every table of keyspaces without require_explicit_routing, by name. A name
 * in several keyspaces is ambiguous (null), except that a reference table whose source is the other
 * table yields to it: the name then resolves to the source (spec E.1 rule 6).
 */
export function buildGlobalTables(cluster: Cluster): GlobalTables {
  const out: GlobalTables = new Map();
  for (const ks of cluster.keyspaces.values()) {
    if (ks.requireExplicitRouting) continue;
    for (const [name, t] of ks.tables) {
      if (!out.has(name)) {
        out.set(name, t);
        continue;
      }
      const gt = out.get(name);
      if (gt === null || gt === undefined) continue;
      if (isReferenceTo(t, gt)) continue; // reach t through its source gt
      if (isReferenceTo(gt, t)) out.set(name, t);
      else out.set(name, null);
    }
  }
  return out;
}

/** Result of FindTable: a declared table, a synthesised table of an unsharded keyspace, or an error. */
export type FindResult =
  | { table: TableDef; synthesized: false }
  | { table: { name: string; keyspace: string }; synthesized: true }
  | { error: string };

/**
 * VSchema.FindTable(keyspace, name): qualified → that keyspace (unsharded accepts any name);
 * unqualified → the global map, or the only keyspace when there is one.
 */
export function findTable(cluster: Cluster, globals: GlobalTables, keyspace: string, name: string): FindResult {
  if (keyspace === '') {
    const t = globals.get(name);
    if (t === null) return { error: `ambiguous table reference: ${name}` };
    if (t) return { table: t, synthesized: false };
    if (cluster.keyspaces.size === 1) {
      const ks = [...cluster.keyspaces.values()][0]!;
      if (!ks.sharded) return { table: { name, keyspace: ks.name }, synthesized: true };
    }
    return { error: `table ${name} not found` };
  }
  const ks = cluster.keyspaces.get(keyspace);
  if (!ks) return { error: `VT05003: unknown database '${keyspace}' in vschema` };
  const t = ks.tables.get(name);
  if (t) return { table: t, synthesized: false };
  if (!ks.sharded) return { table: { name, keyspace }, synthesized: true };
  return { error: `table ${name} not found` };
}
