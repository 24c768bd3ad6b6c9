/**
 * Every corpus statement planned against base and head (parsed once), compared: worse (more
 * fanout, more shards), better, same, newly failing, fixed; weighted by frequency.
 */
import type { CorpusEntry } from '../corpus/aggregate.js';
import { scanTokens } from '../corpus/scan.js';
import { namesOfScan } from '../corpus/table-names.js';
import { changedNames, quickUnaffected } from './unaffected.js';
import { type SimContext, withKeyspace } from '../simulate/context.js';
import { type QueryReport, explainPlan } from '../simulate/explain.js';
import { type StatementPlan, forEachPrepared, planPrepared } from '../simulate/simulate.js';
import type { Topology } from '../topology/topology.js';
import { type CachedPlan, type PlanCache, cachedPlanValue, planCacheKey, readCachedPlan } from './plan-cache.js';
import { type ComparisonSink, keepAll } from './query-sinks.js';
import { routingSignatures, signatureComparer } from './routing-signature.js';
import type { Usage } from './vschema-changes.js';

/**
 * Statements per declared name from which the changed names are listed up front (about what
 * reading one statement's names costs next to one name's signatures on both sides).
 */
const LIST_CHANGED_RATIO = 5;
/** At most this many changed names are looked for in each statement's text; more (listing stops there): its names are read. */
const QUICK_MAX_CHANGED = 64;

/** Outcome of one statement across the change. */
export type RoutingChange = 'worse' | 'better' | 'same' | 'newly-failing' | 'fixed' | 'failing';

/** One statement compared. */
export interface RoutingComparison {
  file: string;
  line: number;
  sql: string;
  fingerprint: string;
  count: number;
  change: RoutingChange;
  base: QueryReport;
  head: QueryReport;
}

/** Totals per side (weighted by occurrences). */
export interface RoutingSideSummary {
  single: number;
  multi: number;
  scatter: number;
  errors: number;
  /** Occurrence-weighted shares of the planned statements' occurrences. */
  single_share: number;
  scatter_share: number;
}

/** The routing part of the report. */
export interface RoutingDiff {
  /**
   * The statements the change can affect, planned on both sides (first-seen order): all of them by
   * default, or what the report's {@link ComparisonSink} kept (src/diff/query-sinks.ts: e.g. only the
   * rows the markdown shows, whose totals then come with the sink's rows, or none when they were
   * written out as they were compared).
   */
  queries: RoutingComparison[];
  /** Distinct statements planned and compared (`queries`, with the `same` ones even when not kept). */
  planned: number;
  /** Occurrences of every statement of the corpus, planned or not. */
  occurrences: number;
  /**
   * Statements that mention only names whose routing signature is equal at base and head
   * (src/diff/routing-signature.ts): they route the same at base and head by construction (or fail
   * the same way), so they are neither parsed nor planned.
   */
  unaffected: { queries: number; occurrences: number };
  /**
   * With a plan cache (`--cache DIR`) only: side plans read from the cache (`hits`) and planned and
   * stored (`misses`); a statement planned at base and head counts twice.
   */
  cache?: { hits: number; misses: number };
  /** Totals of the planned statements (`queries`) per side. */
  base: RoutingSideSummary;
  head: RoutingSideSummary;
  /** Planned distinct statements per outcome (the unaffected ones are counted in `unaffected` only). */
  counts: Record<RoutingChange, number>;
  /** Share of sampled traffic (occurrences) whose routing got worse or fails. */
  regressed_share: number;
}

const FANOUT_RANK = { single: 0, multi: 1, scatter: 2 } as const;

function shardsTouched(r: QueryReport): number {
  return r.routes.reduce((s, x) => s + (x.operator === 'VindexLookup' ? 0 : x.shard_count), 0);
}

