/**
 * The mock shard topology: shards per keyspace from a topology file, or vtexplain's defaults
 * (`--shards 2` per sharded keyspace, one shard per unsharded keyspace). Accepted file shapes:
 * counts `{"customer": 4}`, names `{"customer": ["-80", "80-"]}` (optionally under `keyspaces`),
 * and vtexplain's `--ks-shard-map` (`{"ks": {"-80": {"key_range": {"start": b64, "end": b64}}}}`).
 */
import type { Cluster } from '../vschema/model.js';
import { type KeyRange, compareKeys, contains, evenShards, intersects, parseShardName } from './key-range.js';

/** One shard of a keyspace. */
export interface Shard {
  name: string;
  range: KeyRange;
}

/** Shards per keyspace (every keyspace of the cluster has an entry). */
export type Topology = Map<string, Shard[]>;

/** Default shard count of a sharded keyspace (vtexplain --shards). */
export const DEFAULT_SHARDS = 2;

const shardOf = (name: string): Shard | string => {
  const r = parseShardName(name);
  return typeof r === 'string' ? r : { name, range: r };
};

/**
 * Builds the topology for `cluster` from a parsed topology file (`spec`, may be null). Returns
 * the topology and problems (unknown keyspaces, bad names, gaps or overlaps), never throws.
 */
export function buildTopology(cluster: Cluster, spec: unknown): { topology: Topology; problems: string[] } {
  const problems: string[] = [];
  const given = new Map<string, Shard[]>();
  const root = isObj(spec) && isObj(spec.keyspaces) ? spec.keyspaces : spec;
  if (spec !== null && spec !== undefined && !isObj(root)) problems.push('topology must be a JSON object: {"<keyspace>": <shard count> | [<shard names>] | {<vtexplain shard map>}}');
  for (const [ks, v] of Object.entries(isObj(root) ? root : {})) {
    if (!cluster.keyspaces.has(ks)) problems.push(`topology names keyspace "${ks}", which the VSchema does not define`);
    let shards: Array<Shard | string> = [];
    if (typeof v === 'number') {
      const names = evenShards(v);
      if (typeof names === 'string') {
        problems.push(`keyspace "${ks}": ${names}`);
        continue;
      }
      shards = names.map(shardOf);
    } else if (Array.isArray(v)) {
      shards = v.map((n) => (typeof n === 'string' ? shardOf(n) : `shard names must be strings, got ${JSON.stringify(n)}`));
    } else if (isObj(v)) {
      for (const [name, info] of Object.entries(v)) {
        if (isObj(info) && info.is_primary_serving === false) continue;
        const kr = isObj(info) && isObj(info.key_range) ? info.key_range : null;
        if (!kr) {
          shards.push(shardOf(name));
          continue;
        }
        const dec = (x: unknown): Uint8Array => Uint8Array.from(Buffer.from(typeof x === 'string' ? x : '', 'base64'));
        shards.push({ name, range: { start: dec(kr.start), end: dec(kr.end) } });
      }
    } else {
      problems.push(`keyspace "${ks}": expected a shard count, a list of shard names or a shard map`);
      continue;
    }
    const bad = shards.filter((s): s is string => typeof s === 'string');
    bad.forEach((b) => problems.push(`keyspace "${ks}": ${b}`));
    const ok = shards.filter((s): s is Shard => typeof s !== 'string');
    const gap = checkCoverage(ok);
    if (gap) problems.push(`keyspace "${ks}": ${gap}`);
    given.set(ks, ok);
  }
  const topology: Topology = new Map();
  for (const ks of cluster.keyspaces.values()) {
    const g = given.get(ks.name);
    if (g && g.length) topology.set(ks.name, g);
    else topology.set(ks.name, ks.sharded ? (evenShards(DEFAULT_SHARDS) as string[]).map((n) => shardOf(n) as Shard) : [{ name: '0', range: { start: new Uint8Array(), end: new Uint8Array() } }]);
  }
  return { topology, problems };
}

/** A layout must cover the whole key space without gaps or overlaps (serving shards). */
function checkCoverage(shards: Shard[]): string | null {
  if (shards.length === 0) return 'no shards';
  const sorted = [...shards].sort((a, b) => compareKeys(a.range.start, b.range.start));
  if (sorted[0]!.range.start.length !== 0) return `no shard covers the start of the key space (first shard ${sorted[0]!.name})`;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!.range.end;
    const cur = sorted[i]!.range.start;
    if (prev.length === 0 || compareKeys(prev, cur) !== 0) return `shards ${sorted[i - 1]!.name} and ${sorted[i]!.name} leave a gap or overlap`;
  }
  if (sorted[sorted.length - 1]!.range.end.length !== 0) return `no shard covers the end of the key space (last shard ${sorted[sorted.length - 1]!.name})`;
  return null;
}

/** The shard owning `ksid`. */
export function shardFor(shards: readonly Shard[], ksid: Uint8Array): Shard | undefined {
  return shards.find((s) => contains(s.range, ksid));
}

/** Shards intersecting a key range. */
export function shardsFor(shards: readonly Shard[], kr: KeyRange): Shard[] {
  return shards.filter((s) => intersects(s.range, kr));
}

function isObj(v: unknown): v is Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
