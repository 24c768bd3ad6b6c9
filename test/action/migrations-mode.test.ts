import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/action/inputs.js';
import { runMigrationsMode, type MigrationsModeDeps } from '../../src/action/migrations-mode.js';
import { ConnectionOptionsError } from '../../src/vtctld/connection-options.js';
import { applySchemaRequest, planSubmission } from '../../src/migrations/submission.js';
import { MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';

const ENV = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '4f1c2e9d0000000000000000000000000000abcd' };
const CTX = `${ENV.GITHUB_REPOSITORY}@${ENV.GITHUB_SHA}`;

async function timeline(scripts: Record<string, ShardScript> = {}): Promise<MigrationTimeline> {
  const t = new MigrationTimeline({ scripts });
  await t.applySchema(applySchemaRequest(planSubmission('customer', CTX, 'vitess --postpone-completion', [{ sql: 'ALTER TABLE customer ADD COLUMN email varchar(128)', file: 'a.sql', line: 1 }])));
  return t;
}

function recorder(t: MigrationTimeline) {
  const r = { summaries: [] as string[], outputs: {} as Record<string, string>, failed: null as string | null, info: [] as string[] };
  const deps: MigrationsModeDeps = {
    connect: (s) => {
      if (!s.vtctld) throw new ConnectionOptionsError('--vtctld HOST:PORT is required');
      return t;
    },
    now: t.now,
    sleep: t.sleep,
    summary: async (md) => void r.summaries.push(md),
    info: (l) => void r.info.push(l),
    output: (n, v) => void (r.outputs[n] = v),
    fail: (m) => void (r.failed = m),
  };
  return { r, deps };
}

const inputs = (o: Record<string, string>) => parseInputs((n) => ({ mode: 'migrations', vtctld: '127.0.0.1:15999', keyspace: 'customer', ...o })[n] ?? '').migrations;

describe('action mode: migrations', () => {
  it('reports this commit\'s migration context in the job summary; running is not a failure', async () => {
    const t = await timeline({ '60-80': { throttle: { fromSeconds: 0, toSeconds: 999, component: 'vplayer' } } });
    await t.sleep(30_000);
    const { r, deps } = recorder(t);
    await runMigrationsMode(inputs({}), ENV, deps);
    expect(r.failed).toBeNull();
    expect(r.outputs).toEqual({ 'migrations-result': 'running' });
    const md = r.summaries.at(-1)!;
    expect(md).toContain(`### vschema-guard migrations: running\n\nKeyspace \`customer\`, migration context \`${CTX}\``);
    expect(md).toMatch(/\| `[0-9a-f_]{36}` +\| customer\.customer +\| COPYING_ROWS +\| 0\/8 +\| 45\.0% +\| 43s +\| throttled on 60-80 by vplayer \|/);
    expect(md).toMatch(/<details><summary>[0-9a-f_]{36} · ALTER TABLE customer ADD COLUMN email varchar\(128\)<\/summary>/);
    expect(md).toMatch(/\| 60-80 +\| COPYING_ROWS +\| 45\.0% +\| 450000\/1000000 +\| 43s +\| 0 +\| throttled by vplayer +\|/);
    expect(t.calls.filter((c) => c.rpc.endsWith('SchemaMigration'))).toEqual([]);
  });

  it('watch: the summary is rewritten as the migration progresses and never completes it (no directive)', async () => {
    const t = await timeline();
    // Someone else (the deploy) completes at the barrier; the report only watches.
    const { r, deps } = recorder(t);
    const sleep = deps.sleep;
    deps.sleep = async (ms) => {
      await sleep(ms);
      // Once the report has shown the barrier.
      if (r.summaries.at(-1)?.includes('| CUTOVER_PENDING ')) {
        const rows = await t.getSchemaMigrations({ keyspace: 'customer' });
        if (rows[0]!.postponeCompletion) await t.migrationDirective('complete', 'customer', rows[0]!.uuid);
      }
    };
    await runMigrationsMode(inputs({ watch: 'true' }), ENV, deps);
    expect(r.failed).toBeNull();
    expect(r.outputs['migrations-result']).toBe('completed');
    expect(r.summaries.length).toBeGreaterThan(3);
    expect(r.summaries.map((s) => /\| (QUEUED|INITIALIZING|COPYING_ROWS|WAITING_FOR_CATCHUP|CUTOVER_PENDING|SWITCHING_TRAFFIC|COMPLETED) /.exec(s)?.[1])).toContain('CUTOVER_PENDING');
    expect(r.summaries.at(-1)).toContain('### vschema-guard migrations: completed');
    expect(t.callsOf('CompleteSchemaMigration')).toHaveLength(1);
  });

  it('failed migrations fail the step with the reason', async () => {
    const t = await timeline({ '-20': { failRuns: 9 }, '20-40': { failRuns: 9 } });
    await t.sleep(25_000);
    const { r, deps } = recorder(t);
    await runMigrationsMode(inputs({}), ENV, deps);
    expect(r.outputs['migrations-result']).toBe('failed');
    expect(r.failed).toContain('breaker: 2 of 8 shards failed (25% > 15%)');
    expect(r.summaries.at(-1)).toContain('failed on -20: Error 1062: Duplicate entry for key PRIMARY');
  });

  it('no migrations, no keyspace, no vtctld, vtctld down: the step fails and says why', async () => {
    const t = new MigrationTimeline();
    let x = recorder(t);
    await runMigrationsMode(inputs({}), ENV, x.deps);
    expect(x.r.failed).toBe(`vschema-guard: no migrations in keyspace customer for migration context ${CTX} (shards without a primary return none)`);
    x = recorder(t);
    await runMigrationsMode(inputs({ keyspace: '' }), ENV, x.deps);
    expect(x.r.failed).toBe('vschema-guard: mode migrations needs the keyspace input');
    x = recorder(t);
    await runMigrationsMode(inputs({ vtctld: '' }), ENV, x.deps);
    expect(x.r.failed).toBe('vschema-guard: --vtctld HOST:PORT is required');
    x = recorder(t);
    t.down = true;
    await runMigrationsMode(inputs({ 'migration-context': 'other' }), ENV, x.deps);
    expect(x.r.failed).toBe('vschema-guard: FindAllShardsInKeyspace (keyspace customer) failed: UNAVAILABLE: connection refused');
    expect(x.r.outputs['migrations-result']).toBe('error');
  });

  it('bad mode and watch inputs are rejected', () => {
    expect(() => parseInputs((n) => ({ mode: 'deploi' })[n] ?? '')).toThrow('input mode: "deploi" is not one of check, migrations');
    expect(() => parseInputs((n) => ({ watch: 'yes' })[n] ?? '')).toThrow('input watch: "yes" is not true or false');
    expect(() => parseInputs((n) => ({ 'rpc-timeout': '30' })[n] ?? '')).toThrow('input rpc-timeout must be a duration');
  });
});
