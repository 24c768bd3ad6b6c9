import { describe, expect, it } from 'vitest';
import { buildTopology, shardFor } from '../../src/topology/topology.js';
import { loadClusters } from '../../src/vschema/load.js';

const cluster = loadClusters([{ path: 'c.json', text: '{"keyspaces": {"customer": {"sharded": true}, "commerce": {}}}' }]).clusters[0]!;
const names = (spec: unknown, ks = 'customer'): string[] => buildTopology(cluster, spec).topology.get(ks)!.map((s) => s.name);

describe('mock topology', () => {
  it('defaults like vtexplain: 2 shards per sharded keyspace, 1 per unsharded', () => {
    expect(names(null)).toEqual(['-80', '80-']);
    expect(names(null, 'commerce')).toEqual(['0']);
  });
  it('accepts counts, names (also under "keyspaces") and vtexplain --ks-shard-map', () => {
    expect(names({ customer: 4 })).toEqual(['-40', '40-80', '80-c0', 'c0-']);
    expect(names({ keyspaces: { customer: ['-c0', 'c0-'] } })).toEqual(['-c0', 'c0-']);
    const map = {
      customer: {
        '-80': { key_range: { start: '', end: 'gA==' }, is_primary_serving: true },
        '80-': { key_range: { start: 'gA==', end: '' }, is_primary_serving: true },
        'old': { key_range: { start: '', end: '' }, is_primary_serving: false },
      },
    };
    const t = buildTopology(cluster, map);
    expect(t.problems).toEqual([]);
    expect(t.topology.get('customer')!.map((s) => s.name)).toEqual(['-80', '80-']);
    expect(shardFor(t.topology.get('customer')!, Buffer.from('9000', 'hex'))!.name).toBe('80-');
  });
  it('reports gaps, overlaps, bad names, bad counts and unknown keyspaces', () => {
    const p = (spec: unknown): string[] => buildTopology(cluster, spec).problems;
    expect(p({ customer: ['-40', '80-'] })).toEqual(['keyspace "customer": shards -40 and 80- leave a gap or overlap']);
    expect(p({ customer: ['-80', '40-'] })[0]).toMatch(/gap or overlap/);
    expect(p({ customer: ['-8', '8-'] })[0]).toMatch(/hex with an even number of digits/);
    expect(p({ customer: 3 })).toEqual(['keyspace "customer": the shard count must be a power of two: 3']);
    expect(p({ nope: 2 })).toEqual(['topology names keyspace "nope", which the VSchema does not define']);
  });
});
