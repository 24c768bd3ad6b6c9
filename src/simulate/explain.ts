/**
 * Turns a statement plan into what a reviewer reads: each route with the shards it reaches on the
 * mock topology (real keyspace ids for functional vindexes, "unknown which" for lookups and bind
 * variables) and a one-line reason.
 */
import type { Shard, Topology } from '../topology/topology.js';
import { shardFor, shardsFor } from '../topology/topology.js';
import { type SqlValue, hex, mapToDestination } from '../vindexes/keyspace-id.js';
import { isBackfilling, findVindexType } from '../vindexes/registry.js';
import { likePrefix } from './vindex-options.js';
import { type Fanout, type StatementPlan, fanoutOf } from './simulate.js';
import { type LookupWrite, MULTI_SHARD, type OutRoute, type PVal, type RouteSource, type VindexOption } from './types.js';
import { prefixRange } from '../vindexes/keyspace-id.js';
import { showValue, toSql } from './values.js';

/** A route as reported (JSON field names are part of the CLI contract). */
export interface RouteReport {
  operator: string;
  variant: string;
  keyspace: string;
  vindex: string | null;
  values: string[];
  /** Shard names reached, when known; null when only the count is known (lookups, bind variables). */
  shards: string[] | null;
  /** Shards reached: exact when `shards` is set; for unknown ones, the most it can be. */
  shard_count: number;
  /** Shards of the keyspace on the mock topology. */
  total_shards: number;
  /** Keyspace ids computed for literal values (hex), when any. */
  keyspace_ids?: string[];
  /** Insert/Update/Delete: the writes to lookup tables of owned lookup vindexes, with their shards. */
  lookup_writes?: LookupWriteReport[];
  /** Insert: the sequence read for auto_increment values and the shard it lives on (`Next`, one shard). */
  sequence?: { table: string; keyspace: string; shards: string[] };
}

/** A lookup-table write as reported (shards as for a route). */
export interface LookupWriteReport {
  op: 'insert' | 'delete';
  vindex: string;
  table: string;
  keyspace: string;
  shards: string[] | null;
  shard_count: number;
  total_shards: number;
}

/** Everything reported for one statement besides its identity. */
export interface QueryReport {
  routes: RouteReport[];
  pushdown: boolean;
  fanout: 'single' | 'multi' | 'scatter';
  reason: string;
  error: string | null;
  /** For statements that are not routed (SET, BEGIN, SHOW...): why they were skipped. */
  skipped?: string;
}

/** Shards of one route on the topology. */
export function routeShards(r: OutRoute, topology: Topology): Pick<RouteReport, 'shards' | 'shard_count' | 'total_shards' | 'keyspace_ids'> {
  const all = topology.get(r.keyspace) ?? [];
  const total = all.length;
  const names = (xs: Array<{ name: string }>): string[] => [...new Set(xs.map((x) => x.name))];
  switch (r.variant) {
    case 'Scatter':
      return { shards: names(all), shard_count: total, total_shards: total };
    case 'None':
      return { shards: [], shard_count: 0, total_shards: total };
    case 'Unsharded':
    case 'Next':
      return { shards: names(all.slice(0, 1)), shard_count: Math.min(1, total), total_shards: total };
    case 'Reference':
    case 'DBA':
      return { shards: null, shard_count: Math.min(1, total), total_shards: total };
    case 'Select':
      return { shards: null, shard_count: total, total_shards: total };
    case 'Sharded':
      if (!r.source) return { shards: null, shard_count: total, total_shards: total };
  }
  if (r.operator === 'VindexLookup') return { shards: [], shard_count: 0, total_shards: total };
  const opt = r.source?.routing.type === 'sharded' ? r.source.routing.option : null;
  if (!opt) return { shards: null, shard_count: total, total_shards: total };
  if (r.variant === 'ByDestination') {
    // The shards a lookup names are in its lookup table: a unique lookup names one per value.
    const n = opt.values[0]?.kind === 'list' ? opt.values[0].items.length : 1;
    return { shards: null, shard_count: opt.unique && !opt.values.some((v) => v.kind === 'bindlist') ? Math.min(n, total) : total, total_shards: total };
  }
  if (r.variant === 'Between') return betweenShards(opt, all, total);
  // Value sets to map: one per row for IN / MultiEqual, one otherwise.
  const rows: PVal[][] = [];
  if (opt.type.multiColumn) {
    const lists = opt.values.map((v) => (v.kind === 'list' ? v.items : [v]));
    const n = Math.max(...lists.map((l) => l.length));
    for (let i = 0; i < n; i++) rows.push(lists.map((l) => l[Math.min(i, l.length - 1)]!));
  } else {
    const v = opt.values[0]!;
    for (const x of v.kind === 'list' ? v.items : [v]) rows.push([x]);
  }
  const hit = new Map<string, true>();
  const ksids: string[] = [];
  let unknown = 0;
  for (const row of rows) {
    const vals = row.map(toSql);
    if (vals.some((x) => x === null)) {
      unknown++;
      continue;
    }
    const isLike = opt.type.prefixable && opt.variant === 'Equal';
    const dest = isLike ? prefixRange(Buffer.from(likePrefix((vals[0] as SqlValue).text) ?? '', 'utf8')) : mapToDestination(opt.type.name, opt.vindex.params, vals as SqlValue[]);
    if (dest.kind === 'ksid') {
      ksids.push(hex(dest.ksid));
      const s = shardFor(all, dest.ksid);
      if (s) hit.set(s.name, true);
    } else if (dest.kind === 'range') {
      for (const s of shardsFor(all, dest)) hit.set(s.name, true);
    } else if (dest.kind === 'unknown') unknown++;
  }
  if (unknown > 0) {
    const most = opt.unique && !opt.type.multiColumn ? Math.min(total, hit.size + unknown) : total;
    return { shards: null, shard_count: most, total_shards: total, ...(ksids.length ? { keyspace_ids: ksids } : {}) };
  }
  const list = all.filter((s) => hit.has(s.name)).map((s) => s.name);
  return { shards: list, shard_count: list.length, total_shards: total, ...(ksids.length ? { keyspace_ids: ksids } : {}) };
}

