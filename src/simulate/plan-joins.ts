/**
 * Join planning (go/vt/vtgate/planbuilder/operators/route_planning.go greedySolve / mergeRoutes /
 * findBestJoin, join.go createJoin / MakeInner, join_merging.go): one unit per FROM item, predicates
 * pushed to the units they name, inner joins solved greedily, outer joins in FROM order.
 */
import { type Node, boundTable, fnName, splitAnd, walk } from './ast.js';
import type { SimContext } from './context.js';
import { tableRoute, tryMergeRoutes, withPreds } from './route-ops.js';
import { type QTable, type RouteOp, routingVariant, variantCost } from './types.js';
import { ownerOf } from './plan-select.js';

/** One unit of join planning: a plan plus the QTable ids whose columns live in it. */
export interface Unit {
  routes: RouteOp[];
  single: RouteOp | null;
  ids: Set<number>;
}

/** A FROM entry, resolved: the QTables it introduces and how to make its unit. */
export interface FromItem {
  entry: Node;
  tables: QTable[];
  join: string | null;
  on: Node | null;
  /** For a parenthesised join: its items. */
  nested?: FromItem[];
}


/** Makes the unit of one FROM item (table route, derived plan, nested join). */
export function unitOf(ctx: SimContext, item: FromItem, terms: Node[]): Unit {
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
export function depsOf(term: Node, units: Unit[]): number[] {
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
export function solveItems(ctx: SimContext, items: FromItem[], terms: Node[]): Unit {
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
export function pushInto(u: Unit, terms: Node[]): Unit {
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

