// Lookup vindexes as vtgate uses them (issue 14), on fixtures/oracle/music with 4 shards per sharded
// keyspace. Expected tablets are vtexplain v0.24.4's TabletActions for the same statements.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { explainPlan, touchedShards } from '../../src/simulate/explain.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { buildTopology } from '../../src/topology/topology.js';
import { loadClusters } from '../../src/vschema/load.js';

const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/oracle/music/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);
const topology = buildTopology(cluster, { sharded: 4, unsharded: 1 }).topology;
const run = (sql: string) => {
  const plan = planStatement(ctx, sql);
  return { plan, report: explainPlan(plan, topology) };
};

describe('equality on a unique lookup vindex column', () => {
  it('is one lookup then one shard: single-shard, with the lookup table named', () => {
    const { plan, report } = run("select * from user where name = 'bob'");
    expect(plan.routes.map((r) => `${r.operator}:${r.variant}@${r.keyspace}`)).toEqual(['VindexLookup:EqualUnique@sharded', 'Route:IN@sharded', 'Route:ByDestination@sharded']);
    expect(plan.fanout).toBe('single');
    expect(report.fanout).toBe('single');
    expect(report.reason).not.toContain('`?`');
    expect(report.reason).not.toMatch(/^\d+ routes/);
    expect(report.reason).toContain('lookup table `name_user_idx`');
    // The lookup table is sharded by xxhash(name): its read goes to one known shard.
    expect(report.routes[1]!.shards).toHaveLength(1);
    expect(report.routes[2]!.shard_count).toBe(1);
  });

  it('counts a non-unique lookup and an IN list as multi-shard', () => {
    expect(run('select * from music where music_id = 5').plan.fanout).toBe('multi');
    expect(run("select * from user where name in ('a', 'b')").plan.fanout).toBe('multi');
  });
});

describe('DML on tables with owned lookup vindexes writes the lookup tables too', () => {
  it.each([
    ["insert into user (user_id, name, email) values (1, 'bob', 'bob@x.com')", ['sharded/-40', 'unsharded/-']],
    ["insert into user (user_id, name, email) values (1, 'bob', 'bob@x.com'), (2, 'alice', 'a@x.com'), (3, 'carol', 'c@x.com')", ['sharded/-40', 'sharded/40-80', 'unsharded/-']],
    ["insert into music (user_id, music_id, genre) values (1, 2, 'rock')", ['sharded/-40', 'unsharded/-']],
  ])('%s reaches the tablets vtexplain lists', (sql, tablets) => {
    const { report } = run(sql);
    expect(report.routes[0]!.lookup_writes!.map((w) => `${w.op} ${w.table}`)).toEqual(
      sql.includes('music') ? ['insert music_user_idx', 'insert unsharded.genre_idx'] : ['insert name_user_idx', 'insert unsharded.email_user_idx'],
    );
    expect(touchedShards(report)).toEqual(tablets);
    expect(report.reason).toContain('also inserts into lookup table');
  });

  it('UPDATE of an owned lookup column deletes the old lookup row and inserts the new one; DELETE deletes them all', () => {
    const up = run("update user set name = 'x' where user_id = 1").report;
    expect(up.routes[0]!.lookup_writes!.map((w) => `${w.op} ${w.table}`)).toEqual(['delete name_user_idx', 'insert name_user_idx']);
    // vtexplain reaches sharded/-40 and sharded/80-c0: the user row and the new lookup row (xxhash('x'))
    // on -40, the old lookup row where its fake data put it. The old row's shard is only in the data.
    expect(up.routes[0]!.lookup_writes![0]!.shards).toBeNull();
    expect(up.routes[0]!.lookup_writes![1]!.shards).toEqual(['-40']);
    expect(touchedShards(up)).toBeNull();
    const del = run('delete from user where user_id = 1').report;
    expect(del.routes[0]!.lookup_writes!.map((w) => `${w.op} ${w.table}`)).toEqual(['delete name_user_idx', 'delete unsharded.email_user_idx']);
    expect(run('update user set country_id = 3 where user_id = 1').report.routes[0]!.lookup_writes).toBeUndefined();
  });
});