/** Builds the report of one planned statement. */
export function explainPlan(plan: StatementPlan, topology: Topology): QueryReport {
  const routes: RouteReport[] = plan.routes.map((r) => ({
    operator: r.operator, variant: r.variant, keyspace: r.keyspace, vindex: r.vindex, values: r.values,
    ...routeShards(r, topology),
    ...(r.lookupWrites ? { lookup_writes: r.lookupWrites.map((w) => lookupWriteReport(w, topology)) } : {}),
    ...(r.sequence ? { sequence: { ...r.sequence, shards: (topology.get(r.sequence.keyspace) ?? []).slice(0, 1).map((x) => x.name) } } : {}),
  }));
  if (plan.skipped) return { routes, pushdown: false, fanout: 'single', reason: `skipped: ${plan.skipped}`, error: null, skipped: plan.skipped };
  return { routes, pushdown: plan.pushdown, fanout: plan.fanout, reason: reasonOf(plan, routes), error: plan.error };
}

const code = (s: string): string => '`' + s + '`';

function shardText(r: RouteReport): string {
  if (r.shards) return r.shards.length === 0 ? 'no shard' : `${r.shards.length === 1 ? 'shard' : 'shards'} ${r.shards.join(', ')} (${r.shards.length}/${r.total_shards})`;
  if (r.variant === 'EqualUnique') return `1 of ${r.total_shards} shards (which one is known at run time)`;
  return `up to ${r.shard_count} of ${r.total_shards} shards`;
}

/** Why a sharded route scatters: the primary vindex column(s) it had no usable equality on. */
function scatterWhy(src: RouteSource | undefined, total: number, keyspace: string): string {
  const t = src?.tables.find((x) => x.kind === 'sharded' && x.vtable);
  const cv = t?.vtable?.columnVindexes[0];
  if (!t || !cv) return `every shard of ${code(keyspace)} (${total})`;
  const cols = (cv.columns.length ? cv.columns : [cv.column]).join(', ');
  const backfilling = t.vtable!.columnVindexes
    .map((x) => t.ks?.vindexes.get(x.name))
    .filter((v) => v && findVindexType(v.type) && isBackfilling(findVindexType(v.type)!, v.params))
    .map((v) => v!.name);
  const extra = backfilling.length ? `; lookup ${backfilling.map(code).join(', ')} is write_only (backfilling) and not used` : '';
  return `no equality on primary vindex column ${code(cols)} of ${code(t.name)}${extra}: every shard of ${code(keyspace)} (${total})`;
}

/** The reported routes as the user thinks of them: a VindexLookup and its two inputs are one route. */
function logicalRoutes(plan: StatementPlan): number[] {
  const out: number[] = [];
  plan.routes.forEach((r, i) => {
    if (!r.role) out.push(i);
  });
  return out;
}

