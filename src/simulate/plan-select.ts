/**
 * SELECT planning in the order of spec E.5 (vitessio/vitess go/vt/vtgate/planbuilder/select.go and
 * operators/query_planning.go): dual-only statements, SQL_CALC_FOUND_ROWS, the unsharded shortcut
 * (plan-shortcut.ts), FROM resolution and derived tables here, then the phases in their own files as
 * Vitess splits them: joins (plan-joins.ts, route_planning.go), subqueries (plan-subquery.ts,
 * subquery_planning.go), unions (plan-union.ts, union_merging.go) and the horizon (plan-horizon.ts).
 */
import {
  type Node,
  asColumn,
  bind,
  boundTable,
  cloneNode,
  columnsIn,
  isAggregate,
  isSubquery,
  splitAnd,
  subqueriesIn,
  subqueryAst,
  selectKeywordsOf,
  walk,
} from './ast.js';
import type { SimContext } from './context.js';
import { newTableId, resolveTable } from './resolve-table.js';
import { type Scope, resolveColumn } from './scope.js';
import { PlanError, type Plan, type QTable, type RouteOp } from './types.js';
import { type FromItem, solveItems } from './plan-joins.js';
import { horizonNeedsVtgate } from './plan-horizon.js';
import { unshardedShortcut } from './plan-shortcut.js';
import { planSubqueryTerm, wrapSubquery } from './plan-subquery.js';
import { planUnion } from './plan-union.js';
import { hasLimit, isDualOnly, outputColumns, planOf, selectOptions, unwrapMinMax } from './select-ast.js';
import type { OwnerOf } from './vindex-options.js';
import { isComputableInVtgate } from './vtgate-eval.js';

export { unshardedShortcut };

/** Column ownership comes from annotations made when a predicate is bound to its scope. */
export const ownerOf: OwnerOf = (c) => boundTable<QTable>(c) ?? null;

/** A predicate to push into a derived query, built per branch from the branch's select expressions. */
export type ExtraPred = (columns: Array<{ name: string | null; expr: Node }>) => Node | null;

/** Plans a query expression (SELECT or a UNION chain). `extra` are predicates pushed from outside. */
export function planQuery(ctx: SimContext, ast: Node, parent: Scope | null, extra: ExtraPred[] = [], top = false): Plan {
  if (ast._next) return planUnion(ctx, ast, parent, extra, top);
  return planSelect(ctx, ast, parent, extra, top);
}

/** Binds every column of `e` (outside subqueries) to its QTable, searching `scope` and its parents. */
export function bindOwners(e: unknown, scope: Scope): void {
  walk(e, (n) => {
    if (n.type !== 'column_ref') return;
    const c = asColumn(n);
    if (!c) return;
    const o = resolveColumn(scope, c);
    if (!o) return;
    const t = o.table;
    const mapped = t.derived?.mergeable || t.derived?.transparent ? t.derived.columns.get(c.name) : undefined;
    const inner = mapped ? asColumn(mapped) : null;
    const innerTable = boundTable<QTable>(mapped);
    if (mapped && inner && innerTable) bind(n, { table: innerTable, name: inner.name });
    else bind(n, { table: t });
  });
}

/** Plans one SELECT (no union). */
export function planSelect(ctx: SimContext, sel: Node, parent: Scope | null, extra: ExtraPred[] = [], top = false): Plan {
  // Spec E.5 step 1: dual-only and computable in vtgate ⇒ no route.
  if (top && isDualOnly(sel) && !sel.where && !sel.groupby && !sel.having && !sel.orderby && !hasLimit(sel) && extra.length === 0) {
    const cols = (Array.isArray(sel.columns) ? sel.columns : []) as Node[];
    if (cols.every((c) => isComputableInVtgate(c.expr))) return planOf([], null, false);
  }
  // Step 2: SQL_CALC_FOUND_ROWS with LIMIT ⇒ the query and a count query, both planned.
  if (top && selectOptions(sel).includes('SQL_CALC_FOUND_ROWS') && hasLimit(sel)) {
    const plain = { ...sel, options: selectOptions(sel).filter((o) => o !== 'SQL_CALC_FOUND_ROWS') };
    const a = planSelect(ctx, plain, null, extra, true);
    const b = planSelect(ctx, { ...plain, limit: null, orderby: null }, null, extra, true);
    return { routes: [...a.routes, ...b.routes], single: null, extra: [...a.extra, ...b.extra], pushdown: false };
  }
  // Step 3: unsharded shortcut.
  if (top) {
    const ks = unshardedShortcut(ctx, sel);
    if (ks) {
      const r: RouteOp = { tables: [], preds: [], routing: { type: 'anyshard', keyspace: ks, sharded: false }, vtgateWork: false };
      return planOf([r], r, true);
    }
  }
  return planOperators(ctx, sel, parent, extra);
}

