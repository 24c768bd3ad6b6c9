/**
 * Building and re-routing route operators: a table's initial routing (spec E.3), routing
 * recomputed from predicates (E.4), and the merge rules for joins (E.5.2; vitessio/vitess
 * go/vt/vtgate/planbuilder/operators/join_merging.go).
 */
import { findVindexType } from '../vindexes/registry.js';
import { vindexSpecs } from './vtable-info.js';
import { type Node, asColumn, splitAndAll } from './ast.js';
import type { SimContext } from './context.js';
import { isConstantFalse } from './predicates.js';
import { referenceAlternates } from './resolve-table.js';
import type { QTable, RouteOp, Routing, VindexOption } from './types.js';
import { routingVariant } from './types.js';
import { type OwnerOf, analyzeRoute } from './vindex-options.js';
import { goHexDecode } from '../vindexes/go-errors.js';

/** The routing a lone table starts with (ops/route.go createRoutingForVTable). */
export function initialRouting(t: QTable): Routing {
  switch (t.kind) {
    case 'dual':
      return { type: 'dual', keyspace: t.keyspace };
    case 'dba':
      return { type: 'dba', keyspace: t.keyspace };
    case 'targeted':
      return { type: 'targeted', keyspace: t.keyspace };
    case 'sequence':
      return t.ks?.sharded ? { type: 'sharded', keyspace: t.keyspace, option: null, none: false } : { type: 'anyshard', keyspace: t.keyspace, sharded: false };
    case 'reference':
    case 'unsharded':
      return { type: 'anyshard', keyspace: t.keyspace, sharded: !!t.ks?.sharded };
    default:
      return { type: 'sharded', keyspace: t.keyspace, option: pinnedOption(t), none: false };
  }
}

/** A pinned table routes EqualUnique to its pinned keyspace id (binary vindex). */
function pinnedOption(t: QTable): VindexOption | null {
  const pin = t.vtable?.pinned;
  if (!pin || typeof goHexDecode(pin) === 'string') return null;
  const type = findVindexType('binary')!;
  return {
    variant: 'EqualUnique', table: t, type, unique: true, cost: 0, position: -1,
    vindex: { name: 'binary', type: 'binary', params: {}, owner: '', loc: t.vtable!.loc, paramLocs: {} },
    values: [{ kind: 'lit', text: pin, type: 'hex' }],
  };
}

/** The pinned option of the first pinned sharded table, or null. */
function firstPinned(tables: readonly QTable[]): VindexOption | null {
  for (const t of tables) {
    const p = t.kind === 'sharded' && t.vtable?.pinned ? pinnedOption(t) : null;
    if (p) return p;
  }
  return null;
}

/** A new route for one table. */
export function tableRoute(t: QTable): RouteOp {
  return { tables: [t], preds: [], routing: initialRouting(t), vtgateWork: false };
}

/** Recomputes a route's routing from its tables and predicates. Returns a new RouteOp. */
export function reroute(r: RouteOp, ownerOf: OwnerOf): RouteOp {
  const routing = r.routing;
  if (routing.type === 'sharded') {
    const a = analyzeRoute(r.tables, r.preds, ownerOf);
    const option = a.option ?? firstPinned(r.tables);
    return { ...r, routing: { ...routing, option, none: a.none } };
  }
  if ((routing.type === 'anyshard' || routing.type === 'dual' || routing.type === 'dba') && splitAndAll(r.preds).some(isConstantFalse)) {
    return { ...r, routing: { type: 'none', keyspace: routing.keyspace } };
  }
  return r;
}

/** Adds predicates to a route and reroutes it. */
export function withPreds(r: RouteOp, preds: Node[], ownerOf: OwnerOf): RouteOp {
  if (preds.length === 0) return r;
  return reroute({ ...r, preds: [...r.preds, ...preds] }, ownerOf);
}

const SINGLE_SHARD: ReadonlySet<string> = new Set(['Unsharded', 'DBA', 'Next', 'EqualUnique', 'Reference']);

/** Variants a route can merge with another from through a join predicate on a unique vindex (join_merging.go). */
export const MERGE_BY_PREDICATE: ReadonlySet<string> = new Set(['Scatter', 'IN', 'None', 'EqualUnique']);

/** True for variants that hit at most one shard (engine IsSingleShard). */
export function isSingleShard(r: Routing): boolean {
  return SINGLE_SHARD.has(routingVariant(r));
}

/** The first single-column unique vindex whose first column is `col` of `t` (for join merging). */
export function uniqueVindexOf(t: QTable, col: string): string | null {
  if (!t.vtable) return null;
  for (const { type, vindex, cols } of vindexSpecs(t.ks, t.vtable)) {
    if (!type.multiColumn && cols[0] === col) return type.unique ? vindex.name : null;
  }
  return null;
}

/** Keyspace a route lives in. */
export function keyspaceOf(r: RouteOp): string {
  return r.routing.keyspace;
}

/**
 * Switches an any-shard route (reference tables) to the alternate in `keyspace` when there is one
 * (spec E.3 alternates). Returns null when no alternate exists.
 */
export function toAlternate(ctx: SimContext, r: RouteOp, keyspace: string): RouteOp | null {
  if (r.routing.type !== 'anyshard' || r.routing.keyspace === keyspace) return r.routing.keyspace === keyspace ? r : null;
  if (r.tables.length !== 1) return null;
  const t = r.tables[0]!;
  const alt = referenceAlternates(ctx, t).get(keyspace);
  if (!alt) return null;
  const ks = ctx.cluster.keyspaces.get(keyspace)!;
  const vtable = ks.tables.get(alt) ?? null;
  const nt: QTable = { ...t, keyspace, ks, vtable, name: alt, kind: 'reference' };
  return { ...r, tables: [nt], routing: { type: 'anyshard', keyspace, sharded: ks.sharded } };
}

