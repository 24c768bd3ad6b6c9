/**
 * INSERT / UPDATE / DELETE planning (spec E.6; vitessio/vitess go/vt/vtgate/planbuilder/insert.go,
 * operators/insert.go, update.go, delete.go, dml_planning.go).
 */
import { findVindexType } from '../vindexes/registry.js';
import { type Node, asColumn, columnName, splitAnd, subqueriesIn } from './ast.js';
import { isConstantFalse } from './predicates.js';
import { evalValue } from './values.js';
import type { SimContext } from './context.js';
import { planQuery, unshardedShortcut } from './plan-select.js';
import { lookupTableRoute } from './lookup-tables.js';
import { resolveTable } from './resolve-table.js';
import { type LookupWrite, PlanError, type OutRoute, type PVal, type Plan, type QTable, type RouteOp, type VindexOption, routeSource, routingVariant } from './types.js';
import { vindexColumnNames } from './vtable-info.js';

/** A DML plan: the DML node (its RouteOp when it has one) plus the routes of a SELECT or subqueries. */
export interface DmlPlan {
  dml: OutRoute;
  /** Route of the DML node (UPDATE/DELETE), for shard computation. */
  dmlRoute: RouteOp | null;
  /** Other routes (INSERT … SELECT, pulled-out subqueries), planned as SELECTs. */
  select: Plan | null;
}

/** Where DML on a table goes: a reference table with a `source` is written through its source. */
function writeTarget(ctx: SimContext, t: QTable): QTable {
  if (t.kind !== 'reference' || !t.vtable?.source) return t;
  const [ks, name] = t.vtable.source.includes('.') ? t.vtable.source.split('.') : [null, t.vtable.source];
  try {
    return resolveTable(ctx, ks ?? null, name!, t.alias, true);
  } catch {
    return t;
  }
}

