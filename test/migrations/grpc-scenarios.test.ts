/**
 * The main Online DDL scenarios again, through the real gRPC client and the gRPC fake vtctld whose
 * migration handlers play the per-shard timelines: the same decisions survive the wire (enums, int64s,
 * floats, errors as UNKNOWN with vtctld's text, no response body on a failed ApplySchema).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeDdlPhase, DEFAULT_DDL_STRATEGY, type DdlPhaseDetail } from '../../src/migrations/ddl-phase.js';
import { DEFAULT_POLICY } from '../../src/migrations/decide.js';
import { createVtctldClient } from '../../src/vtctld/grpc-client.js';
import type { VtctldClient } from '../../src/vtctld/client.js';
import type { FakeVtctld } from '../fakes/fake-vtctld.js';
import { MigrationTimeline } from '../fakes/migration-timeline.js';
import { startTimelineServer } from '../fakes/timeline-server.js';
import { ALTER, SCENARIOS } from './scenarios.js';

let server: FakeVtctld | null = null;
let client: VtctldClient | null = null;
afterEach(async () => {
  client?.close();
  await server?.stop();
  server = null;
  client = null;
});

async function setup(timeline: MigrationTimeline): Promise<VtctldClient> {
  server = await startTimelineServer(timeline);
  client = createVtctldClient({ address: server.address, rpcTimeoutMs: 5000 });
  return client;
}

describe('DDL phase over gRPC (fake vtctld playing the timelines)', () => {
  for (const sc of SCENARIOS) {
    it(sc.name, async () => {
      const timeline = new MigrationTimeline({ scripts: sc.scripts });
      const c = await setup(timeline);
      const phase = makeDdlPhase({
        targets: [{ keyspace: 'customer', statements: (sc.sql ?? [ALTER]).map((s, i) => ({ sql: s, file: 'ddl.sql', line: i + 1 })) }],
        ddlStrategy: DEFAULT_DDL_STRATEGY,
        policy: DEFAULT_POLICY,
      });
      const r = await phase({ client: c, deployId: 'acme-shop:3f2a9c1e', now: timeline.now, sleep: timeline.sleep, log: () => {}, dryRun: false });
      expect(r.ok, r.message).toBe(sc.expectOk);
      for (const m of sc.messageHas) expect(r.message).toContain(m);
      const completes = server!.callsOf('CompleteSchemaMigration');
      expect(new Set(completes.map((x) => x.request.uuid)).size).toBe(completes.length);
      if (!sc.expectOk) expect(completes).toHaveLength(0);
    }, 30_000);
  }

  it('a status number this version does not know survives the wire as UNKNOWN_<n>: reported, never COMPLETED', async () => {
    const timeline = new MigrationTimeline({ scripts: { 'e0-': { unknownStatus: 'UNKNOWN_9' } } });
    const c = await setup(timeline);
    const phase = makeDdlPhase({
      targets: [{ keyspace: 'customer', statements: [{ sql: ALTER, file: 'a.sql', line: 1 }] }],
      ddlStrategy: DEFAULT_DDL_STRATEGY,
      policy: DEFAULT_POLICY,
      watch: { timeoutMs: 300_000 },
    });
    const r = await phase({ client: c, deployId: 'acme-shop:3f2a9c1e', now: timeline.now, sleep: timeline.sleep, log: () => {}, dryRun: false });
    expect(r.ok).toBe(false);
    const m = (r.detail as DdlPhaseDetail).migrations[0]!;
    expect(m.unknown_status_shards).toEqual([{ shard: 'e0-', status: 'UNKNOWN_9' }]);
    expect(m.state).not.toBe('COMPLETED');
    expect(server!.callsOf('CompleteSchemaMigration')).toHaveLength(0);
  }, 30_000);

  it('vtctld restarted mid-watch: the client reconnects, the state is recomputed, no duplicate directive', async () => {
    const timeline = new MigrationTimeline();
    const c = await setup(timeline);
    const t0 = timeline.nowMs;
    let down = false;
    let restartedAt = 0;
    const sleep = async (ms: number): Promise<void> => {
      await timeline.sleep(ms);
      // grpc-js reconnects on its own (real-time) backoff: let real time pass for it after the restart.
      if (restartedAt && Date.now() - restartedAt < 4000) await new Promise((res) => setTimeout(res, 100));
      const t = timeline.nowMs - t0;
      if (!down && t >= 50_000 && t < 200_000) {
        down = true;
        await server!.stop();
      } else if (down && t >= 200_000) {
        down = false;
        await server!.restart();
        restartedAt = Date.now();
      }
    };
    const log: string[] = [];
    const phase = makeDdlPhase({
      targets: [{ keyspace: 'customer', statements: [{ sql: ALTER, file: 'a.sql', line: 1 }] }],
      ddlStrategy: DEFAULT_DDL_STRATEGY,
      policy: DEFAULT_POLICY,
      watch: { maxUnavailableMs: 24 * 3600_000 },
    });
    const r = await phase({ client: c, deployId: 'acme-shop:3f2a9c1e', now: timeline.now, sleep, log: (l) => log.push(l), dryRun: false });
    expect(r.ok, r.message).toBe(true);
    expect(log.some((l) => /UNAVAILABLE/.test(l))).toBe(true);
    expect(timeline.callsOf('ApplySchema')).toHaveLength(1);
    expect(timeline.callsOf('CompleteSchemaMigration')).toHaveLength(1);
  }, 60_000);
});