/** Fanout class of the logical route at `i` (a VindexLookup counts with its lookup read and destination). */
function classOf(plan: StatementPlan, i: number): Fanout {
  const r = plan.routes[i]!;
  return fanoutOf(r.operator === 'VindexLookup' ? plan.routes.slice(i, i + 3) : [r]);
}

function reasonOf(plan: StatementPlan, routes: RouteReport[]): string {
  if (plan.error) return `vtgate would fail: ${plan.error}`;
  if (routes.length === 0) return 'answered by vtgate itself: no tablet is queried';
  const logical = logicalRoutes(plan);
  const many = logical.length > 1 ? `${logical.length} routes; ` : '';
  const at = logical.find((i) => classOf(plan, i) === 'scatter') ?? logical.find((i) => classOf(plan, i) === 'multi') ?? logical[0]!;
  const worst = routes[at]!;
  const src = plan.routes[at]?.source;
  const opt = src?.routing.type === 'sharded' ? src.routing.option : null;
  const col = opt && opt.table.vtable ? (() => {
    const cv = opt.table.vtable!.columnVindexes[opt.position];
    return cv ? (cv.columns.length ? cv.columns.join(', ') : cv.column) : opt.vindex.name;
  })() : '';
  if (worst.operator === 'VindexLookup' && opt) return many + lookupReason(plan, routes, at, col);
  let why: string;
  switch (worst.variant) {
    case 'Scatter':
      why = scatterWhy(src, worst.total_shards, worst.keyspace);
      break;
    case 'None':
      why = 'the WHERE clause can never be true (a comparison with NULL or a constant false): no shard is queried';
      break;
    case 'Unsharded':
      why = `unsharded keyspace ${code(worst.keyspace)}: one shard`;
      break;
    case 'Reference':
      why = `reference table or dual: any one shard of ${code(worst.keyspace)}`;
      break;
    case 'DBA':
      why = 'information_schema query: one shard';
      break;
    case 'Next':
      why = `sequence in ${code(worst.keyspace)}: one shard`;
      break;
    case 'Sharded':
      why = `insert into sharded keyspace ${code(worst.keyspace)}: each row goes to the shard of its primary vindex value`;
      break;
    case 'Select':
      why = `insert … select into sharded keyspace ${code(worst.keyspace)}: rows are routed one by one`;
      break;
    default: {
      const shown = opt ? opt.values.map(showValue).join(', ') : '';
      const via = opt ? `${code(col)} ${worst.variant === 'IN' ? 'IN' : worst.variant === 'MultiEqual' ? 'IN (tuples)' : worst.variant === 'SubShard' ? 'prefix' : '='} ${shown.length > 60 ? shown.slice(0, 57) + '…' : shown} through ${opt.unique ? 'unique ' : ''}vindex ${code(opt.vindex.name)} (${opt.type.name})` : 'explicit shard target';
      why = `${via}: ${shardText(worst)}`;
    }
  }
  const writes = routes.flatMap((r) => r.lookup_writes ?? []);
  const also = writes.map((w) => `${w.op === 'insert' ? 'inserts into' : 'deletes from'} lookup table ${code(w.table)} (${w.shards ? (w.shards.length === 1 ? `shard ${w.shards[0]}` : `shards ${w.shards.join(', ')}`) + ` of ${code(w.keyspace)}` : `up to ${w.shard_count} of ${w.total_shards} shards of ${code(w.keyspace)}`})`);
  return many + why + (also.length ? `; also ${also.join(', ')}` : '');
}

/**
 * Why a VindexLookup routes where it does: the compared values, the read of the lookup table (its
 * shards, or why it scatters) and the shards the lookup rows name.
 */
function lookupReason(plan: StatementPlan, routes: RouteReport[], at: number, col: string): string {
  const vl = plan.routes[at]!;
  const read = routes[at + 1]!;
  const dest = routes[at + 2]!;
  const v = vl.lookup!;
  const opt = vl.source?.routing.type === 'sharded' ? vl.source.routing.option : null;
  const shown = opt ? opt.values.map(showValue).join(', ') : '';
  const table = v.params.table ?? v.name;
  const readText = read.variant === 'Scatter'
    ? `every shard of ${code(read.keyspace)} (${read.total_shards}): the lookup table is not sharded by its \`from\` column ${code((v.params.from ?? '').split(',')[0]!.trim())}`
    : read.variant === 'Unsharded' ? `unsharded keyspace ${code(read.keyspace)}` : shardText(read);
  const destText = dest.shard_count === 1 && vl.variant === 'EqualUnique'
    ? `1 of ${dest.total_shards} shards (the one its lookup row names)`
    : `up to ${dest.shard_count} of ${dest.total_shards} shards (the ones its lookup rows name)`;
  const op = vl.variant === 'IN' ? 'IN' : vl.variant === 'MultiEqual' ? 'IN (tuples)' : '=';
  return `${code(col)} ${op} ${shown.length > 60 ? shown.slice(0, 57) + '…' : shown} through ${opt?.unique ? 'unique ' : ''}lookup vindex ${code(v.name)} (${opt?.type.name ?? v.type}): reads lookup table ${code(table)} (${readText}), then ${destText}`;
}

