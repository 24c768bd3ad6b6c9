// lookup_unicodeloosemd5_hash(_unique) keeps the uint64 unicodeHashValue of each value in its lookup
// table's `from` column (vitessio/vitess go/vt/vtgate/vindexes/lookup_unicodeloosemd5_hash.go
// convertIds), so the lookup table's own vindex routes that number, not the text. And tables keyed by
// unicode_loose_md5 / unicode_loose_xxhash route text to one known shard.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { explainPlan, touchedShards } from '../../src/simulate/explain.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { buildTopology, shardFor } from '../../src/topology/topology.js';
import { collationWeights } from '../../src/vindexes/collate-hasher.js';
import { mapToDestination } from '../../src/vindexes/keyspace-id.js';
import { loadClusters } from '../../src/vschema/load.js';

const vschema = {
  ks: {
    sharded: true,
    vindexes: {
      hash: { type: 'hash' },
      md5: { type: 'unicode_loose_md5' },
      xx: { type: 'unicode_loose_xxhash' },
      name_idx: { type: 'lookup_unicodeloosemd5_hash_unique', params: { table: 'name_idx', from: 'name', to: 'user_id' }, owner: 'user' },
    },
    tables: {
      user: { column_vindexes: [{ column: 'user_id', name: 'hash' }, { column: 'name', name: 'name_idx' }] },
      name_idx: { column_vindexes: [{ column: 'name', name: 'hash' }] },
      account: { column_vindexes: [{ column: 'email', name: 'md5' }] },
      tag: { column_vindexes: [{ column: 'label', name: 'xx' }] },
    },
  },
};
const cluster = loadClusters([{ path: 'vschema.json', text: JSON.stringify(vschema) }]).clusters[0]!;
const ctx = makeContext(cluster);
const topology = buildTopology(cluster, { ks: 16 }).topology;
const shards = topology.get('ks')!;
const run = (sql: string) => explainPlan(planStatement(ctx, sql), topology);

/** The shard of `text`'s lookup row: hash(uint64 of the first 8 bytes of md5(collation weights)). */
function lookupShard(text: string): string {
  const h = crypto.createHash('md5').update(collationWeights(Buffer.from(text, 'utf8'))).digest().readBigUInt64BE(0);
  const d = mapToDestination('hash', {}, [{ type: 'int', text: h.toString() }]);
  return d.kind === 'ksid' ? shardFor(shards, d.ksid)!.name : JSON.stringify(d);
}

describe('lookup_unicodeloosemd5_hash_unique', () => {
  // Not LookupPlanable in Vitess: a SELECT maps through it at run time (one shard, unknown which);
  // the lookup-table writes of DML are planned, on the shard of the hashed value.
  it('writes the lookup row of an INSERT on the shard of the hashed value, whatever the case and accents', () => {
    for (const name of ['Ångström', 'ANGSTROM', 'a\u030angstro\u0308m  ']) {
      const r = run(`insert into user (user_id, name) values (1, '${name}')`);
      expect(r.routes[0]!.lookup_writes!.map((w) => w.shards)).toEqual([[lookupShard('angstrom')]]);
    }
    expect(lookupShard('alice')).not.toBe(lookupShard('bob')); // 16 shards: a collision is possible, not here
    const two = run("insert into user (user_id, name) values (1, 'alice'), (2, 'bob')");
    expect(two.routes[0]!.lookup_writes![0]!.shards).toEqual([lookupShard('alice'), lookupShard('bob')].sort());
  });
  it('inserts the new lookup row of an UPDATE on the shard of the hashed value', () => {
    const r = run("update user set name = 'Zoë' where user_id = 1");
    expect(r.routes[0]!.lookup_writes!.map((w) => `${w.op} ${JSON.stringify(w.shards)}`)).toEqual(['delete null', `insert ["${lookupShard('zoe')}"]`]);
  });
  it('leaves a value that is not UTF-8 to run time (vtgate fails the query)', () => {
    expect(run("insert into user (user_id, name) values (1, x'ff')").routes[0]!.lookup_writes![0]!.shards).toBeNull();
  });
  it('maps a SELECT at run time: one shard, unknown which', () => {
    const r = run("select * from user where name = 'Zoë'");
    expect([r.fanout, r.routes[0]!.shards, r.routes[0]!.shard_count]).toEqual(['single', null, 1]);
  });
});

describe('tables keyed by unicode_loose_* vindexes', () => {
  it('route an equality on the text to the one shard of its keyspace id', () => {
    for (const [sql, type, text] of [
      ["select * from account where email = 'Bob@Example.com'", 'unicode_loose_md5', 'bob@example.com'],
      ["select * from tag where label = 'Straße'", 'unicode_loose_xxhash', 'STRASSE'],
    ] as const) {
      const d = mapToDestination(type, {}, [{ type: 'str', text }]);
      const r = run(sql);
      expect(r.fanout).toBe('single');
      expect(r.routes[0]!.shards).toEqual([d.kind === 'ksid' && shardFor(shards, d.ksid)!.name]);
    }
  });
});

describe('agrees with vtexplain v0.24.4 (--shards 16, same VSchema; its TabletActions)', () => {
  it.each([
    ["insert into user (user_id, name) values (1, 'Ångström')", ['ks/10-20', 'ks/70-80']],
    ["insert into user (user_id, name) values (1, 'alice'), (2, 'bob')", ['ks/-10', 'ks/10-20', 'ks/60-70', 'ks/c0-d0']],
    ["select * from account where email = 'Bob@Example.com'", ['ks/b0-c0']],
    ["select * from tag where label = 'Straße'", ['ks/-10']],
    ["select * from account where email = 'Zoë'", ['ks/40-50']],
  ])('%s reaches %j', (sql, tablets) => {
    expect(touchedShards(run(sql))).toEqual(tablets);
  });
});