/** Plans INSERT / REPLACE. */
export function planInsert(ctx: SimContext, ast: Node): DmlPlan {
  const entry = (ast.table as Node[])[0]!;
  const db = (entry.db as string | null) ?? null;
  if (db && /[:[]/.test(db)) throw new PlanError('VT09017: INSERT with a target destination is not allowed');
  const t = writeTarget(ctx, resolveTable(ctx, db, String(entry.table).replace(/``/g, '`'), null, true));
  const ks = t.ks;
  const keyspace = t.keyspace;
  const values = ast.values as Node | null;
  const isSelect = !!values && values.type === 'select';
  const sharded = !!ks?.sharded;
  if (sharded && t.vtable) checkInsertValues(t, ast);
  // A reference table of a sharded keyspace without a source has no vindex to route rows (v24 insert.go).
  if (sharded && t.kind === 'reference') throw new PlanError(`table '${t.name}' does not have a primary vindex`);
  if (!isSelect) {
    const rows = sharded ? insertRowsRoute(t, ast) : null;
    const opt = rows?.routing.type === 'sharded' ? rows.routing.option : null;
    const writes = sharded && t.vtable ? ownedLookupWrites(ctx, t, (cols) => insertColumnValues(t, ast, cols), 'insert') : [];
    const sequence = t.vtable ? sequenceOf(ctx, t, ast) : null;
    return {
      dml: {
        operator: 'Insert', variant: sharded ? 'Sharded' : 'Unsharded', keyspace, vindex: opt?.vindex.name ?? null, values: [],
        ...(rows ? { source: routeSource(rows) } : {}), ...(writes.length ? { lookupWrites: writes } : {}), ...(sequence ? { sequence } : {}),
      },
      dmlRoute: null, select: null,
    };
  }
  if (!sharded && !t.vtable?.autoIncrement && unshardedShortcut(ctx, ast) === keyspace) {
    return { dml: { operator: 'Insert', variant: 'Unsharded', keyspace, vindex: null, values: [] }, dmlRoute: null, select: null };
  }
  const select = planQuery(ctx, values!, null);
  return { dml: { operator: 'Insert', variant: sharded ? 'Select' : 'Unsharded', keyspace, vindex: null, values: [] }, dmlRoute: null, select };
}

/**
 * The rows of INSERT … VALUES through the primary vindex, as a route whose option lists each row's
 * value(s), so their shards can be named. A missing vindex column is NULL; one filled by the
 * sequence (auto_increment, NULL or absent) is only known at run time.
 */
function insertRowsRoute(t: QTable, ast: Node): RouteOp | null {
  const cv = t.vtable?.columnVindexes[0];
  const vindex = cv && t.ks?.vindexes.get(cv.name);
  const type = vindex && findVindexType(vindex.type);
  if (!cv || !vindex || !type) return null;
  const cols = (ast.columns as unknown[] | null)?.map((c) => columnName(c).toLowerCase()) ?? t.vtable!.columns.map((c) => c.name.toLowerCase());
  const vcols = (cv.columns.length ? cv.columns : [cv.column]).map((c) => c.toLowerCase());
  const seqCol = t.vtable!.autoIncrement?.column.toLowerCase();
  const rows = ast.values?.type === 'values' ? ((ast.values.values as Node[]) ?? []) : [];
  const perCol: PVal[][] = vcols.map(() => []);
  for (const row of rows) {
    vcols.forEach((c, k) => {
      const i = cols.indexOf(c);
      const cell = i >= 0 ? (row.value as Node[])[i] : undefined;
      let v: PVal = cell ? (evalValue(cell, () => null) ?? { kind: 'bind', name: 'expr' }) : { kind: 'lit', text: '', type: 'null' };
      if (c === seqCol && v.kind === 'lit' && v.type === 'null') v = { kind: 'bind', name: 'sequence' };
      perCol[k]!.push(v);
    });
  }
  if (rows.length === 0) return null;
  const option: VindexOption = {
    variant: 'IN', table: t, vindex, type, unique: type.unique, cost: type.cost, position: 0,
    values: type.multiColumn ? perCol.map((items) => ({ kind: 'list', items })) : [{ kind: 'list', items: perCol[0]! }],
  };
  return { tables: [t], preds: [], routing: { type: 'sharded', keyspace: t.keyspace, option, none: false }, vtgateWork: false };
}

/** VT09004 / VT03006 and vindex-column checks of INSERT … VALUES into a sharded table. */
function checkInsertValues(t: QTable, ast: Node): void {
  const cols = (ast.columns as unknown[] | null)?.map((c) => columnName(c).toLowerCase()) ?? null;
  if (!cols && !t.vtable!.columnListAuthoritative) {
    throw new PlanError('VT09004: INSERT should contain column list or the table should have authoritative columns in vschema');
  }
  const rows = ast.values?.type === 'values' ? ((ast.values.values as Node[]) ?? []) : [];
  const width = cols?.length ?? t.vtable!.columns.length;
  rows.forEach((r, i) => {
    const n = (r.value as Node[] | undefined)?.length ?? 0;
    if (n !== width) throw new PlanError(`VT03006: column count does not match value count at row ${i + 1}`);
  });
  const onDup = (ast.on_duplicate_update?.set as Node[] | undefined) ?? [];
  const vindexCols = vindexColumnNames(t.vtable!);
  for (const s of onDup) {
    const c = columnName(s.column).toLowerCase();
    if (!vindexCols.has(c)) continue;
    const v = s.value as Node;
    const isValuesOfSame = v?.type === 'function' && /^values$/i.test(v.name?.name?.[0]?.value ?? '') && asColumn(v.args?.value?.[0])?.name === c;
    if (!isValuesOfSame) throw new PlanError('VT12001: unsupported: DML cannot update vindex column');
  }
}

/** Plans UPDATE / DELETE. */
export function planUpdateDelete(ctx: SimContext, ast: Node): DmlPlan {
  const isUpdate = ast.type === 'update';
  const operator = isUpdate ? 'Update' : 'Delete';
  const entries = ((isUpdate ? ast.table : ast.from) as Node[]) ?? [];
  // Spec E.5 step 3 applies to DML too: everything in one unsharded keyspace ⇒ one Unsharded route.
  const shortcut = unshardedShortcut(ctx, ast);
  if (shortcut) return { dml: { operator, variant: 'Unsharded', keyspace: shortcut, vindex: null, values: [] }, dmlRoute: null, select: null };
  const tables = entries.filter((e) => e.table).map((e) => resolveTable(ctx, (e.db as string | null) ?? null, String(e.table).replace(/``/g, '`'), e.as ? String(e.as) : null, true));
  if (tables.length > 1) {
    const ks = tables[0]!.keyspace;
    if (tables.every((t) => t.kind === 'unsharded' && t.keyspace === ks)) {
      return { dml: { operator, variant: 'Unsharded', keyspace: ks, vindex: null, values: [] }, dmlRoute: null, select: null };
    }
    throw new PlanError(isUpdate ? `VT12001: unsupported: multiple (${tables.length}) tables in update` : 'VT12001: unsupported: multi-shard or vindex write statement');
  }
  const t0 = tables[0]!;
  if (t0.kind === 'targeted') return { dml: { operator, variant: 'ByDestination', keyspace: t0.keyspace, vindex: null, values: [] }, dmlRoute: null, select: null };
  const t = writeTarget(ctx, t0);
  if (isUpdate && t.kind === 'sharded' && t.vtable) checkVindexUpdates(t, ast);
  if (!t.ks?.sharded) {
    // DML routing uses the keyspace, not the table type (spec E.3). Subqueries of other keyspaces still run.
    const sel = asSelect(ast, entries);
    const plan = unshardedShortcut(ctx, sel) === t.keyspace ? null : planQuery(ctx, sel, null);
    const extra = plan ? plan.routes.slice(1) : [];
    // Written through a reference table's source, the DML is planned like any route on it (no unsharded
    // shortcut): a WHERE that can never be true makes it None (v24, vtexplain).
    const none = t !== t0 && splitAnd(ast.where).some(isConstantFalse);
    return {
      dml: { operator, variant: none ? 'None' : 'Unsharded', keyspace: t.keyspace, vindex: null, values: [] },
      dmlRoute: null,
      select: extra.length ? { routes: extra, single: null, extra: [], pushdown: false } : null,
    };
  }
  // Sharded: route like SELECT `select <set values> from t where <where>` (no VindexLookup for the DML route).
  const sel = asSelect(ast, entries);
  const plan = planQuery(ctx, sel, null);
  const own = plan.routes.find((r) => r.tables.some((x) => x.name === t.name && x.keyspace === t.keyspace)) ?? plan.routes[0]!;
  const variant = routingVariant(own.routing);
  // The Update/Delete primitives run only these opcodes (engine/update.go, delete.go: `unsupported opcode: <op>`).
  if (variant === 'Between' || (variant === 'Reference' && !isUpdate)) throw new PlanError(`unsupported opcode: ${variant}`);
  if (variant === 'Reference') throw new PlanError(`VT09001: table '${t.name}' does not have a primary vindex`);
  if (variant === 'Scatter' && ast.limit && (ast.limit.value as unknown[] | undefined)?.length) {
    throw new PlanError(`VT12001: unsupported: multi shard ${isUpdate ? 'UPDATE' : 'DELETE'} with LIMIT`);
  }
  const rest = plan.routes.filter((r) => r !== own);
  if (!isUpdate && rest.length && subqueriesIn(ast.where).length) throw new PlanError('VT12001: unsupported: subqueries in DML');
  const opt = own.routing.type === 'sharded' ? own.routing.option : null;
  const writes = t.vtable ? dmlLookupWrites(ctx, t, ast, isUpdate) : [];
  return {
    dml: {
      operator, variant, keyspace: own.routing.keyspace, vindex: opt?.vindex.name ?? null, values: [], source: routeSource(own),
      ...(writes.length ? { lookupWrites: writes } : {}),
    },
    dmlRoute: own,
    select: rest.length ? { routes: rest, single: null, extra: [], pushdown: false } : null,
  };
}

/** The SELECT whose routing an UPDATE/DELETE shares. */
function asSelect(ast: Node, entries: Node[]): Node {
  const setExprs = ((ast.set as Node[] | null) ?? []).map((s) => ({ expr: s.value, as: null }));
  return {
    type: 'select', with: null, options: null, distinct: null,
    columns: setExprs.length ? setExprs : [{ expr: { type: 'number', value: 1 }, as: null }],
    from: entries, where: ast.where ?? null, groupby: null, having: null, orderby: null, limit: null,
  };
}

/** Changing vindex columns in UPDATE (spec E.6). */
function checkVindexUpdates(t: QTable, ast: Node): void {
  const set = ((ast.set as Node[] | null) ?? []).map((s) => columnName(s.column).toLowerCase());
  t.vtable!.columnVindexes.forEach((cv, i) => {
    const cols = (cv.columns.length ? cv.columns : [cv.column]).map((c) => c.toLowerCase());
    if (!cols.some((c) => set.includes(c))) return;
    if (i === 0) throw new PlanError(`VT12001: unsupported: you cannot UPDATE primary vindex columns; invalid update on vindex: ${cv.name}`);
    const v = t.ks?.vindexes.get(cv.name);
    const type = v && findVindexType(v.type);
    if (type && !type.lookup) throw new PlanError(`VT12001: unsupported: you can only UPDATE lookup vindexes; invalid update on vindex: ${cv.name}`);
    if (ast.limit && (ast.limit.value as unknown[] | undefined)?.length && !ast.orderby) {
      throw new PlanError(`VT12001: unsupported: you need to provide the ORDER BY clause when using LIMIT; invalid update on vindex: ${cv.name}`);
    }
  });
}

/**
 * The `from` values of each row of INSERT … VALUES for the columns `cols` (first column only: the
 * lookup table is routed by it); a missing column is NULL, an expression only known at run time a bind.
 */
function insertColumnValues(t: QTable, ast: Node, cols: string[]): PVal[] | null {
  const names = (ast.columns as unknown[] | null)?.map((c) => columnName(c).toLowerCase()) ?? t.vtable!.columns.map((c) => c.name.toLowerCase());
  const rows = ast.values?.type === 'values' ? ((ast.values.values as Node[]) ?? []) : [];
  if (rows.length === 0) return null;
  const i = names.indexOf(cols[0]!);
  return rows.map((row) => {
    const cell = i >= 0 ? (row.value as Node[])[i] : undefined;
    return cell ? (evalValue(cell, () => null) ?? { kind: 'bind', name: 'expr' }) : { kind: 'lit', text: '', type: 'null' };
  });
}

/**
 * Lookup-table writes of the owned lookup vindexes of `t` (vindexes/vschema.go: a lookup vindex is
 * owned by the table named in its `owner`; vtgate writes its rows on INSERT, deletes them on DELETE,
 * and on UPDATE of its columns deletes the old rows and inserts the new ones). `valuesOf` gives the
 * new `from` values per row for the vindex's columns, null when only known at run time.
 */
function ownedLookupWrites(ctx: SimContext, t: QTable, valuesOf: (cols: string[]) => PVal[] | null, op: LookupWrite['op'], only?: (cols: string[]) => boolean): LookupWrite[] {
  const out: LookupWrite[] = [];
  for (const cv of t.vtable!.columnVindexes) {
    const vindex = t.ks?.vindexes.get(cv.name);
    const type = vindex && findVindexType(vindex.type);
    if (!vindex || !type?.lookup || vindex.owner !== t.name) continue;
    const cols = (cv.columns.length ? cv.columns : [cv.column]).map((c) => c.toLowerCase());
    if (only && !only(cols)) continue;
    const route = lookupTableRoute(ctx, vindex, valuesOf(cols), t.keyspace);
    if (route.source) out.push({ op, vindex, keyspace: route.keyspace, route: route.source });
  }
  return out;
}

/** Lookup writes of UPDATE (changed owned lookup columns) and DELETE (every owned lookup). */
function dmlLookupWrites(ctx: SimContext, t: QTable, ast: Node, isUpdate: boolean): LookupWrite[] {
  if (!isUpdate) return ownedLookupWrites(ctx, t, () => null, 'delete');
  const set = new Map(((ast.set as Node[] | null) ?? []).map((s) => [columnName(s.column).toLowerCase(), s.value as Node]));
  const changed = (cols: string[]): boolean => cols.some((c) => set.has(c));
  const newValues = (cols: string[]): PVal[] | null => {
    const v = set.get(cols[0]!);
    const pv = v ? evalValue(v, () => null) : null;
    return pv ? [pv] : null;
  };
  return [...ownedLookupWrites(ctx, t, () => null, 'delete', changed), ...ownedLookupWrites(ctx, t, newValues, 'insert', changed)];
}

/**
 * The sequence an INSERT … VALUES reads from (planbuilder/insert.go, engine/insert.go processGenerateFromValues):
 * when the table has an auto_increment column and a row leaves it out, NULL or DEFAULT. Null otherwise.
 */
function sequenceOf(ctx: SimContext, t: QTable, ast: Node): { table: string; keyspace: string } | null {
  const ai = t.vtable!.autoIncrement;
  if (!ai) return null;
  const vals = insertColumnValues(t, ast, [ai.column.toLowerCase()]);
  if (vals && !vals.some((v) => v.kind === 'lit' && v.type === 'null')) return null;
  const [ks, name] = ai.sequence.includes('.') ? ai.sequence.split('.') as [string, string] : [null, ai.sequence];
  try {
    const seq = resolveTable(ctx, ks, name, null, true);
    return { table: seq.name, keyspace: seq.keyspace };
  } catch {
    return null;
  }
}
