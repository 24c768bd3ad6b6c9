/**
 * Name scopes of a statement (one per SELECT, chained to the enclosing one for correlated
 * subqueries): which QTable a column reference belongs to. Follows Vitess's semantic analysis
 * (go/vt/vtgate/semantics/binder.go) as far as a VSchema without MySQL schema allows.
 */
import { type ColRef } from './ast.js';
import type { QTable } from './types.js';
import { vindexColumnNames } from './vtable-info.js';

/** A scope: its tables and the enclosing scope. */
export interface Scope {
  tables: QTable[];
  parent: Scope | null;
}

/** Where a column reference resolves: a table of this scope, an outer scope's table, or unknown. */
export type ColumnOwner = { table: QTable; outer: boolean } | null;

/** Known column names of a table: authoritative columns, vindex columns, derived outputs. */
export function knownColumns(t: QTable): Set<string> | null {
  if (t.derived) return new Set([...t.derived.columns.keys()]);
  if (t.vtable?.columnListAuthoritative) return new Set(t.vtable.columns.map((c) => c.name.toLowerCase()));
  return null;
}

const NO_COLUMNS: ReadonlySet<string> = new Set();

function vindexColumns(t: QTable): ReadonlySet<string> {
  return t.vtable ? vindexColumnNames(t.vtable) : NO_COLUMNS;
}

/** Resolves a column to its table, searching enclosing scopes for qualified and unqualified names. */
export function resolveColumn(scope: Scope, col: ColRef): ColumnOwner {
  let outer = false;
  for (let s: Scope | null = scope; s; s = s.parent, outer = true) {
    if (col.qualifier !== null) {
      const q = col.qualifier;
      const t = s.tables.find((x) => x.alias === q) ?? s.tables.find((x) => x.alias.toLowerCase() === q.toLowerCase());
      if (t) return { table: t, outer };
      continue;
    }
    if (s.tables.length === 1) return { table: s.tables[0]!, outer };
    // Several tables: use what the VSchema knows (authoritative columns, derived outputs), then vindex columns.
    const byKnown = s.tables.filter((t) => knownColumns(t)?.has(col.name));
    if (byKnown.length === 1) return { table: byKnown[0]!, outer };
    const unknown = s.tables.filter((t) => knownColumns(t) === null);
    const byVindex = unknown.filter((t) => vindexColumns(t).has(col.name));
    if (byKnown.length === 0 && byVindex.length === 1 && unknown.length >= 1) return { table: byVindex[0]!, outer };
    if (byKnown.length === 0 && unknown.length === 1) return { table: unknown[0]!, outer };
    if (s.tables.length > 0) return null;
  }
  return null;
}
