/**
 * Reading the plans vtgate describes (`VEXPLAIN PLAN` over the MySQL protocol, vtexplain's JSON): the
 * PrimitiveDescription JSON of go/vt/vtgate/engine/plan_description.go. Pure.
 */

/** A primitive of a plan as vtgate prints it. */
export interface PlanNode {
  OperatorType: string;
  Variant?: string;
  Keyspace?: { Name: string; Sharded?: boolean };
  Inputs?: PlanNode[];
  [k: string]: unknown;
}

/** A route node of a plan: one that sends queries to tablets. */
export interface PlanRoute {
  operator: string;
  variant: string;
  keyspace: string;
}

/** Nodes that run inside vtgate even though they carry a Variant (conformance README; engine/*.go). */
const VTGATE_ONLY = new Set(['Join', 'LeftJoin', 'HashJoin', 'Aggregate', 'Sort', 'UncorrelatedSubquery', 'SemiJoin', 'VindexFunc', 'Projection', 'Limit', 'Distinct', 'Filter', 'Concatenate', 'SimpleProjection', 'Memory']);

/** Route nodes (a Variant and a Keyspace, not vtgate-only), depth-first pre-order. */
export function planRoutes(n: PlanNode | undefined, out: PlanRoute[] = []): PlanRoute[] {
  if (!n) return out;
  if (n.Variant && n.Keyspace?.Name && !VTGATE_ONLY.has(n.OperatorType)) out.push({ operator: n.OperatorType, variant: n.Variant, keyspace: n.Keyspace.Name });
  for (const c of n.Inputs ?? []) planRoutes(c, out);
  return out;
}

/** Parses the `JSON` column of `VEXPLAIN PLAN`; throws an Error naming what is wrong when it is not a plan. */
export function parsePlanJson(text: string): PlanNode {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`vtgate's plan is not JSON: ${(e as Error).message}`);
  }
  if (!v || typeof v !== 'object' || typeof (v as PlanNode).OperatorType !== 'string') throw new Error('vtgate\'s plan has no OperatorType');
  return v as PlanNode;
}
