/**
 * What the planner asks of a declared VSchema table again and again, computed once per table: its
 * routable vindexes (operators/sharded_routing.go builds the same list per table) and the set of
 * its vindex columns.
 */
import { type VindexType, findVindexType, isBackfilling, vindexCost } from '../vindexes/registry.js';
import type { KeyspaceDef, TableDef, VindexDef } from '../vschema/model.js';

/** A routable vindex of a table, as the planner weighs it. */
export interface VindexSpec {
  /** Position in the table's column_vindexes (ties between options go to the later one). */
  position: number;
  vindex: VindexDef;
  type: VindexType;
  /** Vindex columns, lower-cased. */
  cols: string[];
  cost: number;
  /** Cost of a cfc `LIKE 'prefix%'` option: the number of offsets (2 when unreadable). */
  likeCost: number;
}

const SPECS = new WeakMap<TableDef, VindexSpec[]>();
const COLUMNS = new WeakMap<TableDef, Set<string>>();

/**
 * The vindexes of `vtable` (declared in keyspace `ks`) that can route: known type, not a backfilling
 * (write_only) lookup; in declaration order. Cached per table object: do not modify.
 */
export function vindexSpecs(ks: KeyspaceDef | null, vtable: TableDef): VindexSpec[] {
  let specs = SPECS.get(vtable);
  if (specs) return specs;
  specs = [];
  vtable.columnVindexes.forEach((cv, position) => {
    const vindex = ks?.vindexes.get(cv.name);
    const type = vindex && findVindexType(vindex.type);
    if (!vindex || !type || isBackfilling(type, vindex.params)) return;
    const cols = (cv.columns.length ? cv.columns : [cv.column]).map((c) => c.toLowerCase());
    let likeCost = 2;
    try {
      likeCost = (JSON.parse(vindex.params.offsets ?? '') as unknown[]).length || 2;
    } catch {
      // unreadable offsets: the default prefix length
    }
    specs!.push({ position, vindex, type, cols, cost: vindexCost(type, vindex.params), likeCost });
  });
  SPECS.set(vtable, specs);
  return specs;
}

/** Every column named by a column vindex of `vtable` (any vindex, routable or not), lower-cased. Cached: do not modify. */
export function vindexColumnNames(vtable: TableDef): Set<string> {
  let cols = COLUMNS.get(vtable);
  if (!cols) {
    cols = new Set();
    for (const cv of vtable.columnVindexes) for (const c of cv.columns.length ? cv.columns : [cv.column]) cols.add(c.toLowerCase());
    COLUMNS.set(vtable, cols);
  }
  return cols;
}
