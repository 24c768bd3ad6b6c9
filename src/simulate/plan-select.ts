/**
 * SELECT planning in the order of spec E.5 (vitessio/vitess go/vt/vtgate/planbuilder/select.go and
 * operators/query_planning.go): dual-only statements, SQL_CALC_FOUND_ROWS, the unsharded shortcut,
 * then one route per table, greedy joins (route_planning.go), derived tables, subqueries
 * (subquery_planning.go), unions (union_merging.go) and the horizon (pushdown).
 */
import {
  type Node,
  asColumn,
  bind,
  boundTable,
  cloneNode,
  columnsIn,
  fnName,
  isAggregate,
  isSubquery,
  skipKey,
  splitAnd,
  subqueriesIn,
  subqueryAst,
  selectKeywordsOf,
  tableListOf,
  walk,
} from './ast.js';
import type { SimContext } from './context.js';
import { newTableId, peekTable, resolveTable } from './resolve-table.js';
import {
  isSingleShard,
  reroute,
  tableRoute,
  tryMergeRoutes,
  uniqueVindexOf,
  withPreds,
  hasUniqueVindexJoin,
  MERGE_BY_PREDICATE,
  sameValues,
  toAlternate,
} from './route-ops.js';
import { type Scope, resolveColumn } from './scope.js';
import { PlanError, type Plan, type QTable, type RouteOp, type Routing, routingVariant, variantCost } from './types.js';
import type { OwnerOf } from './vindex-options.js';
import { isComputableInVtgate } from './vtgate-eval.js';

/** Column ownership comes from annotations made when a predicate is bound to its scope. */
export const ownerOf: OwnerOf = (c) => boundTable<QTable>(c) ?? null;

/** A predicate to push into a derived query, built per branch from the branch's select expressions. */
export type ExtraPred = (columns: Array<{ name: string | null; expr: Node }>) => Node | null;

/** One unit of join planning: a plan plus the QTable ids whose columns live in it. */
interface Unit {
  routes: RouteOp[];
  single: RouteOp | null;
  ids: Set<number>;
}

const planOf = (routes: RouteOp[], single: RouteOp | null, pushdown: boolean): Plan => ({ routes, single, extra: [], pushdown });

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

/** Output columns of a SELECT (name, expression); `*` gives a null name. */
function outputColumns(sel: Node): Array<{ name: string | null; expr: Node }> {
  const cols = (sel.columns as Node[] | '*') ?? [];
  if (cols === '*' || !Array.isArray(cols)) return [{ name: null, expr: { type: 'column_ref', table: null, column: '*' } }];
  return cols.map((c) => {
    const alias = typeof c.as === 'string' ? c.as : c.as?.value ?? null;
    const col = asColumn(c.expr);
    return { name: (alias ?? col?.name ?? null)?.toLowerCase() ?? null, expr: c.expr };
  });
}

/** For derived tables: MAX(col)/MIN(col) stand for col when matching vindex columns (spec E.5.2). */
function unwrapMinMax(e: Node): Node {
  if (e?.type === 'aggr_func' && /^(MAX|MIN)$/i.test(e.name) && e.args?.expr && asColumn(e.args.expr)) return e.args.expr;
  return e;
}

/** True for a SELECT that is only `dual` (or no FROM). */
function isDualOnly(sel: Node): boolean {
  const from = sel.from as Node[] | null;
  if (!from || from.length === 0) return true;
  return from.length === 1 && (from[0]!.type === 'dual' || (from[0]!.table?.toLowerCase() === 'dual' && !from[0]!.db));
}

function hasLimit(sel: Node): boolean {
  return !!sel.limit && Array.isArray(sel.limit.value) && sel.limit.value.length > 0;
}

function selectOptions(sel: Node): string[] {
  return ((sel.options as unknown[]) ?? []).map((o) => String(o).toUpperCase());
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

/** Collects every table reference of a statement (subqueries and derived tables included). */
function collectTableRefs(ast: Node, cte: Set<string>, out: Array<{ db: string | null; table: string }>): void {
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as Node;
    const withNames = new Set(cte);
    for (const w of (o.with as Node[] | null) ?? []) withNames.add(String(w.name?.value ?? w.name).toLowerCase());
    if (Array.isArray(o.from)) {
      for (const f of o.from as Node[]) {
        if (f.table && !f.expr && !(f.db === null && withNames.has(String(f.table).toLowerCase()))) out.push({ db: f.db ?? null, table: f.table });
      }
    }
    if (Array.isArray(o.table) && o.type && ['update', 'delete', 'insert', 'replace'].includes(o.type)) {
      for (const f of o.table as Node[]) if (f.table) out.push({ db: f.db ?? null, table: f.table });
    }
    for (const [k, v] of Object.entries(o)) if (!skipKey(k) && v && typeof v === 'object') visit(v);
  };
  visit(ast);
}

