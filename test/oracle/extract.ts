/**
 * What the oracle compares, read from vtexplain's JSON: the statement's own plan (vtexplain also lists
 * the plans of lookup-vindex writes it ran internally), its route nodes in the sense of the conformance
 * corpus (every node with a Variant and a Keyspace, depth-first pre-order) and the tablets it reached.
 */
import type { VtNode, VtPlan, VtResult } from './vtexplain.js';

/** A route node: `Operator:Variant@keyspace`. */
export type RouteKey = string;

/** Nodes that run inside vtgate even though they carry a Variant (conformance README). */
const VTGATE_ONLY = new Set(['Join', 'LeftJoin', 'HashJoin', 'Aggregate', 'Sort', 'UncorrelatedSubquery', 'SemiJoin', 'VindexFunc', 'Projection', 'Limit', 'Distinct', 'Filter', 'Concatenate', 'SimpleProjection', 'Memory']);

/** Route nodes of a plan tree, in depth-first pre-order. */
export function routeNodes(n: VtNode | undefined, out: RouteKey[] = []): RouteKey[] {
  if (!n) return out;
  if (n.Variant && n.Keyspace?.Name && !VTGATE_ONLY.has(n.OperatorType)) out.push(`${n.OperatorType}:${n.Variant}@${n.Keyspace.Name}`);
  for (const c of n.Inputs ?? []) routeNodes(c, out);
  return out;
}

/** True when the text has a bind variable (`:name`) outside quotes: a query vtgate built, not the user's. */
function hasBindVar(sql: string): boolean {
  return /:[A-Za-z_]/.test(sql.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, ''));
}

/** The plan of the statement itself among the plans vtexplain lists (lookup writes come with bind variables). */
export function mainPlan(r: VtResult): VtPlan | null {
  if (r.error) return null;
  const own = r.plans.filter((p) => !hasBindVar(p.Original));
  const word = r.sql.trim().split(/\s+/)[0]!.toUpperCase();
  return own.find((p) => p.QueryType === word) ?? own[0] ?? r.plans[0] ?? null;
}

/** Tablets reached, grouped by keyspace. */
export function shardsByKeyspace(tablets: readonly string[]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const t of tablets) {
    const i = t.lastIndexOf('/');
    const ks = t.slice(0, i);
    if (!m.has(ks)) m.set(ks, new Set());
    m.get(ks)!.add(t.slice(i + 1));
  }
  return m;
}