/** Shards of one lookup-table write: routed like a query on the lookup table with the written `from` values. */
function lookupWriteReport(w: LookupWrite, topology: Topology): LookupWriteReport {
  const opt = w.route.routing.type === 'sharded' ? w.route.routing.option : null;
  const variant = w.route.routing.type === 'anyshard' ? 'Unsharded' : opt ? 'IN' : 'Scatter';
  const as: OutRoute = { operator: 'Route', variant, keyspace: w.keyspace, vindex: opt?.vindex.name ?? null, values: [], source: w.route };
  const sh = routeShards(as, topology);
  return { op: w.op, vindex: w.vindex.name, table: w.vindex.params.table ?? '', keyspace: w.keyspace, shards: sh.shards, shard_count: sh.shard_count, total_shards: sh.total_shards };
}

/**
 * Every tablet (`keyspace/shard`) the statement reaches — its routes and the lookup-table writes of its
 * DML, as vtexplain lists them in TabletActions — or null when some of them are only known at run time
 * (lookup rows, bind variables, a reference table's "any shard", the shard vtgate picks for a route
 * that needs none) and the known ones do not already
 * cover every shard of that keyspace. The VindexLookup node itself reaches nothing.
 */
export function touchedShards(report: QueryReport): string[] | null {
  const known = new Map<string, Set<string>>();
  const unknown = new Map<string, number>();
  for (const r of report.routes) {
    if (r.operator === 'VindexLookup') continue;
    const seq = r.sequence ? [{ keyspace: r.sequence.keyspace, shards: r.sequence.shards, total_shards: 1 }] : [];
    const parts: Array<{ keyspace: string; shards: string[] | null; total_shards: number }> = [r, ...(r.lookup_writes ?? []), ...seq];
    for (const p of parts) {
      if (!known.has(p.keyspace)) known.set(p.keyspace, new Set());
      // No shard (None, a NULL through hash): vtgate still asks one shard of its choice for the fields.
      if (!p.shards || p.shards.length === 0) unknown.set(p.keyspace, p.total_shards);
      else for (const s of p.shards) known.get(p.keyspace)!.add(s);
    }
  }
  for (const [ks, total] of unknown) if (known.get(ks)!.size < total) return null;
  return [...known].flatMap(([ks, set]) => [...set].map((s) => `${ks}/${s}`)).sort();
}

/**
 * Shards of a Between route: the key range from the low end's keyspace id to the high end's, both
 * included (engine/routing.go resolveShardsBetween through the vindex's RangeMap); unknown when an end is
 * not a literal or the range is reversed.
 */
function betweenShards(opt: VindexOption, all: readonly Shard[], total: number): Pick<RouteReport, 'shards' | 'shard_count' | 'total_shards' | 'keyspace_ids'> {
  const ends = opt.values[0]?.kind === 'list' ? opt.values[0].items.map(toSql) : [];
  const ids = ends.length === 2 && ends.every((x) => x !== null) ? ends.map((v) => mapToDestination(opt.type.name, opt.vindex.params, [v!])) : [];
  if (ids.length !== 2 || ids.some((d) => d.kind !== 'ksid')) return { shards: null, shard_count: total, total_shards: total };
  const [lo, hi] = ids.map((d) => (d as { ksid: Uint8Array }).ksid) as [Uint8Array, Uint8Array];
  if (Buffer.compare(Buffer.from(lo), Buffer.from(hi)) > 0) return { shards: null, shard_count: total, total_shards: total };
  const hit = new Set(shardsFor(all, { start: lo, end: hi }).map((s) => s.name));
  const last = shardFor(all, hi);
  if (last) hit.add(last.name);
  const list = all.filter((s) => hit.has(s.name)).map((s) => s.name);
  return { shards: list, shard_count: list.length, total_shards: total, keyspace_ids: [hex(lo), hex(hi)] };
}
