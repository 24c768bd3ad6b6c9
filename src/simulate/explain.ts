/**
 * Turns a statement plan into what a reviewer reads: each route with the shards it reaches on the
 * mock topology (real keyspace ids for functional vindexes, "unknown which" for lookups and bind
 * variables) and a one-line reason.
 */
import type { Topology } from '../topology/topology.js';
import { shardFor, shardsFor } from '../topology/topology.js';
import { type SqlValue, hex, mapToDestination } from '../vindexes/keyspace-id.js';
import { isBackfilling, findVindexType } from '../vindexes/registry.js';
import { likePrefix } from './vindex-options.js';
import type { StatementPlan } from './simulate.js';
import { MULTI_SHARD, type OutRoute, type PVal, type RouteSource } from './types.js';
import { prefixRange } from '../vindexes/keyspace-id.js';
import { showValue } from './values.js';

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

const toSql = (v: PVal): SqlValue | null => {
  if (v.kind !== 'lit') return null;
  switch (v.type) {
    case 'int':
      return { type: 'int', text: v.text };
    case 'float':
      return { type: 'float', text: v.text };
    case 'hex':
      return { type: 'hex', text: v.text };
    case 'null':
      return { type: 'null', text: '' };
    default:
      return { type: 'str', text: v.text };
  }
};

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

function reasonOf(plan: StatementPlan, routes: RouteReport[]): string {
  if (plan.error) return `vtgate would fail: ${plan.error}`;
  if (routes.length === 0) return 'answered by vtgate itself: no tablet is queried';
  const many = routes.filter((r) => r.operator !== 'VindexLookup').length > 1 ? `${routes.length} routes; ` : '';
  const worst = routes.find((r) => r.variant === 'Scatter') ?? routes.find((r) => MULTI_SHARD.has(r.variant)) ?? routes[0]!;
  const src = plan.routes[routes.indexOf(worst)]?.source;
  const opt = src?.routing.type === 'sharded' ? src.routing.option : null;
  const col = opt && opt.table.vtable ? (() => {
    const cv = opt.table.vtable!.columnVindexes[opt.position];
    return cv ? (cv.columns.length ? cv.columns.join(', ') : cv.column) : opt.vindex.name;
  })() : '';
  const lookup = routes.find((r) => r.operator === 'VindexLookup');
  let why: string;
  switch (worst.variant) {
    case 'Scatter': {
      const before = routes[routes.indexOf(worst) - 1];
      const lookupVindex = before?.operator === 'VindexLookup' ? plan.routes[routes.indexOf(before)]?.lookup : undefined;
      why = lookupVindex
        ? `lookup vindex ${code(lookupVindex.name)} reads ${code(lookupVindex.params.table ?? '?')}, which is not sharded by its \`from\` column ${code((lookupVindex.params.from ?? '?').split(',')[0]!.trim())}: every shard of ${code(worst.keyspace)} (${worst.total_shards}) for each lookup`
        : scatterWhy(src, worst.total_shards, worst.keyspace);
      break;
    }
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
      why = lookup ? `${via}: reads lookup table ${code(lookup && opt?.vindex.params.table ? opt.vindex.params.table : '?')} first, then ${shardText(routes[routes.indexOf(lookup) + 2] ?? worst)}` : `${via}: ${shardText(worst)}`;
    }
  }
  return many + why;
}
