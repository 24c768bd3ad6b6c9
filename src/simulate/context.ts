/** What the planner knows besides the statement: the cluster and session settings. */
import type { Cluster } from '../vschema/model.js';
import { type GlobalTables, buildGlobalTables } from '../vschema/names.js';

/** Planner context (immutable per run). */
export interface SimContext {
  cluster: Cluster;
  globals: GlobalTables;
  /** Session default keyspace (`USE ks`), or null. */
  defaultKeyspace: string | null;
  /** Routing rules by from_table (last definition wins; errors kept). */
  rules: Map<string, { to: string | null; error: string | null }>;
  /** Views by name (keyspace-qualified `ks.v` and bare `v`) → SELECT text. */
  views: Map<string, string>;
  /**
   * Table resolutions already made (results do not depend on the statement), for reads and DML:
   * qualifier ('' for none) → table name → the resolved table or the PlanError.
   */
  resolved: { read: Map<string, Map<string, unknown>>; dml: Map<string, Map<string, unknown>> };
  /** The unsharded-shortcut class of each node-sql-parser table-list entry already seen. */
  shortcut: Map<string, unknown>;
}

/** Builds the context for a cluster (routing rules as vschema.go buildRoutingRule stores them). */
export function makeContext(cluster: Cluster, defaultKeyspace: string | null = null, views: Map<string, string> = new Map()): SimContext {
  const rules = new Map<string, { to: string | null; error: string | null }>();
  for (const r of cluster.routingRules) {
    if (r.toTables.length > 1) {
      rules.set(r.fromTable, { to: null, error: `table ${r.fromTable} has more than one target: [${r.toTables.join(' ')}]` });
    } else if (r.toTables.length === 0) {
      rules.set(r.fromTable, { to: null, error: `table ${r.fromTable} has been disabled` });
    } else if (rules.has(r.fromTable)) {
      rules.set(r.fromTable, { to: null, error: `duplicate rule for entry ${r.fromTable}` });
    } else {
      const to = r.toTables[0]!;
      rules.set(r.fromTable, to.split('.').length !== 2
        ? { to: null, error: `invalid table name: ${to}, it must be of the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)` }
        : { to, error: null });
    }
  }
  return { cluster, globals: buildGlobalTables(cluster), defaultKeyspace, rules, views, resolved: { read: new Map(), dml: new Map() }, shortcut: new Map() };
}

/** Keyspace used for dual / information_schema: the default keyspace, else the alphabetically first. */
export function firstKeyspace(ctx: SimContext): string {
  if (ctx.defaultKeyspace) return ctx.defaultKeyspace;
  return [...ctx.cluster.keyspaces.keys()].sort()[0] ?? '';
}

const sessions = new WeakMap<SimContext, Map<string, SimContext>>();

/**
 * The context of a session that ran `USE keyspace` (null or the same keyspace: `ctx` itself). Cached
 * per context; its table-resolution caches are its own, since unqualified names resolve differently.
 */
export function withKeyspace(ctx: SimContext, keyspace: string | null | undefined): SimContext {
  if (!keyspace || keyspace === ctx.defaultKeyspace) return ctx;
  let m = sessions.get(ctx);
  if (!m) sessions.set(ctx, (m = new Map()));
  let c = m.get(keyspace);
  if (!c) m.set(keyspace, (c = { ...ctx, defaultKeyspace: keyspace, resolved: { read: new Map(), dml: new Map() }, shortcut: new Map() }));
  return c;
}