/**
 * Spec E.5 step 3: every table of the statement in one and the same unsharded keyspace (reference
 * tables and dual skipped; sequences, information_schema, vindexes and routed tables disable it).
 * Returns that keyspace or null.
 */
export function unshardedShortcut(ctx: SimContext, ast: Node): string | null {
  const list = tableListOf(ast);
  if (!list) {
    const refs: Array<{ db: string | null; table: string }> = [];
    collectTableRefs(ast, new Set(), refs);
    return shortcutKeyspace(refs.map((r) => shortcutClass(ctx, r.db, r.table)));
  }
  // node-sql-parser's own list (`type::db::table`) covers subqueries and derived tables.
  const withs = (ast.with as Node[] | null) ?? [];
  const cte = withs.length ? new Set(withs.map((w) => String(w.name?.value ?? w.name).toLowerCase())) : null;
  const classes: ShortcutClass[] = [];
  for (const entry of list) {
    let c = ctx.shortcut.get(entry) as ShortcutClass | undefined;
    if (c === undefined) {
      const [, db, table] = entry.split('::') as [string, string, string];
      c = db === 'null' ? { cteName: table.toLowerCase(), of: shortcutClass(ctx, null, table.replace(/``/g, '`')) } : shortcutClass(ctx, db, table.replace(/``/g, '`'));
      ctx.shortcut.set(entry, c);
    }
    classes.push(typeof c === 'object' ? (cte?.has(c.cteName) ? SKIP : c.of) : c);
  }
  return shortcutKeyspace(classes);
}

/** A table's part in the unsharded shortcut: skipped, stops it, or its keyspace; for bare names, maybe a CTE. */
type ShortcutClass = typeof SKIP | typeof STOP | string | { cteName: string; of: typeof SKIP | typeof STOP | string };
const SKIP = 0;
const STOP = 1;

function shortcutClass(ctx: SimContext, db: string | null, table: string): typeof SKIP | typeof STOP | string {
  let t: QTable;
  try {
    t = peekTable(ctx, db, table, true);
  } catch {
    return STOP;
  }
  if (t.kind === 'dual' || (t.kind === 'reference' && !t.viaRule)) return SKIP;
  if (t.viaRule || t.kind !== 'unsharded' || ctx.views.has(t.name)) return STOP;
  return t.keyspace;
}

/** The one keyspace all classes name (skips ignored), or null. */
function shortcutKeyspace(classes: readonly ShortcutClass[]): string | null {
  let ks: string | null = null;
  for (const c of classes) {
    if (c === SKIP) continue;
    if (c === STOP || typeof c !== 'string' || (ks !== null && ks !== c)) return null;
    ks = c;
  }
  return ks;
}