/** worse / better / same by fanout class, then shards reached, then number of routes. */
export function compareReports(base: QueryReport, head: QueryReport): RoutingChange {
  if (base.error && head.error) return 'failing';
  if (!base.error && head.error) return 'newly-failing';
  if (base.error && !head.error) return 'fixed';
  const a = [FANOUT_RANK[base.fanout], shardsTouched(base), base.routes.length, base.pushdown ? 0 : 1];
  const b = [FANOUT_RANK[head.fanout], shardsTouched(head), head.routes.length, head.pushdown ? 0 : 1];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! > a[i]! ? 'worse' : 'better';
  return 'same';
}

/**
 * Records the tables and vindexes a base plan routes through. The read of a lookup table inside a
 * VindexLookup is vtgate's, not the query's: the lookup vindex that reads it is reported instead.
 */
function recordUsage(u: CachedPlan['usage'], usage: Usage, weight: number): void {
  for (const t of u.tables) usage.tables.set(t, (usage.tables.get(t) ?? 0) + weight);
  for (const v of u.vindexes) usage.vindexes.set(v, (usage.vindexes.get(v) ?? 0) + weight);
}

/**
 * What the "no plannable query" check (src/diff/build-report.ts corpusNothingPlanned) needs of the
 * compared statements, whatever the sink kept of them.
 */
export interface PlannedSummary {
  /** Some compared statement plans on base or head (or, left out as unaffected, plans on head). */
  plans: boolean;
  /** The first compared statement: its line and head error (null when none was compared). */
  first: { line: number; error: string | null } | null;
  /** Fingerprints of the compared statements while none plans (null once one does). */
  fingerprints: Set<string> | null;
}

/** Options of {@link diffRouting}. */
export interface DiffRoutingOptions {
  /**
   * true (default): statements the change cannot affect are not planned. false: every statement is
   * planned, and one the signatures call unaffected is left out of the comparison only when its base
   * and head reports are identical; the result is the same as with skipping unless the signatures miss
   * something (that is what `--no-skip` and the property test check).
   */
  skipUnaffected?: boolean;
  /**
   * Receives every compared statement as soon as it is compared, in corpus order, and gives
   * `routing.queries` at the end (src/diff/query-sinks.ts). Default: {@link keepAll}, every one kept.
   */
  sink?: ComparisonSink;
  /**
   * Plans of earlier runs (src/diff/plan-cache.ts): a side whose key is found is neither parsed nor
   * planned; a side planned here is stored. The report is the same with or without it (apart from
   * `cache`). Needs `version` (the tool version, part of every key).
   */
  cache?: { store: PlanCache; version: string };
  /**
   * Whether the names whose signature changed are listed up front so most statements are decided
   * from their text (src/diff/unaffected.ts): 'auto' (default) when the corpus has at least 5
   * statements per declared name. The same decisions either way (the property test runs both).
   */
  listChanged?: 'auto' | 'always' | 'never';
}

/** Table and vindex usage of one plan, once per route (what recordUsage adds up). */
function planUsage(p: StatementPlan): CachedPlan['usage'] {
  const tables: string[] = [];
  const vindexes: string[] = [];
  for (const r of p.routes) {
    if (r.role === 'lookup') continue;
    for (const t of r.source?.tables ?? []) if (t.vtable) tables.push(`${t.keyspace}.${t.name}`);
    const opt = r.source?.routing.type === 'sharded' ? r.source.routing.option : null;
    if (opt && opt.position >= 0) vindexes.push(`${opt.table.keyspace}.${opt.vindex.name}`);
  }
  return { tables, vindexes };
}

/**
 * Plans the entries the change can affect against both contexts (each parsed once). Returns the
 * comparison and the usage of base names (for "removed while queries use it"), counted over the
 * planned statements: a statement that uses a removed or changed table or vindex is always planned.
 */
