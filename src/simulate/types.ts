/**
 * The simulator's data model: resolved tables, routings (Vitess's Routing interface in
 * go/vt/vtgate/planbuilder/operators/*_routing.go) and route operators.
 */
import type { KeyspaceDef, TableDef, VindexDef } from '../vschema/model.js';
import type { VindexType } from '../vindexes/registry.js';
import type { Node } from './ast.js';

/** Route variants (engine/routing.go Opcode names, plus the Insert variants). */
export type Variant =
  | 'Unsharded' | 'EqualUnique' | 'Equal' | 'IN' | 'Between' | 'MultiEqual' | 'SubShard' | 'Scatter' | 'Next' | 'DBA'
  | 'Reference' | 'None' | 'ByDestination' | 'Sharded' | 'Select';

/**
 * Opcode order used to compare candidate routes (engine/routing.go numeric order; v24 added `Between`,
 * a key range through a Sequential vindex, after IN).
 */
export const VARIANT_ORDER: Record<string, number> = {
  Unsharded: 0, EqualUnique: 1, Equal: 2, IN: 3, Between: 4, MultiEqual: 5, SubShard: 6, Scatter: 7, Next: 8, DBA: 9,
  Reference: 10, None: 11, ByDestination: 12,
};

/** A value a vindex column is compared with, as far as the planner can know it. */
export type PVal =
  | { kind: 'lit'; text: string; type: 'int' | 'str' | 'hex' | 'float' | 'null' }
  | { kind: 'bind'; name: string }
  | { kind: 'list'; items: PVal[] }
  | { kind: 'bindlist'; name: string };

/** What a FROM entry resolved to. */
export type TableKind = 'sharded' | 'unsharded' | 'reference' | 'dual' | 'dba' | 'targeted' | 'sequence' | 'vindex' | 'derived';

/** A table of a query, resolved against the VSchema. */
export interface QTable {
  id: number;
  /** Name columns are qualified with (alias or table name). */
  alias: string;
  name: string;
  keyspace: string;
  kind: TableKind;
  ks: KeyspaceDef | null;
  /** Declared VSchema table (null when synthesised in an unsharded keyspace, dual, DBA...). */
  vtable: TableDef | null;
  /** Reached through a routing rule. */
  viaRule: boolean;
  /** Derived table / view: output column name → inner expression, and its plan. */
  derived?: { ast: Node; columns: Map<string, Node | null>; plan: Plan | null; mergeable: boolean; transparent?: boolean };
  /** Vindex used as a table (`select ... from <vindex>`). */
  vindex?: VindexDef;
}

/** A candidate way to route through one vindex (operators/sharded_routing.go VindexOption). */
export interface VindexOption {
  variant: Variant;
  table: QTable;
  vindex: VindexDef;
  type: VindexType;
  unique: boolean;
  cost: number;
  /** Values per vindex column (for multi-column, in column order; missing trailing ones omitted). */
  values: PVal[];
  /** Position of the vindex in the table's column_vindexes (ties go to the later one). */
  position: number;
}

/** Routing of a route operator. */
export type Routing =
  | { type: 'sharded'; keyspace: string; option: VindexOption | null; none: boolean }
  | { type: 'anyshard'; keyspace: string; sharded: boolean }
  | { type: 'dual'; keyspace: string }
  | { type: 'none'; keyspace: string }
  | { type: 'dba'; keyspace: string }
  | { type: 'targeted'; keyspace: string }
  | { type: 'sequence'; keyspace: string };

/** A route operator: tables merged into one route, the predicates it carries, its routing. */
export interface RouteOp {
  tables: QTable[];
  preds: Node[];
  routing: Routing;
  /** Vtgate evaluates something above this route (LIMIT over shards, aggregation...): not a plain route. */
  vtgateWork: boolean;
}

/** A planned (sub)query: every route node, and the single route when the whole plan is one route. */
export interface Plan {
  routes: RouteOp[];
  /** Set when everything of the query was pushed into one route (it can merge further). */
  single: RouteOp | null;
  /** Extra route nodes that are not RouteOps (VindexLookup expansion, Insert nodes), in output form. */
  extra: OutRoute[];
  /** True when the whole statement is one route node and vtgate evaluates nothing. */
  pushdown: boolean;
}

/** A route as reported. */
export interface OutRoute {
  operator: 'Route' | 'VindexLookup' | 'Insert' | 'Update' | 'Delete';
  variant: Variant;
  keyspace: string;
  vindex: string | null;
  values: string[];
  /** What the route this output node came from routes through (for shards and usage), if any. */
  source?: RouteSource;
  /** For VindexLookup: the lookup vindex. */
  lookup?: VindexDef;
  /**
   * Part of a VindexLookup (planbuilder/operators/route.go, engine/vindex_lookup.go): `lookup` is the
   * read of the lookup table, `destination` the ByDestination route to the shards it names.
   */
  role?: 'lookup' | 'destination';
  /** Writes to the lookup tables of owned lookup vindexes that an Insert/Update/Delete also makes. */
  lookupWrites?: LookupWrite[];
  /** Insert: the sequence vtgate reads `next N values` from (auto_increment column absent or NULL). */
  sequence?: { table: string; keyspace: string };
}

/**
 * A write to an owned lookup vindex's table that vtgate makes along with the DML (vindexes/lookup*.go
 * Create / Delete / Update): rows inserted for new values, deleted for old ones.
 */
export interface LookupWrite {
  op: 'insert' | 'delete';
  vindex: VindexDef;
  /** The lookup table as the route that writes it (its keyspace, and for a sharded one its vindex and `from` values). */
  route: RouteSource;
  /** Keyspace of the lookup table. */
  keyspace: string;
}

/**
 * The part of a route operator a reported route keeps: its tables and routing, not its predicates
 * (which would keep the statement's syntax tree alive as long as the report).
 */
export type RouteSource = Pick<RouteOp, 'tables' | 'routing'>;

/** The {@link RouteSource} of a route operator. */
export function routeSource(r: RouteOp): RouteSource {
  return { tables: r.tables, routing: r.routing };
}

/** Variants that may hit more than one shard but not every shard (the `multi` fanout class). */
export const MULTI_SHARD: ReadonlySet<string> = new Set(['IN', 'Between', 'MultiEqual', 'Equal', 'SubShard']);

/** Costs of route variants used for join ordering (operators/route.go). */
export function variantCost(v: Variant): number {
  switch (v) {
    case 'EqualUnique':
    case 'ByDestination':
      return 1;
    case 'Equal':
    case 'SubShard':
      return 5;
    case 'IN':
    case 'Between':
    case 'MultiEqual':
      return 10;
    case 'Scatter':
      return 20;
    default:
      return 0;
  }
}

/** Variant of a routing. */
export function routingVariant(r: Routing): Variant {
  switch (r.type) {
    case 'sharded':
      return r.none ? 'None' : (r.option?.variant ?? 'Scatter');
    case 'anyshard':
      return r.sharded ? 'Reference' : 'Unsharded';
    case 'dual':
      return 'Reference';
    case 'none':
      return 'None';
    case 'dba':
      return 'DBA';
    case 'targeted':
      return 'ByDestination';
    case 'sequence':
      return 'Next';
  }
}

/** Planner error with Vitess's wording. */
export class PlanError extends Error {}