/** Join predicates `a.x = b.y` between the two routes whose columns map to the same unique vindex. */
export function hasUniqueVindexJoin(a: RouteOp, b: RouteOp, preds: readonly Node[], ownerOf: OwnerOf): boolean {
  const inA = new Set(a.tables.map((t) => t.id));
  const inB = new Set(b.tables.map((t) => t.id));
  const terms = splitAndAll(preds);
  // Column equalities inside each route let another column stand for a vindex column.
  const vindexesOf = (r: RouteOp, set: Set<number>, col: Node): Set<string> => {
    const out = new Set<string>();
    const start = asColumn(col);
    const o = ownerOf(col);
    if (!start || !o || !set.has(o.id)) return out;
    const seen = new Set<string>([`${o.id}.${start.name}`]);
    const queue: Array<[QTable, string]> = [[o, start.name]];
    while (queue.length) {
      const [t, c] = queue.shift()!;
      const v = uniqueVindexOf(t, c);
      if (v) out.add(`${t.keyspace}.${v}`);
      for (const p of [...splitAndAll(r.preds), ...terms]) {
        if (p.type !== 'binary_expr' || p.operator !== '=') continue;
        const l = asColumn(p.left);
        const rr = asColumn(p.right);
        if (!l || !rr) continue;
        const lo = ownerOf(p.left);
        const ro = ownerOf(p.right);
        if (!lo || !ro || !set.has(lo.id) || !set.has(ro.id)) continue;
        for (const [x, xo, y, yo] of [[l, lo, rr, ro], [rr, ro, l, lo]] as const) {
          if (xo.id === t.id && x.name === c && !seen.has(`${yo.id}.${y.name}`)) {
            seen.add(`${yo.id}.${y.name}`);
            queue.push([yo, y.name]);
          }
        }
      }
    }
    return out;
  };
  for (const p of terms) {
    if (p.type !== 'binary_expr' || p.operator !== '=' || !asColumn(p.left) || !asColumn(p.right)) continue;
    const lo = ownerOf(p.left);
    const ro = ownerOf(p.right);
    if (!lo || !ro) continue;
    const [ca, cb] = inA.has(lo.id) && inB.has(ro.id) ? [p.left, p.right] : inB.has(lo.id) && inA.has(ro.id) ? [p.right, p.left] : [null, null];
    if (!ca || !cb) continue;
    const va = vindexesOf(a, inA, ca);
    const vb = vindexesOf(b, inB, cb);
    for (const v of va) if (vb.has(v)) return true;
  }
  return false;
}

/** Same literal/bind values (as planned) on both options. */
export function sameValues(a: VindexOption, b: VindexOption): boolean {
  return JSON.stringify(a.values) === JSON.stringify(b.values);
}

/**
 * Tries to merge two routes joined by `preds` (spec E.5.2). `first` is the route the merge is
 * attempted from (matters for rule b). Returns the merged route or null.
 */
export function tryMergeRoutes(ctx: SimContext, first: RouteOp, second: RouteOp, preds: readonly Node[], ownerOf: OwnerOf): RouteOp | null {
  const merged = (routing: Routing, a: RouteOp, b: RouteOp): RouteOp =>
    reroute({ tables: [...a.tables, ...b.tables], preds: [...a.preds, ...b.preds, ...preds], routing, vtgateWork: false }, ownerOf);
  const A = first.routing;
  const B = second.routing;
  if (A.type === 'dual') return merged(B, first, second);
  if (B.type === 'dual') return merged(A, first, second);
  if (A.type === 'anyshard' || B.type === 'anyshard') {
    const [any, other] = A.type === 'anyshard' ? [first, second] : [second, first];
    if (other.routing.type === 'dba' || other.routing.type === 'targeted') return null;
    const alt = toAlternate(ctx, any, other.routing.keyspace);
    if (alt) return merged(other.routing, alt, other);
    if (other.routing.type === 'anyshard') {
      const alt2 = toAlternate(ctx, other, any.routing.keyspace);
      if (alt2) return merged(any.routing, any, alt2);
    }
    return null;
  }
  if (A.type === 'none' || B.type === 'none') {
    return A.keyspace === B.keyspace ? merged({ type: 'none', keyspace: A.keyspace }, first, second) : null;
  }
  if (A.type === 'dba' && B.type === 'dba') return merged(A, first, second);
  if (A.type !== 'sharded' || B.type !== 'sharded' || A.keyspace !== B.keyspace) return null;
  if (A.none || B.none) return merged({ ...A, none: true }, first, second);
  const va = routingVariant(A);
  const vb = routingVariant(B);
  if (va === 'EqualUnique' && vb === 'EqualUnique' && A.option && B.option && A.option.vindex.name === B.option.vindex.name && sameValues(A.option, B.option)) {
    return merged(A, first, second);
  }
  if (MERGE_BY_PREDICATE.has(va) || MERGE_BY_PREDICATE.has(vb)) {
    if (hasUniqueVindexJoin(first, second, preds, ownerOf)) return merged(A, first, second);
  }
  return null;
}

/**
 * A routing that reaches no shard: NoneRouting, or a sharded route made None by a comparison with
 * NULL or a constant false (operators/sharded_routing.go gives NoneRouting for both).
 */
export function isNone(r: Routing): boolean {
  return r.type === 'none' || (r.type === 'sharded' && r.none);
}