const NO_CTE: ReadonlyMap<string, Node> = new Map();

function planOperators(ctx: SimContext, sel: Node, parent: Scope | null, extra: ExtraPred[]): Plan {
  const withs = (sel.with as Node[] | null) ?? [];
  const cte = withs.length ? new Map<string, Node>() : NO_CTE;
  for (const w of withs) {
    // WITH RECURSIVE: vtgate v18 does not plan recursive CTEs.
    if (w.recursive) throw new PlanError('VT12001: unsupported: recursive common table expression');
    (cte as Map<string, Node>).set(String(w.name?.value ?? w.name).toLowerCase(), subqueryAst(w.stmt));
  }

  const scope: Scope = { tables: [], parent };
  const fromList = sel.from === null || sel.from === undefined ? [{ type: 'dual' }] : Array.isArray(sel.from) ? (sel.from as Node[]) : [sel.from as Node];
  const items = fromList.map((e) => resolveFrom(ctx, e, cte, scope));
  if (items.length === 0) items.push(resolveFrom(ctx, { type: 'dual' }, cte, scope));

  // WHERE (and HAVING of a non-aggregating query) terms, plus pushed-in predicates of derived tables.
  const where: Node[] = [...splitAnd(sel.where)];
  const aggregating = !!sel.groupby || (Array.isArray(sel.columns) && (sel.columns as Node[]).some((c) => isAggregate(c.expr)));
  if (sel.having && !aggregating) where.push(...splitAnd(sel.having));
  for (const mk of extra) {
    const p = mk(outputColumns(sel));
    if (p) where.push(...splitAnd(p));
  }

  // Plan derived tables first, with the outer predicates that only reference them pushed inside.
  const flat = flatItems(items);
  for (const t of derivedTables(flat)) {
    const pushed: ExtraPred[] = [];
    for (const term of where) {
      if (subqueriesIn(term).length) continue;
      const cols = columnsIn(term);
      if (cols.length === 0) continue;
      const owners = cols.map((c) => resolveColumn(scope, c)?.table);
      if (!owners.every((o) => o === t)) continue;
      pushed.push((branchCols) => rewriteForDerived(term, t, branchCols));
    }
    const innerAst = t.derived!.ast;
    const plan = planQuery(ctx, innerAst, null, pushed);
    const mergeable = !!plan.single && !plan.single.vtgateWork;
    const columns = new Map<string, Node | null>();
    const firstSel = innerAst._next ? innerAst : innerAst;
    for (const c of outputColumns(firstSel)) if (c.name) columns.set(c.name, unwrapMinMax(c.expr));
    // A derived query that only projects and joins lets outer predicates reach its routes.
    const transparent = !innerAst._next && !hasLimit(innerAst) && !innerAst.groupby && !innerAst.distinct &&
      !outputColumns(innerAst).some((c) => isAggregate(c.expr));
    t.derived = { ast: innerAst, columns, plan, mergeable, transparent };
  }

  // Bind columns to tables, then build one unit per FROM item.
  for (const term of where) bindOwners(term, scope);
  for (const it of flat) if (it.on) bindOwners(it.on, scope);
  for (const c of (Array.isArray(sel.columns) ? sel.columns : []) as Node[]) bindOwners(c.expr, scope);
  bindOwners(sel.groupby, scope);
  bindOwners(sel.orderby, scope);
  if (aggregating) bindOwners(sel.having, scope);

  const subqueryTerms: Node[] = [];
  const plainTerms: Node[] = [];
  const nested = mayNest(sel);
  for (const term of where) (nested && subqueriesIn(term).length ? subqueryTerms : plainTerms).push(term);
  for (const it of nested ? flat : []) {
    if (!it.on || !subqueriesIn(it.on).length) continue;
    const keep: Node[] = [];
    for (const t of splitAnd(it.on)) (subqueriesIn(t).length ? subqueryTerms : keep).push(t);
    it.on = keep.length ? keep.reduce((a, b) => ({ type: 'binary_expr', operator: 'AND', left: a, right: b })) : null;
  }

  let unit = solveItems(ctx, items, plainTerms);

  // Subqueries of WHERE (top level AND terms), then of the select list, HAVING, ORDER BY.
  let subCounter = 0;
  for (const term of subqueryTerms) unit = planSubqueryTerm(ctx, unit, term, scope, true, () => `__sq${++subCounter}`);
  const others: Node[] = [];
  if (nested) {
    for (const c of (Array.isArray(sel.columns) ? sel.columns : []) as Node[]) others.push(c.expr);
    if (sel.having && aggregating) others.push(sel.having);
    for (const o of (sel.orderby as Node[] | null) ?? []) others.push(o.expr);
  }
  for (const e of others) {
    for (const sq of subqueriesIn(e)) {
      bindOwners(e, scope);
      unit = planSubqueryTerm(ctx, unit, wrapSubquery(sq), scope, false, () => `__sq${++subCounter}`);
    }
  }

  // Horizon: decides whether vtgate does work above a single route (spec E.5.6).
  if (unit.single) {
    const work = horizonNeedsVtgate(sel, unit.single);
    const r = { ...unit.single, vtgateWork: work };
    unit = { ...unit, routes: unit.routes.map((x) => (x === unit.single ? r : x)), single: r };
  }
  const single = unit.single && !unit.single.vtgateWork && unit.routes.length === 1 ? unit.single : null;
  return { routes: unit.routes, single, extra: [], pushdown: !!single };
}

