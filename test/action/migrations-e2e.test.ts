// End to end: dist/index.js in `mode: migrations`, as the runner starts it (INPUT_* variables), against the
// gRPC fake vtctld whose migration handlers play per-shard timelines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applySchemaRequest, planSubmission } from '../../src/migrations/submission.js';
import type { FakeVtctld } from '../fakes/fake-vtctld.js';
import { MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';
import { startTimelineServer } from '../fakes/timeline-server.js';
import { runDistAction } from './run-dist.js';

const REPO = 'acme/shop';
const SHA = '4f1c2e9d00000000000000000000000000001234';
let server: FakeVtctld | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function cluster(scripts: Record<string, ShardScript>, advanceMs: number): Promise<FakeVtctld> {
  // The action reads the real clock (throttling is judged against it): the timeline ends at real now.
  const t = new MigrationTimeline({ scripts, startMs: Date.now() - advanceMs });
  server = await startTimelineServer(t);
  const plan = planSubmission('customer', `${REPO}@${SHA}`, 'vitess --postpone-completion', [{ sql: 'ALTER TABLE customer ADD COLUMN email varchar(128)', file: 'a.sql', line: 1 }]);
  await t.applySchema(applySchemaRequest(plan));
  await t.sleep(advanceMs);
  return server;
}

async function runAction(inputs: Record<string, string>): Promise<{ code: number; stdout: string; outputs: Record<string, string>; summary: string }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-mig-'));
  const out = path.join(tmp, 'output');
  const summary = path.join(tmp, 'summary');
  fs.writeFileSync(out, '');
  fs.writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: REPO, GITHUB_SHA: SHA,
    GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: tmp, GITHUB_WORKSPACE: tmp,
  };
  const r = await runDistAction(tmp, env, { mode: 'migrations', keyspace: 'customer', ...inputs });
  fs.rmSync(tmp, { recursive: true, force: true });
  return r;
}

describe('the action, mode: migrations (dist/index.js over gRPC)', () => {
  it('reports this commit\'s migrations in the job summary; still running passes', async () => {
    const s = await cluster({ '60-80': { throttle: { fromSeconds: 0, toSeconds: 999, component: 'vplayer' } } }, 30_000);
    const r = await runAction({ vtctld: s.address });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['migrations-result']).toBe('running');
    expect(r.summary).toContain(`### vschema-guard migrations: running\n\nKeyspace \`customer\`, migration context \`${REPO}@${SHA}\``);
    expect(r.summary).toMatch(/\| COPYING_ROWS +\| 0\/8 +\| 45\.0% +\| 43s +\| throttled on 60-80 by vplayer \|/);
    expect(s.callsOf('GetSchemaMigrations').map((c) => c.request)).toEqual([{ keyspace: 'customer', migration_context: `${REPO}@${SHA}` }]);
  }, 60_000);

  it('failed shards fail the step with the breaker reason', async () => {
    const s = await cluster({ '-20': { failRuns: 9 }, '20-40': { failRuns: 9 } }, 25_000);
    const r = await runAction({ vtctld: s.address });
    expect(r.code).toBe(1);
    expect(r.outputs['migrations-result']).toBe('failed');
    expect(r.stdout).toMatch(/^::error::vschema-guard: migrations failed or were cancelled in keyspace customer .*breaker: 2 of 8 shards failed \(25%25 > 15%25\)/m); // workflow commands escape %
    expect(s.callsOf('CancelSchemaMigration')).toEqual([]); // a report never acts
  }, 60_000);
});
