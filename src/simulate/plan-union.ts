/**
 * UNION planning (go/vt/vtgate/planbuilder/operators/union_merging.go mergeUnionInputs, query_planning.go
 * tryPushUnion; spec E.5.5).
 */
import type { Node } from './ast.js';
import type { SimContext } from './context.js';
import type { ExtraPred } from './plan-select.js';
import { planSelect } from './plan-select.js';
import { unshardedShortcut } from './plan-shortcut.js';
import { isNone, isSingleShard, sameValues, toAlternate } from './route-ops.js';
import type { Scope } from './scope.js';
import { hasLimit, planOf } from './select-ast.js';
import { type Plan, type RouteOp, type Routing, routingVariant } from './types.js';

/** UNION planning (spec E.5.5). */
export function planUnion(ctx: SimContext, ast: Node, parent: Scope | null, extra: ExtraPred[], top: boolean): Plan {
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

