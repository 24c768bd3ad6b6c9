/**
 * The horizon (go/vt/vtgate/planbuilder/operators/horizon_planning.go, aggregation_pushing.go): never adds
 * routes; decides whether vtgate does work above a single route (spec E.5.6).
 */
import { type Node, asColumn, boundTable, isAggregate } from './ast.js';
import { isSingleShard, uniqueVindexOf } from './route-ops.js';
import { hasLimit } from './select-ast.js';
import { type QTable, type RouteOp, routingVariant } from './types.js';

/** True when vtgate must do work above a route (spec E.5.6). */
export function horizonNeedsVtgate(sel: Node, r: RouteOp): boolean {
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

