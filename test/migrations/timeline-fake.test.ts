/**
 * The timeline fake keeps the quirks of vtctld v24 that the migrations code must survive
 * (vitess-deploy.md §2.5/§2.6): if the fake drifted, the scenario tests would prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { VtctldError } from '../../src/vtctld/client.js';
import { applySchemaRequest, planSubmission } from '../../src/migrations/submission.js';
import { MigrationTimeline } from '../fakes/migration-timeline.js';
import { rejection } from '../helpers.js';

const stmts = (...sql: string[]) => sql.map((s, i) => ({ sql: s, file: 'a.sql', line: i + 1 }));


describe('MigrationTimeline follows vtctld', () => {
  it('GetSchemaMigrations: exclusive filters (uuid > context > status > recent), bad uuid refused', async () => {
    const t = new MigrationTimeline({ shards: ['-80', '80-'] });
    const a = planSubmission('customer', 'ctx-a', 'vitess', stmts('ALTER TABLE a ADD x int'));
    const b = planSubmission('customer', 'ctx-b', 'vitess', stmts('ALTER TABLE b ADD y int'));
    await t.applySchema(applySchemaRequest(a));
    await t.sleep(3600_000);
    await t.applySchema(applySchemaRequest(b));
    const uuidA = a.migrations[0]!.uuid;
    expect((await t.getSchemaMigrations({ keyspace: 'customer', uuid: uuidA, migrationContext: 'ctx-b' })).map((r) => r.uuid)).toEqual([uuidA, uuidA]);
    expect(new Set((await t.getSchemaMigrations({ keyspace: 'customer', migrationContext: 'ctx-b', recentSeconds: 1 })).map((r) => r.migrationContext))).toEqual(new Set(['ctx-b']));
    expect(await t.getSchemaMigrations({ keyspace: 'customer', recentSeconds: 60 })).toHaveLength(2);
    expect(await t.getSchemaMigrations({ keyspace: 'customer' })).toHaveLength(4);
    expect((await rejection(t.getSchemaMigrations({ keyspace: 'customer', uuid: 'not-a-uuid' }))).details).toBe('not-a-uuid is not a valid UUID');
  });

  it('limit and skip apply per shard; the order across shards is arbitrary', async () => {
    const t = new MigrationTimeline({ seed: 7 });
    await t.applySchema(applySchemaRequest(planSubmission('customer', 'c', 'vitess', stmts('ALTER TABLE a ADD x int', 'ALTER TABLE b ADD y int', 'ALTER TABLE c ADD z int'))));
    const limited = await t.getSchemaMigrations({ keyspace: 'customer', limit: 1, order: 'DESCENDING' });
    expect(limited).toHaveLength(8); // one per shard, not one in all
    expect(new Set(limited.map((r) => r.table))).toEqual(new Set(['c']));
    const all = await t.getSchemaMigrations({ keyspace: 'customer' });
    expect(all.map((r) => r.shard)).not.toEqual([...all.map((r) => r.shard)].sort());
  });

  it('a shard without a primary is silently missing from GetSchemaMigrations; ApplySchema and directives refuse', async () => {
    const t = new MigrationTimeline({ shards: ['-80', '80-'], scripts: { '80-': { noPrimary: true } } });
    const plan = planSubmission('customer', 'c', 'vitess', stmts('ALTER TABLE a ADD x int'));
    expect(await rejection(t.applySchema(applySchemaRequest(plan)))).toMatchObject({ code: 'UNKNOWN', details: 'shard: 80- does not have a primary' });
    expect((await rejection(t.migrationDirective('cancel', 'customer', plan.migrations[0]!.uuid))).details).toBe('shard: 80- does not have a primary');
    t.scripts['80-'] = {};
    await t.applySchema(applySchemaRequest(plan));
    t.scripts['80-'] = { noPrimary: true };
    expect((await t.getSchemaMigrations({ keyspace: 'customer' })).map((r) => r.shard)).toEqual(['-80']);
  });

  it('a partial ApplySchema stops at the first failing statement, keeps what landed, and returns no body', async () => {
    const t = new MigrationTimeline({ shards: ['-80', '80-'], scripts: { '80-': { rejectSubmissions: 1 } } });
    const plan = planSubmission('customer', 'c', 'vitess', stmts('ALTER TABLE a ADD x int', 'ALTER TABLE b ADD y int'));
    const e = await rejection(t.applySchema(applySchemaRequest(plan)));
    expect(e.details).toMatch(/^schema change failed, ExecuteResult: \{"FailedShards":\[\{"Shard":"80-"/);
    expect((await t.getSchemaMigrations({ keyspace: 'customer' })).map((r) => `${r.table}/${r.shard}`)).toEqual(['a/-80']);
    // The identical request finishes it; -80's existing row is a no-op.
    expect(await t.applySchema(applySchemaRequest(plan))).toEqual({ uuidList: plan.migrations.map((m) => m.uuid), rowsAffectedByShard: { '-80': 1, '80-': 1 } });
    expect((await t.getSchemaMigrations({ keyspace: 'customer' })).map((r) => `${r.table}/${r.shard}`).sort()).toEqual(['a/-80', 'a/80-', 'b/-80', 'b/80-']);
  });

  it('resubmission: same context retries a failed row; another context is rejected; same context + SQL as a complete one is a duplicate', async () => {
    const t = new MigrationTimeline({ shards: ['-80', '80-'], scripts: { '-80': { failRuns: 1 } } });
    const plan = planSubmission('customer', 'ctx', 'vitess', stmts('ALTER TABLE a ADD x int'));
    await t.applySchema(applySchemaRequest(plan));
    await t.sleep(30_000);
    expect((await t.getSchemaMigrations({ keyspace: 'customer', uuid: plan.migrations[0]!.uuid })).find((r) => r.shard === '-80')!.status).toBe('FAILED');
    await t.applySchema(applySchemaRequest(plan));
    expect((await t.getSchemaMigrations({ keyspace: 'customer', uuid: plan.migrations[0]!.uuid })).find((r) => r.shard === '-80')).toMatchObject({ status: 'QUEUED', retries: 1 });
    const other = { ...applySchemaRequest(plan), migrationContext: 'other' };
    expect((await rejection(t.applySchema(other))).details).toContain(`migration rejected: found migration ${plan.migrations[0]!.uuid} with different context: ctx than submitted migration's context: other`);
    await t.sleep(3600_000);
    const again = { ...applySchemaRequest(plan), uuidList: ['00000000_0000_8000_8000_000000000001'] };
    await t.applySchema(again);
    const dup = await t.getSchemaMigrations({ keyspace: 'customer', uuid: again.uuidList[0]! });
    expect(dup.map((r) => [r.status, r.message])).toEqual([
      ['COMPLETE', `duplicate DDL as ${plan.migrations[0]!.uuid} for migration context ctx`],
      ['COMPLETE', `duplicate DDL as ${plan.migrations[0]!.uuid} for migration context ctx`],
    ]);
  });

  it('directives: rows affected by shard; terminal rows are a no-op; retry only moves failed/cancelled rows', async () => {
    const t = new MigrationTimeline({ shards: ['-80', '80-'] });
    const plan = planSubmission('customer', 'ctx', 'vitess --postpone-completion', stmts('ALTER TABLE a ADD x int'));
    await t.applySchema(applySchemaRequest(plan));
    const uuid = plan.migrations[0]!.uuid;
    expect(await t.migrationDirective('retry', 'customer', uuid)).toEqual({ '-80': 0, '80-': 0 });
    expect(await t.migrationDirective('cancel', 'customer', uuid)).toEqual({ '-80': 1, '80-': 1 });
    expect(await t.migrationDirective('cancel', 'customer', uuid)).toEqual({ '-80': 0, '80-': 0 });
    expect(await t.migrationDirective('retry', 'customer', uuid)).toEqual({ '-80': 1, '80-': 1 });
    expect((await t.getSchemaMigrations({ keyspace: 'customer' })).map((r) => [r.status, r.retries])).toEqual([['QUEUED', 1], ['QUEUED', 1]]);
  });
});
