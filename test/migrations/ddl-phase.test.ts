import { describe, expect, it } from 'vitest';
import type { DdlPhaseResult } from '../../src/deploy/ddl-hook.js';
import { makeDdlPhase, DEFAULT_DDL_STRATEGY, type DdlPhaseDetail } from '../../src/migrations/ddl-phase.js';
import { DEFAULT_POLICY } from '../../src/migrations/decide.js';
import { phaseOfRow } from '../../src/migrations/lifecycle.js';
import { VtctldError, type VtctldClient } from '../../src/vtctld/client.js';
import { EIGHT_SHARDS, MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';
import { ALTER, SCENARIOS } from './scenarios.js';

const DEPLOY = 'acme-shop:3f2a9c1e';

/** Wraps the fake so every directive call records what each shard looked like when it was issued. */
function spied(fake: MigrationTimeline): { client: VtctldClient; completesSeen: string[][] } {
  const completesSeen: string[][] = [];
  const client = Object.create(fake) as VtctldClient;
  client.migrationDirective = async (d, ks, uuid) => {
    if (d === 'complete') {
      const rows = (await fake.getSchemaMigrations({ keyspace: ks, uuid })).sort((a, b) => a.shard.localeCompare(b.shard));
      completesSeen.push(rows.map((r) => `${r.shard}:${phaseOfRow(r)}`));
    }
    return fake.migrationDirective(d, ks, uuid);
  };
  return { client, completesSeen };
}

async function run(
  fake: MigrationTimeline,
  sql: string[] = [ALTER],
  opts: { timeoutMs?: number; dryRun?: boolean; client?: VtctldClient; retries?: number } = {},
): Promise<DdlPhaseResult & { log: string[] }> {
  const log: string[] = [];
  const phase = makeDdlPhase({
    targets: [{ keyspace: 'customer', statements: sql.map((s, i) => ({ sql: s, file: 'ddl/001.sql', line: i + 1 })) }],
    ddlStrategy: DEFAULT_DDL_STRATEGY,
    policy: { ...DEFAULT_POLICY, maxRetries: opts.retries ?? DEFAULT_POLICY.maxRetries },
    watch: opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {},
  });
  const r = await phase({ client: opts.client ?? fake, deployId: DEPLOY, now: fake.now, sleep: fake.sleep, log: (l) => log.push(l), dryRun: opts.dryRun ?? false });
  return { ...r, log };
}

function detailOf(r: DdlPhaseResult): DdlPhaseDetail {
  return r.detail as DdlPhaseDetail;
}

describe('DDL phase over per-shard timelines (in-process fake)', () => {
  for (const sc of SCENARIOS) {
    it(sc.name, async () => {
      const fake = new MigrationTimeline({ scripts: sc.scripts });
      const { client, completesSeen } = spied(fake);
      const r = await run(fake, sc.sql, { client });
      expect(r.ok, r.message).toBe(sc.expectOk);
      for (const m of sc.messageHas) expect(r.message).toContain(m);
      // The barrier: complete only when every shard is ready with completion postponed (or complete), once per uuid.
      for (const seen of completesSeen) {
        expect(seen).toHaveLength(8);
        for (const s of seen) expect(s).toMatch(/:(CUTOVER_PENDING|COMPLETED)$/);
      }
      const completes = fake.callsOf('CompleteSchemaMigration').map((c) => (c.args as { uuid: string }).uuid);
      expect(new Set(completes).size).toBe(completes.length);
      if (r.ok) {
        const d = detailOf(r);
        expect(d.migrations.every((m) => m.state === 'COMPLETED' && m.shards_completed === 8)).toBe(true);
        expect(completes.length).toBe(d.migrations.length);
      }
    });
  }

  it('8 shards: one submission, uuids in the Online DDL format, context = deploy id, strategy as given', async () => {
    const fake = new MigrationTimeline();
    const r = await run(fake);
    expect(r.ok).toBe(true);
    const submits = fake.callsOf('ApplySchema');
    expect(submits).toHaveLength(1);
    const req = submits[0]!.args as { uuidList: string[]; migrationContext: string; ddlStrategy: string; sql: string[] };
    expect(req.uuidList[0]).toMatch(/^[0-f]{8}_[0-f]{4}_[0-f]{4}_[0-f]{4}_[0-f]{12}$/);
    expect(req.migrationContext).toBe(DEPLOY);
    expect(req.ddlStrategy).toBe('vitess --postpone-completion');
    expect(req.sql).toEqual([ALTER]);
    expect(r.log.some((l) => /^complete customer /.test(l))).toBe(true);
  });

  it('1 of 8 failing: RetrySchemaMigration once, then COMPLETED; the deploy record names the retry', async () => {
    const fake = new MigrationTimeline({ scripts: { '40-60': { failRuns: 1, failMessage: 'Error 1205: Lock wait timeout exceeded' } } });
    const r = await run(fake);
    expect(r.ok).toBe(true);
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(1);
    expect(fake.callsOf('CancelSchemaMigration')).toHaveLength(0);
    expect(r.log.join('\n')).toContain('1 of 8 shards failed (12.5% ≤ 15%), retry 1 of 2: 40-60: Error 1205: Lock wait timeout exceeded');
    expect(detailOf(r).migrations[0]!.retries).toBe(1);
  });

  it('1 of 8 failing beyond --retries halts with the shard and its message', async () => {
    const fake = new MigrationTimeline({ scripts: { '40-60': { failRuns: 9, failMessage: 'Error 1062: Duplicate entry' } } });
    const r = await run(fake, [ALTER], { retries: 1 });
    expect(r.ok).toBe(false);
    expect(r.message).toContain('retries exhausted (1)');
    expect(r.message).toContain('40-60: Error 1062: Duplicate entry');
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(1);
    const rows = await fake.getSchemaMigrations({ keyspace: 'customer' });
    expect(rows.filter((x) => x.status !== 'FAILED').every((x) => x.status === 'CANCELLED')).toBe(true);
  });

  it('3 of 8 failing: cancel on the remaining shards, no retry, no complete', async () => {
    const fake = new MigrationTimeline({ scripts: { '-20': { failRuns: 5 }, '20-40': { failRuns: 5 }, '80-a0': { failRuns: 5 } } });
    const r = await run(fake);
    expect(r.ok).toBe(false);
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(0);
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(0);
    expect(fake.callsOf('CancelSchemaMigration')).toHaveLength(1);
    const rows = await fake.getSchemaMigrations({ keyspace: 'customer' });
    expect(rows.map((x) => `${x.shard}:${x.status}`).sort()).toEqual(
      ['-20:FAILED', '20-40:FAILED', '40-60:CANCELLED', '60-80:CANCELLED', '80-a0:FAILED', 'a0-c0:CANCELLED', 'c0-e0:CANCELLED', 'e0-:CANCELLED'].sort(),
    );
    expect(detailOf(r).outcome).toBe('halt');
  });

  it('breaker: a refused cancel is asked again; one refused for good is reported as undone', async () => {
    const scripts = { '-20': { failRuns: 5 }, '20-40': { failRuns: 5 }, '80-a0': { failRuns: 5 } };
    for (const refusals of [1, 99]) {
      const fake = new MigrationTimeline({ scripts });
      let left = refusals;
      const client = Object.create(fake) as VtctldClient;
      client.migrationDirective = async (d, ks, uuid) => {
        if (d === 'cancel' && left-- > 0) {
          fake.calls.push({ rpc: 'CancelSchemaMigration', at: fake.nowMs, args: { refused: true } });
          throw new VtctldError('CancelSchemaMigration', 'UNAVAILABLE', 'connection refused', ks);
        }
        return fake.migrationDirective(d, ks, uuid);
      };
      const r = await run(fake, [ALTER], { client });
      expect(r.ok).toBe(false);
      const rows = await fake.getSchemaMigrations({ keyspace: 'customer' });
      if (refusals === 1) {
        expect(fake.callsOf('CancelSchemaMigration')).toHaveLength(2);
        expect(rows.every((x) => x.status === 'FAILED' || x.status === 'CANCELLED')).toBe(true);
        expect(r.message).not.toContain('WARNING');
      } else {
        expect(fake.callsOf('CancelSchemaMigration')).toHaveLength(4);
        expect(r.message).toMatch(/WARNING, vtctld refused: cancel [0-9a-f_]{36}: CancelSchemaMigration \(keyspace customer\) failed: UNAVAILABLE: connection refused; those migrations may still be running/);
      }
    }
  });

  it('postponed completion: no complete while any shard is still copying', async () => {
    const fake = new MigrationTimeline({ scripts: { ...Object.fromEntries(EIGHT_SHARDS.map((s) => [s, { copySeconds: 5 } satisfies ShardScript])), 'c0-e0': { copySeconds: 900 } } });
    const r = await run(fake);
    expect(r.ok).toBe(true);
    const complete = fake.callsOf('CompleteSchemaMigration');
    expect(complete).toHaveLength(1);
    // c0-e0 is ready at 2 + 1 + 900 + 10 s after submission; complete cannot come earlier.
    const submittedAt = fake.callsOf('ApplySchema')[0]!.at;
    expect(complete[0]!.at - submittedAt).toBeGreaterThanOrEqual(913_000);
  });

  it('throttled shards are named with the throttling component while they run', async () => {
    const fake = new MigrationTimeline({ scripts: { '60-80': { throttle: { fromSeconds: 0, toSeconds: 1000, component: 'vplayer' }, copySeconds: 500 } } });
    const seen: string[] = [];
    const phase = makeDdlPhase({
      targets: [{ keyspace: 'customer', statements: [{ sql: ALTER, file: 'a.sql', line: 1 }] }],
      ddlStrategy: DEFAULT_DDL_STRATEGY,
      policy: DEFAULT_POLICY,
      onObservation: (obs) => seen.push(...obs.migrations.flatMap((m) => m.throttledShards.map((t) => `${t.shard}:${t.component}`))),
    });
    const r = await phase({ client: fake, deployId: DEPLOY, now: fake.now, sleep: fake.sleep, log: () => {}, dryRun: false });
    expect(r.ok).toBe(true);
    expect(new Set(seen)).toEqual(new Set(['60-80:vplayer']));
  });

  it('vtctld down mid-watch: state recomputed from vtctld, no duplicate directive, no second submission', async () => {
    const fake = new MigrationTimeline();
    const submittedAt = fake.nowMs;
    // Down from 50 s to 200 s after the start: across the moment every shard becomes ready (≈73 s).
    const sleep = async (ms: number): Promise<void> => {
      await fake.sleep(ms);
      const t = fake.nowMs - submittedAt;
      fake.down = t >= 50_000 && t < 200_000;
    };
    const log: string[] = [];
    const phase = makeDdlPhase({ targets: [{ keyspace: 'customer', statements: [{ sql: ALTER, file: 'a.sql', line: 1 }] }], ddlStrategy: DEFAULT_DDL_STRATEGY, policy: DEFAULT_POLICY });
    const r = await phase({ client: fake, deployId: DEPLOY, now: fake.now, sleep, log: (l) => log.push(l), dryRun: false });
    expect(r.ok, r.message).toBe(true);
    expect(log.some((l) => l.includes('UNAVAILABLE'))).toBe(true);
    expect(log.some((l) => l.includes('vtctld answers again'))).toBe(true);
    expect(fake.callsOf('ApplySchema')).toHaveLength(1);
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(1);
    expect(fake.callsOf('CompleteSchemaMigration')[0]!.at - submittedAt).toBeGreaterThanOrEqual(200_000);
  });

  it('a shard loses its primary mid-watch: named as missing (no primary), the barrier waits for it, then completes', async () => {
    const fake = new MigrationTimeline();
    const t0 = fake.nowMs;
    const seen: string[] = [];
    const sleep = async (ms: number): Promise<void> => {
      await fake.sleep(ms);
      const t = fake.nowMs - t0;
      fake.scripts['c0-e0'] = t >= 40_000 && t < 300_000 ? { noPrimary: true } : {};
    };
    const phase = makeDdlPhase({
      targets: [{ keyspace: 'customer', statements: [{ sql: ALTER, file: 'a.sql', line: 1 }] }],
      ddlStrategy: DEFAULT_DDL_STRATEGY,
      policy: DEFAULT_POLICY,
      onObservation: (obs) => seen.push(...obs.migrations.flatMap((m) => m.missingShards.map((x) => `${x.shard}:${x.reason}:${m.state}`))),
    });
    const r = await phase({ client: fake, deployId: DEPLOY, now: fake.now, sleep, log: () => {}, dryRun: false });
    expect(r.ok, r.message).toBe(true);
    expect(new Set(seen)).toEqual(new Set(['c0-e0:no-primary:QUEUED']));
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(1);
    expect(fake.callsOf('CompleteSchemaMigration')[0]!.at - t0).toBeGreaterThanOrEqual(300_000);
  });

  it('the tool dies and is re-run: it finds its migrations by context and resumes with no duplicate submission or directive', async () => {
    const fake = new MigrationTimeline({ scripts: { '40-60': { failRuns: 1 } } });
    // First run: stopped after 30 s (the CI job dies) — after the failure and its retry.
    const first = await run(fake, [ALTER], { timeoutMs: 30_000 });
    expect(first.ok).toBe(false);
    expect(first.message).toContain('re-run the deploy to resume');
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(1);
    // Second run: barrier reached, complete issued, then the job dies again right after.
    const second = await run(fake, [ALTER], { timeoutMs: 60_000 });
    expect(second.log.join('\n')).toContain('already submitted under migration context');
    const completes = fake.callsOf('CompleteSchemaMigration').length;
    // Third run: finishes; never a second submission, never a second retry or complete.
    const third = await run(fake);
    expect(third.ok, third.message).toBe(true);
    expect(fake.callsOf('ApplySchema')).toHaveLength(1);
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(1);
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(1);
    expect(completes).toBeLessThanOrEqual(1);
  });

  it('a re-run after the breaker halted reports the halt again and never revives cancelled shards', async () => {
    const fake = new MigrationTimeline({ scripts: { '-20': { failRuns: 5 }, '20-40': { failRuns: 5 }, '80-a0': { failRuns: 5 } } });
    expect((await run(fake)).ok).toBe(false);
    const again = await run(fake);
    expect(again.ok).toBe(false);
    expect(again.message).toContain('breaker');
    expect(fake.callsOf('ApplySchema')).toHaveLength(1);
    expect(fake.callsOf('RetrySchemaMigration')).toHaveLength(0);
    expect(fake.callsOf('CancelSchemaMigration')).toHaveLength(1);
  });

  it('partial ApplySchema (error, no response body): the identical request is resubmitted', async () => {
    const fake = new MigrationTimeline({ scripts: { 'a0-c0': { rejectSubmissions: 1 } } });
    const r = await run(fake, [ALTER, 'ALTER TABLE corder ADD KEY (customer_id)']);
    expect(r.ok, r.message).toBe(true);
    const submits = fake.callsOf('ApplySchema').map((c) => c.args);
    expect(submits).toHaveLength(2);
    expect(submits[1]).toEqual(submits[0]);
    expect(r.log.join('\n')).toMatch(/partially submitted \(missing \w+_\w+_\w+_\w+_\w+ on a0-c0; \w+_\w+_\w+_\w+_\w+ on -20,20-40/);
    expect(r.log.join('\n')).toContain('schema change failed, ExecuteResult:');
  });

  it('an ApplySchema that keeps failing ends the phase with vtctld\'s message', async () => {
    const fake = new MigrationTimeline({ scripts: { 'a0-c0': { rejectSubmissions: 99 } } });
    const r = await run(fake);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('ApplySchema did not complete after 3 attempt(s) for keyspace customer');
    expect(r.message).toContain('tablet for shard a0-c0 is not reachable');
    expect(fake.callsOf('ApplySchema')).toHaveLength(3);
  });

  it('a status this version does not know is reported, never COMPLETED, no crash', async () => {
    const fake = new MigrationTimeline({ scripts: { 'e0-': { unknownStatus: 'UNKNOWN_9' } } });
    const r = await run(fake, [ALTER], { timeoutMs: 600_000 });
    expect(r.ok).toBe(false);
    const m = detailOf(r).migrations[0]!;
    expect(m.state).not.toBe('COMPLETED');
    expect(m.unknown_status_shards).toEqual([{ shard: 'e0-', status: 'UNKNOWN_9' }]);
    expect(fake.callsOf('CompleteSchemaMigration')).toHaveLength(0);
  });

  it('dry run: reads, plans and submits nothing', async () => {
    const fake = new MigrationTimeline();
    const r = await run(fake, [ALTER], { dryRun: true });
    expect(r.ok).toBe(true);
    expect(r.message).toBe('dry run: customer: submit 1 migration(s); nothing submitted');
    expect(fake.callsOf('ApplySchema')).toHaveLength(0);
    expect(r.log.join('\n')).toContain('ddl/001.sql:1 ALTER TABLE customer ADD COLUMN email varchar(128)');
  });

  it('no statements is a failure, not a pass', async () => {
    const r = await run(new MigrationTimeline(), []);
    expect(r.ok).toBe(false);
    expect(r.message).toContain('no statements');
  });

  it('a bad --ddl-strategy fails before anything runs, with Vitess\'s wording', () => {
    expect(() => makeDdlPhase({ targets: [], ddlStrategy: 'gh-ost', policy: DEFAULT_POLICY })).toThrow("Unknown online DDL strategy: 'gh-ost'");
    expect(() => makeDdlPhase({ targets: [], ddlStrategy: 'vitess --postpone-completoin', policy: DEFAULT_POLICY })).toThrow('invalid flags for vitess strategy: --postpone-completoin');
  });
});
