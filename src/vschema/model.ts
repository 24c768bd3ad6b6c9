/**
 * The typed VSchema model every rule and the simulator read. Field names follow
 * proto/vschema.proto (snake_case normalised to camelCase in TypeScript). Every element keeps the
 * location of its JSON node.
 */
import type { Loc } from './source.js';

/** A vindex definition (Keyspace.vindexes[name]). */
export interface VindexDef {
  name: string;
  type: string;
  params: Record<string, string>;
  owner: string;
  loc: Loc;
  /** Location of each params entry by param name. */
  paramLocs: Record<string, Loc>;
}

/** One element of Table.column_vindexes. */
export interface ColumnVindexDef {
  /** Vindex name. */
  name: string;
  /** Legacy single column ("" when absent). */
  column: string;
  /** Multi-column form ([] when absent). */
  columns: string[];
  loc: Loc;
}

/** Table.columns element. */
export interface ColumnDef {
  name: string;
  type: string;
  invisible: boolean;
  /**
   * Schema-tracking metadata (v22+ `vschema.Column` fields 4–9: `default`, `collation_name`, `size`,
   * `scale`, `nullable`, `values`), kept with proto names only so the canonical hash and a deploy carry
   * them; no rule reads them.
   */
  tracking?: Record<string, string | number | boolean | string[]>;
  loc: Loc;
}

/** Table.auto_increment. */
export interface AutoIncrementDef {
  column: string;
  sequence: string;
  loc: Loc;
}

/** A table of a keyspace VSchema. */
export interface TableDef {
  name: string;
  keyspace: string;
  /** "", "sequence", "reference" (anything else is a Vitess error). */
  type: string;
  columnVindexes: ColumnVindexDef[];
  autoIncrement: AutoIncrementDef | null;
  columns: ColumnDef[];
  pinned: string | null;
  columnListAuthoritative: boolean;
  source: string;
  loc: Loc;
}

/** A keyspace VSchema. */
export interface KeyspaceDef {
  name: string;
  sharded: boolean;
  requireExplicitRouting: boolean;
  foreignKeyMode: string;
  vindexes: Map<string, VindexDef>;
  tables: Map<string, TableDef>;
  /** v20+ `multi_tenant_spec` (proto names), when set; kept for the canonical hash and deploys. */
  multiTenantSpec?: Record<string, string | number>;
  /** Location of the keyspace object (its key in a SrvVSchema, 1:1 of a keyspace file). */
  loc: Loc;
}

/** RoutingRules.rules element. */
export interface RoutingRuleDef {
  fromTable: string;
  toTables: string[];
  loc: Loc;
}

/** ShardRoutingRules.rules element. */
export interface ShardRoutingRuleDef {
  fromKeyspace: string;
  toKeyspace: string;
  shard: string;
  loc: Loc;
}

/** A whole cluster: what vtgate would receive as one SrvVSchema. */
export interface Cluster {
  /** Human label: the SrvVSchema file, or the directory/files that formed it. */
  label: string;
  keyspaces: Map<string, KeyspaceDef>;
  routingRules: RoutingRuleDef[];
  shardRoutingRules: ShardRoutingRuleDef[];
  /** Files that contributed to this cluster. */
  files: string[];
}
