/**
 * The plan cache across runs of `diff` (pure part): what a cached plan is keyed by, what it holds and
 * how a value read back is checked before it is trusted. The storage is an interface passed in; the
 * file-backed one is src/io/plan-cache.ts.
 *
 * A statement's plan at one side depends only on: its text and session keyspace, the tool version
 * (planner code), the side's global routing signature (default keyspace, the keyspace used for `dual`,
 * single-unsharded mode, with those keyspaces' shard topology) and the routing signatures of the names
 * it mentions (src/diff/routing-signature.ts: tables, vindexes and their params, sequences, reference
 * sources, routing rules, and the shard topology of every keyspace they live in). That tuple is the
 * key, so a VSchema or topology change re-plans exactly the statements whose names it touches.
 */
import type { QueryReport } from '../simulate/explain.js';

/** Storage of cached plans: string key → JSON value. Implementations never throw from get (a bad entry is a miss). */
export interface PlanCache {
  /** The value stored under key, or undefined (missing, unreadable, corrupt, other tool version). */
  get(key: string): unknown;
  /** Stores a JSON value under key (best effort: a failing write is not an error of the diff). */
  put(key: string, value: unknown): void;
}

/** One side's cached result for one statement: the explained plan and, for base, the usage it records. */
export interface CachedPlan {
  report: QueryReport;
  /** Tables (`ks.t`) and vindexes (`ks.v`) the plan routes through, once per route (see recordUsage). */
  usage: { tables: string[]; vindexes: string[] };
}

/** Bumped when the shape of {@link CachedPlan} changes. */
export const PLAN_CACHE_FORMAT = 1;

/**
 * The key of one statement's plan at one side, or null when it cannot be keyed safely (names the
 * token pass could not classify). `names` are the lower-cased names the statement mentions.
 */
export function planCacheKey(
  version: string,
  side: { global: string; of(name: string): string },
  sql: string,
  keyspace: string | null | undefined,
  names: readonly string[] | null,
): string | null {
  if (!names) return null;
  // A USE session resolves unqualified names in its keyspace: that keyspace's signature is part of the key.
  const all = keyspace ? [...new Set([...names, keyspace.toLowerCase()])] : [...names];
  all.sort();
  return JSON.stringify([PLAN_CACHE_FORMAT, version, side.global, keyspace ?? null, sql, all.map((n) => [n, side.of(n)])]);
}

const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/**
 * A value read from the cache, checked: its shape must be a {@link CachedPlan} of this format, else
 * null (the statement is planned again; a cache entry is never trusted blindly).
 */
export function readCachedPlan(v: unknown): CachedPlan | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as { format?: unknown; report?: unknown; usage?: unknown };
  if (o.format !== PLAN_CACHE_FORMAT) return null;
  const r = o.report as Partial<QueryReport> | null;
  if (!r || typeof r !== 'object' || !Array.isArray(r.routes) || typeof r.pushdown !== 'boolean' || typeof r.reason !== 'string') return null;
  if (r.fanout !== 'single' && r.fanout !== 'multi' && r.fanout !== 'scatter') return null;
  if (r.error !== null && typeof r.error !== 'string') return null;
  if (r.skipped !== undefined && typeof r.skipped !== 'string') return null;
  if (r.routes.some((x) => !x || typeof x !== 'object' || typeof (x as { shard_count?: unknown }).shard_count !== 'number')) return null;
  const u = o.usage as { tables?: unknown; vindexes?: unknown } | null;
  if (!u || typeof u !== 'object' || !isStrArray(u.tables) || !isStrArray(u.vindexes)) return null;
  return { report: r as QueryReport, usage: { tables: u.tables, vindexes: u.vindexes } };
}

/** The JSON value stored for a plan. */
export function cachedPlanValue(p: CachedPlan): unknown {
  return { format: PLAN_CACHE_FORMAT, report: p.report, usage: p.usage };
}