/** A FROM entry, resolved: the QTables it introduces and how to make its unit. */
interface FromItem {
  entry: Node;
  tables: QTable[];
  join: string | null;
  on: Node | null;
  /** For a parenthesised join: its items. */
  nested?: FromItem[];
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

/** A select-list/HAVING subquery seen as a term of its own (not a top-level merge predicate). */
function wrapSubquery(sq: Node): Node {
  return { type: '__subquery_term', sq };
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

/** Makes the unit of one FROM item (table route, derived plan, nested join). */
function unitOf(ctx: SimContext, item: FromItem, terms: Node[]): Unit {
  if (item.nested) return solveItems(ctx, item.nested, terms);
  const t = item.tables[0]!;
  if (t.derived) {
    const p = t.derived.plan!;
    const ids = new Set<number>([t.id]);
    for (const r of p.routes) for (const x of r.tables) ids.add(x.id);
    if (t.derived.mergeable && p.single) return { routes: [p.single], single: p.single, ids };
    return { routes: p.routes, single: null, ids };
  }
  if (t.kind === 'vindex') return { routes: [], single: null, ids: new Set([t.id]) };
  const r = tableRoute(t);
  return { routes: [r], single: r, ids: new Set([t.id]) };
}

/** Which units a term depends on (by column owners). */
function depsOf(term: Node, units: Unit[]): number[] {
  const out = new Set<number>();
  walk(term, (n) => {
    const o = n.type === 'column_ref' ? boundTable<QTable>(n) : undefined;
    if (!o) return;
    const i = units.findIndex((u) => u.ids.has(o.id));
    if (i >= 0) out.add(i);
  });
  return [...out];
}

const isLeftJoin = (j: string | null): boolean => !!j && /LEFT|RIGHT/i.test(j);

/** True when a WHERE term rejects NULLs of the right side (turns a LEFT JOIN into an inner join). */
function nullRejecting(term: Node): boolean {
  if (term.type !== 'binary_expr') return false;
  const op = String(term.operator).toUpperCase();
  if (op === 'IS' || op === '<=>' || /^(OR|\|\|)$/.test(op)) return false;
  let fn = false;
  walk(term, (n) => {
    if (n.type === 'function' && /^(coalesce|ifnull|isnull|if|nullif)$/i.test(fnName(n))) fn = true;
  });
  return !fn;
}

/** Joins the FROM items: pushes single-unit terms, then inner joins greedily, LEFT JOINs in order. */
function solveItems(ctx: SimContext, items: FromItem[], terms: Node[]): Unit {
  // One plain FROM item: every term belongs to it (what the general path below arrives at).
  if (items.length === 1 && !items[0]!.nested) return pushInto(unitOf(ctx, items[0]!, terms), terms);
  let units = items.map((it) => unitOf(ctx, it, terms));
  // LEFT JOIN right sides: WHERE terms are only pushed when they reject NULLs (then it is an inner join).
  const leftRhs = new Set<number>();
  items.forEach((it, i) => {
    if (i > 0 && isLeftJoin(it.join)) leftRhs.add(i);
  });
  // Where the Join operators are (operators/join.go): a LEFT JOIN that a WHERE term turns into an inner
  // join (Join.MakeInner) keeps its place in the tree.
  const outerJoins = new Set(leftRhs);
  const pending: Node[] = [];
  // Terms for one unit are collected first and pushed at once: one re-routing per unit.
  const perUnit: Node[][] = units.map(() => []);
  for (const term of terms) {
    const deps = depsOf(term, units);
    if (deps.length === 1) {
      const i = deps[0]!;
      if (leftRhs.has(i)) {
        if (!nullRejecting(term)) continue;
        leftRhs.delete(i);
      }
      perUnit[i]!.push(term);
    } else if (deps.length === 0) {
      // No column of this query: constant or outer-only terms route every unit (e.g. `where false`).
      perUnit.forEach((p) => p.push(term));
    } else pending.push(term);
  }
  // ON conditions of inner joins are WHERE terms; of LEFT JOINs, join terms of that pair.
  items.forEach((it, i) => {
    if (!it.on) return;
    for (const term of splitAnd(it.on)) {
      const deps = depsOf(term, units);
      if (!leftRhs.has(i) && deps.length === 1) perUnit[deps[0]!]!.push(term);
      else if (leftRhs.has(i) && deps.length === 1 && deps[0] === i) perUnit[i]!.push(term);
      else if (deps.length >= 1) pending.push(term);
    }
  });
  units = units.map((u, i) => pushInto(u, perUnit[i]!));

  // Walk the items (operators/join.go createJoin): inner-joined ones before the first LEFT JOIN form one
  // query graph, solved greedily; a LEFT JOIN makes a Join operator, and every item after it is joined
  // to that operator in FROM order (a Join is not a query graph, so it is never re-ordered).
  let group: number[] = [];
  let acc: Unit | null = null;
  const solveGroup = (): Unit => {
    let list: Unit[] = group.map((i) => units[i]!);
    if (acc) list = [acc, ...list];
    return greedy(ctx, list, pending);
  };
  items.forEach((_, i) => {
    if (outerJoins.has(i)) {
      const lhs = solveGroup();
      group = [];
      const rhs = units[i]!;
      const between = takeTerms(pending, lhs, rhs);
      acc = combine(ctx, lhs, rhs, between);
    } else if (acc) {
      const rhs = units[i]!;
      acc = combine(ctx, acc, rhs, takeTerms(pending, acc, rhs));
    } else group.push(i);
  });
  return solveGroup();
}

/** Removes from `pending` and returns the terms whose columns are all in `a` ∪ `b` (and touch both). */
function takeTerms(pending: Node[], a: Unit, b: Unit): Node[] {
  const out: Node[] = [];
  for (let k = pending.length - 1; k >= 0; k--) {
    const deps = depsOf(pending[k]!, [a, b]);
    let all = true;
    walk(pending[k], (n) => {
      const o = n.type === 'column_ref' ? boundTable<QTable>(n) : undefined;
      if (o && !a.ids.has(o.id) && !b.ids.has(o.id)) all = false;
    });
    if (deps.length === 2 && all) out.unshift(...pending.splice(k, 1));
  }
  return out;
}


function unitCost(u: Unit): number {
  return u.routes.reduce((s, r) => s + variantCost(routingVariant(r.routing)), 0);
}

/**
 * Greedy join ordering (go/vt/vtgate/planbuilder/operators/route_planning.go greedySolve, mergeRoutes,
 * findBestJoin): over the ordered pairs (lhs, rhs) of the current plans that share a join predicate
 * (all pairs once only cross joins are left), the first pair that merges into one route wins at once;
 * otherwise the cheapest join (strictly lower total route cost; ties keep the first found). Both inputs
 * are removed and the result is appended at the end of the list, so it is scanned last next round.
 */
function greedy(ctx: SimContext, start: Unit[], pending: Node[]): Unit {
  let units = [...start];
  let crossJoinsOk = false;
  while (units.length > 1) {
    let best: { u: Unit; i: number; j: number; cost: number; terms: Node[] } | null = null;
    search: for (let i = 0; i < units.length; i++) {
      for (let j = 0; j < units.length; j++) {
        if (i === j) continue;
        const pair = [units[i]!, units[j]!];
        const joined = pending.some((p) => depsOf(p, pair).length === 2);
        if (!joined && !crossJoinsOk) continue;
        const scratch = [...pending];
        const terms = takeTerms(scratch, units[i]!, units[j]!);
        const u = combine(ctx, units[i]!, units[j]!, terms);
        if (u.single) {
          best = { u, i, j, cost: 0, terms };
          break search;
        }
        // Predicates pushed into a right side that is not a plain route (a derived table, an earlier
        // join) are planned after the join order is fixed: they do not lower the candidate's cost.
        const cost = units[j]!.single ? unitCost(u) : unitCost(units[i]!) + unitCost(units[j]!);
        if (!best || cost < best.cost) best = { u, i, j, cost, terms };
      }
    }
    if (!best) {
      crossJoinsOk = true;
      continue;
    }
    const b = best;
    for (const t of b.terms) pending.splice(pending.indexOf(t), 1);
    units = [...units.filter((_, k) => k !== b.i && k !== b.j), b.u];
  }
  return units[0]!;
}

/** Merges two units into one route when Vitess would, else an ApplyJoin with terms pushed into `rhs`. */
function combine(ctx: SimContext, lhs: Unit, rhs: Unit, terms: Node[]): Unit {
  const ids = new Set([...lhs.ids, ...rhs.ids]);
  if (lhs.single && rhs.single) {
    const m = tryMergeRoutes(ctx, lhs.single, rhs.single, terms, ownerOf);
    if (m) return { routes: [m], single: m, ids };
  }
  const pushed = pushInto(rhs, terms);
  return { routes: [...lhs.routes, ...pushed.routes], single: null, ids };
}

/** Pushes terms into the route of `u` that owns their columns (all, for a single route). */
function pushInto(u: Unit, terms: Node[]): Unit {
  if (terms.length === 0 || u.routes.length === 0) return u;
  if (u.single) {
    const r = withPreds(u.single, terms, ownerOf);
    return { ...u, routes: u.routes.map((x) => (x === u.single ? r : x)), single: r };
  }
  let routes = [...u.routes];
  for (const term of terms) {
    const idx = routes.findIndex((r) => {
      let hit = false;
      walk(term, (n) => {
        const o = n.type === 'column_ref' ? boundTable<QTable>(n) : undefined;
        if (o && r.tables.some((t) => t.id === o.id)) hit = true;
      });
      return hit;
    });
    if (idx >= 0) routes = routes.map((r, k) => (k === idx ? withPreds(r, [term], ownerOf) : r));
  }
  return { ...u, routes };
}

/** The single column a subquery selects, looking through `select *` of a derived table. */
function selectedColumn(sel: Node): Node | null {
  const cols = outputColumns(sel);
  if (cols.length !== 1) return null;
  if (cols[0]!.name !== null) return asColumn(cols[0]!.expr) ? cols[0]!.expr : null;
  const from = Array.isArray(sel.from) ? (sel.from as Node[]) : [];
  if (from.length === 1 && from[0]!.expr && isSubquery(from[0]!.expr)) return selectedColumn(subqueryAst(from[0]!.expr));
  return null;
}

/**
 * Kinds of subquery terms (operators/subquery_builder.go): `x IN (sq)` (PulloutIn), `x NOT IN (sq)`
 * (PulloutNotIn), `x = (sq)` (PulloutValue), `EXISTS (sq)` / `NOT EXISTS (sq)` (PulloutExists), other.
 */
interface SubqueryTerm {
  sq: Node;
  /** `x IN (sq)` / `x NOT IN (sq)` / `x = (sq)`: the outer expression compared with the subquery's column. */
  outerExpr: Node | null;
  kind: 'in' | 'notin' | 'eq' | 'exists' | 'other';
}

/** The subquery of an EXISTS / NOT EXISTS node, or null. */
function existsSubquery(n: Node): Node | null {
  if (n.type === 'unary_expr' && /^NOT EXISTS$/i.test(String(n.operator)) && isSubquery(n.expr)) return n.expr as Node;
  if (n.type === 'function' && fnName(n).toLowerCase() === 'exists') {
    const a = (n.args?.value as Node[] | undefined)?.[0];
    if (a && isSubquery(a)) return a;
  }
  if (n.type === 'unary_expr' && /^NOT$/i.test(String(n.operator)) && n.expr) return existsSubquery(n.expr as Node);
  return null;
}

/**
 * The subquery of `term` and how it is used. `topLevel` when the node holding the subquery is the
 * whole WHERE term (subquery_builder.go createSubquery: original == parent); a select-list subquery
 * is its own top-level expression.
 */
function classify(term: Node): (SubqueryTerm & { topLevel: boolean }) | null {
  if (term.type === '__subquery_term') return { sq: term.sq, outerExpr: null, kind: 'other', topLevel: true };
  const sqs = subqueriesIn(term);
  if (sqs.length === 0) return null;
  const sq = sqs[0]!;
  // Find the node that holds the subquery: `x [NOT] IN (sq)`, `x = (sq)`, `[NOT] EXISTS (sq)`, anywhere in the term.
  let found: (SubqueryTerm & { node: Node }) | null = null;
  walk(term, (n) => {
    if (found) return;
    if (existsSubquery(n) === sq) {
      found = { sq, outerExpr: null, kind: 'exists', node: n };
      return;
    }
    if (n.type !== 'binary_expr') return;
    const op = String(n.operator).toUpperCase();
    const right = n.right?.type === 'expr_list' && !isSubquery(n.right) && (n.right.value as Node[]).length === 1 ? n.right.value[0] : n.right;
    if ((op === 'IN' || op === 'NOT IN') && right === sq && !isSubquery(n.left)) found = { sq, outerExpr: n.left, kind: op === 'IN' ? 'in' : 'notin', node: n };
    else if (op === '=' && n.right === sq && !isSubquery(n.left)) found = { sq, outerExpr: n.left, kind: 'eq', node: n };
    else if (op === '=' && n.left === sq && !isSubquery(n.right)) found = { sq, outerExpr: n.right, kind: 'eq', node: n };
  });
  const f = found as (SubqueryTerm & { node: Node }) | null;
  if (f) return { sq, outerExpr: f.outerExpr, kind: f.kind, topLevel: f.node === term };
  return { sq, outerExpr: null, kind: 'other', topLevel: false };
}

/** Ids of the tables of `scope` and its parents (the columns a subquery may correlate with). */
function scopeIds(scope: Scope | null): Set<number> {
  const out = new Set<number>();
  for (let s = scope; s; s = s.parent) for (const t of s.tables) out.add(t.id);
  return out;
}

/** True when the subquery references a column of an enclosing query (subquery_builder.go: correlated). */
function isCorrelated(innerAst: Node, outer: Set<number>): boolean {
  let hit = false;
  walk(innerAst, (n) => {
    if (hit || n.type !== 'column_ref') return;
    const o = boundTable<QTable>(n);
    if (o && outer.has(o.id)) hit = true;
  });
  return hit;
}

/** Correlation equalities `inner.c = outer.d` inside a subquery's WHERE (spec E.5.4 merge predicates). */
function correlations(innerAst: Node, innerScopeTables: Set<number>): Node[] {
  const out: Node[] = [];
  const ons: Node[] = [];
  const from = Array.isArray(innerAst.from) ? (innerAst.from as Node[]) : innerAst.from ? [innerAst.from as Node] : [];
  const collectOn = (list: Node[]): void => list.forEach((f) => {
    if (f.on) ons.push(...splitAnd(f.on));
    if (Array.isArray(f.expr)) collectOn(f.expr as Node[]);
  });
  collectOn(from);
  for (const t of [...splitAnd(innerAst.where), ...ons]) {
    if (t.type !== 'binary_expr' || t.operator !== '=' || !asColumn(t.left) || !asColumn(t.right)) continue;
    const l = boundTable<QTable>(t.left);
    const r = boundTable<QTable>(t.right);
    if (!l || !r) continue;
    if (innerScopeTables.has(l.id) !== innerScopeTables.has(r.id)) out.push(t);
  }
  return out;
}

/**
 * Plans the subquery of `term` against the outer unit: merged into an outer route when Vitess
 * would (spec E.5.4), else pulled out (its routes added, the outer re-routed by `IN ::__sq`).
 */
function planSubqueryTerm(ctx: SimContext, outer: Unit, term: Node, scope: Scope, isWhereTerm: boolean, nextName: () => string): Unit {
  const st = classify(term);
  if (!st) return outer;
  const topLevel = isWhereTerm && st.topLevel;
  const innerAst = subqueryAst(st.sq);
  const innerPlan = planQuery(ctx, innerAst, scope);
  const innerIds = new Set<number>();
  for (const r of innerPlan.routes) for (const t of r.tables) innerIds.add(t.id);
  const corr = innerAst._next ? [] : correlations(innerAst, innerIds);

  // Merge predicate of IN / NOT IN / = forms: outer expression = the subquery's first selected column.
  const mergePreds: Node[] = [...corr];
  if ((st.kind === 'in' || st.kind === 'notin' || st.kind === 'eq') && !innerAst._next) {
    const c = selectedColumn(innerAst);
    if (c && asColumn(c) && asColumn(st.outerExpr)) mergePreds.push({ type: 'binary_expr', operator: '=', left: st.outerExpr, right: c });
  }

  // Which outer route to merge with: the one owning the correlated/compared outer columns.
  const outerIdx = (() => {
    if (outer.single) return 0;
    for (const p of mergePreds) {
      for (const side of [p.left, p.right]) {
        const o = boundTable<QTable>(side);
        if (!o || innerIds.has(o.id)) continue;
        const k = outer.routes.findIndex((r) => r.tables.some((t) => t.id === o.id));
        if (k >= 0) return k;
      }
    }
    return -1;
  })();
  const inner = innerPlan.single;
  const candidates = outerIdx >= 0 ? [outerIdx] : outer.routes.map((_, k) => k);
  for (const k of inner ? candidates : []) {
    const merged = mergeSubquery(ctx, outer.routes[k]!, inner!, mergePreds, topLevel);
    if (merged) {
      const routes = outer.routes.map((r, x) => (x === k ? merged : r));
      return { routes, single: outer.single ? merged : null, ids: new Set([...outer.ids, ...innerIds]) };
    }
  }
  // Not merged: vtgate runs it apart (SubQuery.settle, operators/subquery.go), which a correlated
  // subquery only allows as a top-level EXISTS.
  if (isCorrelated(innerAst, scopeIds(scope))) {
    if (!topLevel && isWhereTerm) throw new PlanError('VT12001: unsupported: unmergable subquery can not be inside complex expression');
    if (st.kind !== 'exists') throw new PlanError('VT12001: unsupported: correlated subquery is only supported for EXISTS');
  }
  // Pull out: inner routes run first; the outer route gets `x IN ::__sqN` / `x = :__sqN`.
  let next: Unit = { ...outer, routes: [...outer.routes, ...innerPlan.routes], ids: outer.ids };
  if ((st.kind === 'in' || st.kind === 'eq') && st.outerExpr && asColumn(st.outerExpr) && topLevel) {
    const name = nextName();
    const pred: Node =
      st.kind === 'in'
        ? { type: 'binary_expr', operator: 'IN', left: st.outerExpr, right: { type: 'param', value: name } }
        : { type: 'binary_expr', operator: '=', left: st.outerExpr, right: { type: 'param', value: name } };
    const base: Unit = { ...outer };
    const pushed = pushInto(base, [pred]);
    next = { ...pushed, routes: [...pushed.routes, ...innerPlan.routes] };
  }
  return { ...next, single: null };
}

/** E.5.4 merge rules (inner vs outer); returns the merged outer route or null. */
function mergeSubquery(ctx: SimContext, outerR: RouteOp, inner: RouteOp, mergePreds: Node[], topLevel: boolean): RouteOp | null {
  const O = outerR.routing;
  const I = inner.routing;
  const combineWith = (routing: Routing, replan: boolean): RouteOp => {
    const preds = topLevel ? [...outerR.preds, ...inner.preds] : outerR.preds;
    const r: RouteOp = { tables: [...outerR.tables, ...inner.tables], preds, routing, vtgateWork: false };
    return replan ? reroute(r, ownerOf) : r;
  };
  if (I.type === 'dual') return combineWith(O, false);
  if (I.type === 'dba' && O.type === 'dba') return combineWith(O, false);
  if (I.type === 'anyshard' && toAlternate(ctx, inner, O.keyspace)) return combineWith(O, false);
  if (isNone(I) && I.keyspace === O.keyspace) return combineWith(topLevel ? { type: 'none', keyspace: I.keyspace } : O, false);
  if (isNone(O) && O.keyspace === I.keyspace) return combineWith(O, false);
  if (isSingleShard(I) && (O.type === 'dual' || (O.type === 'anyshard' && O.keyspace === I.keyspace))) return combineWith(I, false);
  if (isSingleShard(I) && O.type === 'anyshard' && toAlternate(ctx, outerR, I.keyspace)) return combineWith(I, false);
  if (O.type === 'sharded' && I.type === 'sharded' && O.keyspace === I.keyspace) {
    if (I.none) return combineWith(topLevel ? { ...O, none: true } : O, false);
    const vo = routingVariant(O);
    const vi = routingVariant(I);
    const sameEU = vo === 'EqualUnique' && vi === 'EqualUnique' && O.option && I.option && O.option.vindex.name === I.option.vindex.name && sameValues(O.option, I.option);
    const byPred = MERGE_BY_PREDICATE.has(vi) && hasUniqueVindexJoin(inner, outerR, mergePreds, ownerOf);
    // A subquery that is not a top-level AND term keeps the outer route's routing (spec E.5.4).
    if (sameEU || byPred) return topLevel ? combineWith(O, true) : combineWith(O, false);
  }
  return null;
}

/** True when vtgate must do work above a route (spec E.5.6). */
function horizonNeedsVtgate(sel: Node, r: RouteOp): boolean {
  if (isSingleShard(r.routing) || routingVariant(r.routing) === 'None') return false;
  if (hasLimit(sel)) return true;
  const cols = (Array.isArray(sel.columns) ? sel.columns : []) as Node[];
  const groupCols = ((sel.groupby?.columns ?? sel.groupby) as Node[] | null) ?? [];
  const uniqueGroup = Array.isArray(groupCols) && groupCols.some((g) => {
    const c = asColumn(g);
    const o = boundTable<QTable>(g);
    return !!c && !!o && !!uniqueVindexOf(o, c.name);
  });
  if (Array.isArray(groupCols) && groupCols.length > 0 && !uniqueGroup) return true;
  const agg = cols.some((c) => isAggregate(c.expr)) || (!!sel.having && isAggregate(sel.having));
  if (agg && !uniqueGroup) return true;
  if (sel.distinct) {
    const distinctUnique = cols.some((c) => {
      const col = asColumn(c.expr);
      const o = boundTable<QTable>(c.expr);
      return !!col && !!o && !!uniqueVindexOf(o, col.name);
    });
    if (!distinctUnique && !uniqueGroup) return true;
  }
  if (((sel.orderby as Node[] | null) ?? []).some((o) => isAggregate(o.expr)) && !uniqueGroup) return true;
  return false;
}

/**
 * A routing that reaches no shard: NoneRouting, or a sharded route made None by a comparison with
 * NULL or a constant false (operators/sharded_routing.go gives NoneRouting for both).
 */
function isNone(r: Routing): boolean {
  return r.type === 'none' || (r.type === 'sharded' && r.none);
}

/** UNION planning (spec E.5.5). */
function planUnion(ctx: SimContext, ast: Node, parent: Scope | null, extra: ExtraPred[], top: boolean): Plan {
  const branches: Node[] = [];
  const ops: string[] = [];
  for (let n: Node | null = ast; n; n = n._next ?? null) {
    branches.push({ ...n, _next: null, set_op: null });
    if (n._next) ops.push(String(n.set_op ?? 'union').toLowerCase());
  }
  const all = ops.every((o) => o.includes('all'));
  if (top) {
    const ks = unshardedShortcut(ctx, ast);
    if (ks) {
      const r: RouteOp = { tables: [], preds: [], routing: { type: 'anyshard', keyspace: ks, sharded: false }, vtgateWork: false };
      return planOf([r], r, true);
    }
  }
  const plans = branches.map((b) => {
    // ORDER BY without LIMIT inside a branch is dropped.
    const bb = hasLimit(b) ? b : { ...b, orderby: null };
    return planSelect(ctx, bb, parent, extra);
  });
  // Each entry: a group of merged branches (a route) or an unmergeable branch plan.
  let groups: Array<{ single: RouteOp | null; routes: RouteOp[] }> = plans.map((p) => ({ single: p.single, routes: p.routes }));
  const mergePair = (a: RouteOp, b: RouteOp): RouteOp | null => unionMerge(ctx, a, b);
  let changed = true;
  while (changed) {
    changed = false;
    outer: for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        if (all && j !== i + 1) break;
        const a = groups[i]!.single;
        const b = groups[j]!.single;
        if (!a || !b) continue;
        const m = mergePair(a, b);
        if (!m) continue;
        groups = [...groups.slice(0, i), { single: m, routes: [m] }, ...groups.slice(i + 1, j), ...groups.slice(j + 1)];
        changed = true;
        break outer;
      }
    }
  }
  const routes = groups.flatMap((g) => g.routes);
  if (groups.length === 1 && groups[0]!.single) {
    const r = groups[0]!.single;
    const limit = hasLimit(ast) && !isSingleShard(r.routing);
    const distinctMulti = !all && !isSingleShard(r.routing) && routingVariant(r.routing) !== 'None';
    const work = limit || distinctMulti;
    const rr = { ...r, vtgateWork: work };
    return { routes: [rr], single: work ? null : rr, extra: [], pushdown: !work };
  }
  return { routes, single: null, extra: [], pushdown: false };
}

