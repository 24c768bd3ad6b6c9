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
import crypto, { createHash } from 'node:crypto';
import type { QueryReport } from '../simulate/explain.js';

/**
 * One side's routing signatures (src/diff/routing-signature.ts): the global one, a name's, and
 * optionally whether the side declares the name at all (a name it does not declare has the same,
 * empty, signature as every other undeclared name, so it is not computed for each).
 */
export interface SignatureSource {
  global: string;
  of(name: string): string;
  declares?(name: string): boolean;
}

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
  side: SignatureSource,
  sql: string,
  keyspace: string | null | undefined,
  names: readonly string[] | null,
): string | null {
  if (!names) return null;
  // A USE session resolves unqualified names in its keyspace: that keyspace's signature is part of the key.
  const all = keyspace ? [...new Set([...names, keyspace.toLowerCase()])] : [...names];
  all.sort();
  const d = digestsOf(side);
  // Every part is fixed-length (digests) or prefixed by its length, so distinct tuples give distinct keys.
  let key = `${PLAN_CACHE_FORMAT}|${version.length}:${version}${d.global}${keyspace == null ? '-' : `${keyspace.length}:${keyspace}`}${sql.length}:${sql}`;
  for (const n of all) key += `${n.length}:${n}${d.of(n)}`;
  return key;
}

/**
 * Per side, each signature's digest (base64 of the first 16 bytes of its SHA-256), computed once per
 * name: keys hold digests instead of signatures, which run to kilobytes, so building and hashing a
 * key costs little. Equal signatures give equal digests, so keys stay equal exactly when signatures are.
 */
const oneShot = (crypto as { hash?: (alg: string, data: string, enc: 'buffer') => Buffer }).hash;
/** SHA-256 of a string (crypto.hash where Node has it, ≥ 20.12: one call, ≈ 3× faster on short input). */
export function sha256(s: string): Buffer {
  return oneShot ? oneShot('sha256', s, 'buffer') : createHash('sha256').update(s).digest();
}
const digests = new WeakMap<object, { global: string; of(name: string): string }>();
function digestsOf(side: SignatureSource): { global: string; of(name: string): string } {
  let d = digests.get(side);
  if (!d) {
    const memo = new Map<string, string>();
    const h = (s: string): string => sha256(s).toString('base64', 0, 16);
    let undeclared: string | undefined;
    d = {
      global: h(side.global),
      of(name: string): string {
        let v = memo.get(name);
        if (v === undefined) memo.set(name, (v = side.declares && !side.declares(name) ? (undeclared ??= h(side.of(name))) : h(side.of(name))));
        return v;
      },
    };
    digests.set(side, d);
  }
  return d;
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

/**
 * How much of the plan cache survives a run (the prune policy). Every entry carries the time of the
 * last run that used it (read or stored it). At the end of a run an entry is kept when it was used
 * less than `maxAgeDays` days ago, most recently used first, while the cache stays within `maxBytes`
 * (bytes on disk, compressed); this run's entries come first, so they are dropped only when they alone
 * exceed `maxBytes` (then the ones looked up last).
 */
export interface PlanCacheLimits {
  /** Upper bound of the cache's size on disk, in bytes (`--cache-max-mb` × 2^20). */
  maxBytes: number;
  /** Entries no run has used for this many days are dropped (`--cache-max-age`). */
  maxAgeDays: number;
}

/**
 * The defaults: 64 MB and 30 days. At the ≈ 70 bytes a plan takes in the pack, index included (README,
 * "Measured"), 64 MB holds ≈ 900,000 plans (a 100,000-statement corpus planned at both sides of several
 * changes) while one saved Actions cache entry stays far below the 10 GB a repository may keep; 30 days
 * outlives a pull request's usual life, so the pushes of one PR and of its base branch find their plans.
 */
export const DEFAULT_PLAN_CACHE_LIMITS: PlanCacheLimits = { maxBytes: 64 * 2 ** 20, maxAgeDays: 30 };

/** Whether an entry last used at `lastUsedSec` (Unix seconds) is kept at `nowSec` by the age bound. */
export function withinAge(lastUsedSec: number, nowSec: number, limits: PlanCacheLimits): boolean {
  return nowSec - lastUsedSec < limits.maxAgeDays * 86_400;
}

/**
 * The limits from their option texts (`--cache-max-mb`, `--cache-max-age` in days, or the action's
 * inputs of the same names); undefined or empty takes the default. `names` are the option names used
 * in messages. Throws Error when a value is not a number greater than 0.
 */
export function parsePlanCacheLimits(maxMb: string | undefined, maxAgeDays: string | undefined, names: { mb: string; age: string }): PlanCacheLimits {
  const num = (v: string | undefined, name: string, fallback: number): number => {
    if (v === undefined || !v.trim()) return fallback;
    const n = Number(v.trim());
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a number greater than 0, not "${v}"`);
    return n;
  };
  return {
    maxBytes: Math.floor(num(maxMb, names.mb, DEFAULT_PLAN_CACHE_LIMITS.maxBytes / 2 ** 20) * 2 ** 20),
    maxAgeDays: num(maxAgeDays, names.age, DEFAULT_PLAN_CACHE_LIMITS.maxAgeDays),
  };
}
