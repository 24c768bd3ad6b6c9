/**
 * Subqueries (go/vt/vtgate/planbuilder/operators/subquery_builder.go, subquery_planning.go, subquery.go
 * settle): merged into an outer route when Vitess would, else pulled out and run first.
 */
import { type Node, asColumn, boundTable, fnName, isSubquery, splitAnd, subqueriesIn, subqueryAst, walk } from './ast.js';
import type { SimContext } from './context.js';
import { type Unit, pushInto } from './plan-joins.js';
import { ownerOf, planQuery } from './plan-select.js';
import { MERGE_BY_PREDICATE, hasUniqueVindexJoin, isNone, isSingleShard, reroute, sameValues, toAlternate } from './route-ops.js';
import type { Scope } from './scope.js';
import { outputColumns } from './select-ast.js';
import { PlanError, type QTable, type RouteOp, type Routing, routingVariant } from './types.js';

/** A select-list/HAVING subquery seen as a term of its own (not a top-level merge predicate). */
export function wrapSubquery(sq: Node): Node {
  return { type: '__subquery_term', sq };
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
export function planSubqueryTerm(ctx: SimContext, outer: Unit, term: Node, scope: Scope, isWhereTerm: boolean, nextName: () => string): Unit {
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