export function diffRouting(
  baseCtx: SimContext,
  headCtx: SimContext,
  baseTopo: Topology,
  headTopo: Topology,
  entries: readonly CorpusEntry[],
  opts: DiffRoutingOptions = {},
): { routing: RoutingDiff; usage: Usage; planned: PlannedSummary } {
  const skip = opts.skipUnaffected ?? true;
  const usage: Usage = { tables: new Map(), vindexes: new Map() };
  const bs = routingSignatures(baseCtx, baseTopo);
  const hs = routingSignatures(headCtx, headTopo);
  const globalSame = bs.global === hs.global;
  const sameSignature = signatureComparer(bs, hs);
  const changed = new Map<string, boolean>();
  // The names of an entry read without them (CorpusEntry.names undefined), scanned once for the
  // classification and both sides' cache keys; one string per distinct name (the names of 100,000
  // statements are mostly the same few thousand words).
  const scanned = new Map<CorpusEntry, string[] | null>();
  const interned = { map: new Map<string, string>(), own: (name: string): string => name };
  const namesOf = (e: CorpusEntry): string[] | null => {
    if (e.names !== undefined) return e.names;
    let names = scanned.get(e);
    if (names === undefined) scanned.set(e, (names = namesOfScan(scanTokens(e.sql), e.sql, interned)));
    return names;
  };
  // A corpus large next to the clusters: the changed names are listed once (one signature per
  // declared name and side), and most statements are then decided from their text (./unaffected.ts).
  let changedSet: Set<string> | null = null;
  let quick: string[] | null = null;
  const list = opts.listChanged ?? 'auto';
  if (globalSame && (list === 'always' || (list === 'auto' && entries.length >= LIST_CHANGED_RATIO * Math.max(bs.declared().size, hs.declared().size)))) {
    changedSet = changedNames(bs, hs, QUICK_MAX_CHANGED);
    if (changedSet) quick = [...changedSet];
  }
  const isChanged = (n: string): boolean => {
    if (changedSet) return changedSet.has(n);
    let c = changed.get(n);
    if (c === undefined) changed.set(n, (c = (bs.declares(n) || hs.declares(n)) && !sameSignature(n)));
    return c;
  };
  const isUnaffected = (e: CorpusEntry): boolean => {
    // The signatures are of names as the default session resolves them; a USE session is always planned.
    if (!globalSame || e.keyspace) return false;
    if (quick && e.names === undefined && quickUnaffected(e.sql, quick)) return true;
    const names = namesOf(e);
    if (!names) return false;
    for (const n of names) if (isChanged(n)) return false;
    return true;
  };
  const unaffected = { queries: 0, occurrences: 0 };
  const toPlan: CorpusEntry[] = [];
  const toVerify = new Set<CorpusEntry>();
  let occurrences = 0;
  for (const e of entries) {
    occurrences += e.count;
    if (isUnaffected(e)) {
      if (skip) {
        unaffected.queries++;
        unaffected.occurrences += e.count;
        continue;
      }
      toVerify.add(e);
    }
    toPlan.push(e);
  }
  // One entry per distinct name of the corpus (≈ 100 k for 100 k fingerprints): not needed past here.
  changed.clear();
  const sink = opts.sink ?? keepAll();
  const probe: PlannedSummary = { plans: false, first: null, fingerprints: new Set() };
  // Totals are kept as statements are compared, so `same` comparisons need not be kept.
  const newSide = () => ({ single: 0, multi: 0, scatter: 0, errors: 0, singleOcc: 0, scatterOcc: 0 });
  const sides = { base: newSide(), head: newSide() };
  const tally = (t: ReturnType<typeof newSide>, r: QueryReport, count: number): void => {
    if (r.error) t.errors++;
    else {
      t[r.fanout]++;
      if (r.fanout === 'single') t.singleOcc += count;
      if (r.fanout === 'scatter') t.scatterOcc += count;
    }
  };
  const counts = { worse: 0, better: 0, same: 0, 'newly-failing': 0, fixed: 0, failing: 0 };
  let regressedOcc = 0;
  let planned = 0;
  let plannedOcc = 0;
  const compare = (e: CorpusEntry, b: CachedPlan, h: CachedPlan): void => {
    const base = b.report;
    const head = h.report;
    const change = compareReports(base, head);
    if (toVerify.has(e) && JSON.stringify(base) === JSON.stringify(head)) {
      unaffected.queries++;
      unaffected.occurrences += e.count;
      if (!head.error) noteAPlan();
      return;
    }
    probe.first ??= { line: e.line, error: head.error };
    if (!base.error || !head.error) noteAPlan();
    else probe.fingerprints?.add(e.fingerprint);
    recordUsage(b.usage, usage, e.count);
    planned++;
    plannedOcc += e.count;
    tally(sides.base, base, e.count);
    tally(sides.head, head, e.count);
    counts[change]++;
    if (change === 'worse' || change === 'newly-failing') regressedOcc += e.count;
    sink.add({ file: e.file, line: e.line, sql: e.sql, fingerprint: e.fingerprint, count: e.count, change, base, head });
  };
  // Once a statement plans, the fingerprints of those that did not are no longer needed.
  const noteAPlan = (): void => {
    probe.plans = true;
    probe.fingerprints = null;
  };
  const cache = opts.cache;
  const stats = { hits: 0, misses: 0 };
  // Looks a side up in the cache: its key (null: not cacheable) and the cached plan (null: miss).
  const lookup = (sig: typeof bs, e: CorpusEntry): { key: string | null; hit: CachedPlan | null } => {
    if (!cache) return { key: null, hit: null };
    const key = planCacheKey(cache.version, sig, e.sql, e.keyspace, namesOf(e));
    if (key === null) return { key, hit: null };
    let hit: CachedPlan | null = null;
    try {
      hit = readCachedPlan(cache.store.get(key));
    } catch {
      hit = null;
    }
    if (hit) stats.hits++;
    else stats.misses++;
    return { key, hit };
  };
  const store = (key: string | null, p: CachedPlan): void => {
    if (!cache || key === null) return;
    try {
      cache.store.put(key, cachedPlanValue(p));
    } catch {
      // A cache that cannot be written only costs the next run a re-plan.
    }
  };
  // Each statement is parsed once (unless both sides come from the cache) and planned against both
  // sides; statements are compared in corpus order, a chunk at a time.
  const CHUNK = 512;
  for (let i = 0; i < toPlan.length; i += CHUNK) {
    const chunk = toPlan.slice(i, i + CHUNK);
    const looked = chunk.map((e) => ({ b: lookup(bs, e), h: lookup(hs, e) }));
    const fresh = new Map<CorpusEntry, { b: CachedPlan; h: CachedPlan }>();
    const misses = chunk.filter((_, k) => !looked[k]!.b.hit || !looked[k]!.h.hit);
    const at = new Map(chunk.map((e, k) => [e, looked[k]!]));
    forEachPrepared(misses, (e) => e.sql, (e, p) => {
      const l = at.get(e)!;
      const side = (ctx: SimContext, topo: Topology, c: { key: string | null; hit: CachedPlan | null }): CachedPlan => {
        if (c.hit) return c.hit;
        const sp = planPrepared(withKeyspace(ctx, e.keyspace), p);
        const r = { report: explainPlan(sp, topo), usage: planUsage(sp) };
        store(c.key, r);
        return r;
      };
      fresh.set(e, { b: side(baseCtx, baseTopo, l.b), h: side(headCtx, headTopo, l.h) });
    });
    chunk.forEach((e, k) => {
      const r = fresh.get(e);
      compare(e, r?.b ?? looked[k]!.b.hit!, r?.h ?? looked[k]!.h.hit!);
    });
  }
  const summary = (t: ReturnType<typeof newSide>): RoutingSideSummary => ({
    single: t.single, multi: t.multi, scatter: t.scatter, errors: t.errors,
    single_share: plannedOcc ? t.singleOcc / plannedOcc : 0, scatter_share: plannedOcc ? t.scatterOcc / plannedOcc : 0,
  });
  return {
    routing: { queries: sink.queries(), planned, occurrences, unaffected, ...(cache ? { cache: stats } : {}), base: summary(sides.base), head: summary(sides.head), counts, regressed_share: occurrences ? regressedOcc / occurrences : 0 },
    usage,
    planned: probe,
  };
}