function unionMerge(ctx: SimContext, a: RouteOp, b: RouteOp): RouteOp | null {
  const A = a.routing;
  const B = b.routing;
  const join = (routing: Routing): RouteOp => ({ tables: [...a.tables, ...b.tables], preds: [], routing, vtgateWork: false });
  // operators/union_merging.go mergeUnionInputs, in its order: dual or any-shard on the right, on the left, then None.
  const anyShardIn = (x: RouteOp, ks: string): boolean => x.routing.type === 'anyshard' && (x.routing.keyspace === ks || !!toAlternate(ctx, x, ks));
  if (B.type === 'dual' || anyShardIn(b, A.keyspace)) return join(A);
  if (A.type === 'dual' || anyShardIn(a, B.keyspace)) return join(B);
  if (isNone(A)) return join(B);
  if (isNone(B)) return join(A);
  if (A.type === 'anyshard' || B.type === 'anyshard') {
    const [any, other] = A.type === 'anyshard' ? [a, b] : [b, a];
    const alt = toAlternate(ctx, any, other.routing.keyspace);
    if (alt) return join(other.routing);
    return null;
  }
  if (A.type === 'sharded' && B.type === 'sharded' && A.keyspace === B.keyspace) {
    const va = routingVariant(A);
    const vb = routingVariant(B);
    if (va === 'Scatter' || vb === 'Scatter') return join({ ...A, option: null, none: false });
    if (va === 'EqualUnique' && vb === 'EqualUnique' && A.option && B.option && A.option.vindex.name === B.option.vindex.name && sameValues(A.option, B.option)) return join(A);
  }
  if (A.type === 'dba' && B.type === 'dba') return join(A);
  return null;
}