/**
 * False when the statement provably has no subquery: its text has a single SELECT keyword (known
 * for top-level statements only; anything else is scanned).
 */
function mayNest(sel: Node): boolean {
  const n = selectKeywordsOf(sel);
  return n === undefined || n > 1;
}

/** The derived tables (and views, CTEs) among the FROM items. */
function derivedTables(flat: readonly FromItem[]): QTable[] {
  const out: QTable[] = [];
  for (const i of flat) for (const t of i.tables) if (t.derived) out.push(t);
  return out;
}

function flatItems(items: FromItem[]): FromItem[] {
  if (!items.some((i) => i.nested)) return items;
  return items.flatMap((i) => (i.nested ? [i, ...flatItems(i.nested)] : [i]));
}

/** Resolves one FROM entry: a table, a derived table (planned later), a CTE, a view or a nested join. */
function resolveFrom(ctx: SimContext, e: Node, cte: ReadonlyMap<string, Node>, scope: Scope): FromItem {
  const join = (e.join as string | undefined) ?? null;
  const on = (e.on as Node | undefined) ?? null;
  if (e.type === 'dual') {
    const t = resolveTable(ctx, null, 'dual', null);
    scope.tables.push(t);
    return { entry: e, tables: [t], join, on };
  }
  if (Array.isArray(e.expr)) {
    const nested = (e.expr as Node[]).map((x) => resolveFrom(ctx, x, cte, scope));
    return { entry: e, tables: [], join, on, nested };
  }
  if (e.expr && isSubquery(e.expr)) return derivedItem(e, subqueryAst(e.expr), String(e.as ?? ''), join, on, scope);
  if (e.expr) throw new PlanError('unsupported: table expression in FROM');
  const name = String(e.table).replace(/``/g, '`');
  const alias = e.as ? String(e.as) : null;
  if (!e.db && cte.has(name.toLowerCase())) return derivedItem(e, cte.get(name.toLowerCase())!, alias ?? name, join, on, scope);
  const view = ctx.views.get(e.db ? `${e.db}.${name}` : name);
  if (view) return derivedItem(e, view as unknown as Node, alias ?? name, join, on, scope);
  const t = resolveTable(ctx, e.db ?? null, name, alias);
  scope.tables.push(t);
  return { entry: e, tables: [t], join, on };
}

function derivedItem(e: Node, ast: Node, alias: string, join: string | null, on: Node | null, scope: Scope): FromItem {
  const columns = new Map<string, Node | null>();
  for (const c of outputColumns(ast)) if (c.name) columns.set(c.name, null);
  const t: QTable = {
    id: newTableId(), alias, name: alias, keyspace: '', kind: 'derived', ks: null, vtable: null, viaRule: false,
    derived: { ast, columns, plan: null, mergeable: false },
  };
  scope.tables.push(t);
  return { entry: e, tables: [t], join, on };
}

/** Rewrites an outer predicate on derived table `t` into the branch's own expressions. */
function rewriteForDerived(term: Node, t: QTable, branchCols: Array<{ name: string | null; expr: Node }>): Node | null {
  const star = branchCols.some((c) => c.name === null);
  let ok = true;
  const rewrite = (n: unknown): unknown => {
    if (!n || typeof n !== 'object') return n;
    if (Array.isArray(n)) return n.map(rewrite);
    const o = n as Node;
    if (o.type === 'column_ref' && marks.has(o)) {
      const c = asColumn(o)!;
      const hit = branchCols.find((b) => b.name === c.name);
      if (hit) return cloneNode(hit.expr);
      if (star) return { type: 'column_ref', table: null, column: c.name };
      ok = false;
      return o;
    }
    const out: Node = {};
    for (const [k, v] of Object.entries(o)) out[k] = rewrite(v);
    return out;
  };
  // Owners were not bound yet when this runs (derived tables are planned first): bind to `t` by name.
  const marked = cloneNode(term);
  const marks = new Set<Node>();
  walk(marked, (n) => {
    if (n.type === 'column_ref') marks.add(n);
  });
  const res = rewrite(marked) as Node;
  return ok ? res : null;
}
