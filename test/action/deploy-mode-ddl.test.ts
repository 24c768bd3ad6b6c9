// The action's `mode: deploy` with the `ddl` input: Online DDL on every shard first, the migrations table in
// the job summary while it runs and in the final summary; a failed DDL stops the deploy before any VSchema.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DeployModeContext, type DeployModeDeps, runDeployMode } from '../../src/action/deploy-mode.js';
import { parseInputs } from '../../src/action/inputs.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { VSchemaJson, VtctldClient } from '../../src/vtctld/client.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';
import { V1, V2 } from '../deploy/helpers.js';

const SHA = '4f1c2e9d0000000000000000000000000000abcd';
const files = (side: Record<string, VSchemaJson>) => Object.entries(side).map(([k, v]) => ({ path: `vschema/${k}.json`, text: JSON.stringify(v) }));
let dir = '';
let cwd = '';
beforeEach(() => {
  cwd = process.cwd();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-deploy-mode-ddl-'));
  fs.mkdirSync(path.join(dir, 'ddl'));
  fs.writeFileSync(path.join(dir, 'ddl', '001.sql'), 'CREATE TABLE customer_note (id bigint NOT NULL PRIMARY KEY, customer_id bigint);\nALTER TABLE customer ADD COLUMN email varchar(128);\n');
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

const context: DeployModeContext = {
  target: { event: 'push', baseSha: 'b'.repeat(40), headSha: SHA, pr: null, owner: 'acme', repo: 'shop' },
  env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHA },
  headFiles: files(V2), baseFiles: files(V1), baseLabel: 'bbbbbbb', config: DEFAULT_CONFIG,
  keyspaceNameFor: (p) => p.replace(/^vschema\//, '').replace(/\.json$/, ''),
  defaultRecordPath: '/tmp/rt/vschema-guard/deploy-record.json', version: '0.1.0', runUrl: null,
};

function setup(scripts: Record<string, ShardScript> = {}) {
  const memory = new MemoryVtctld(['zone1'], V1);
  const timeline = new MigrationTimeline({ keyspace: 'customer', scripts });
  const order: string[] = [];
  const client = Object.create(memory) as VtctldClient;
  client.findAllShardsInKeyspace = (ks) => (ks === 'customer' ? timeline.findAllShardsInKeyspace(ks) : memory.findAllShardsInKeyspace(ks));
  client.applySchema = (req) => (order.push('ApplySchema'), timeline.applySchema(req));
  client.getSchemaMigrations = (req) => timeline.getSchemaMigrations(req);
  client.migrationDirective = (d, ks, u) => (order.push(d), timeline.migrationDirective(d, ks, u));
  client.applyVSchema = (req) => (req.dryRun || order.push(`ApplyVSchema ${req.keyspace}`), memory.applyVSchema(req)); // dry runs are pre-flight checks, not writes
  const r = { summaries: [] as string[], outputs: {} as Record<string, string>, failed: null as string | null };
  const deps: DeployModeDeps = {
    connect: (s) => ({ client, address: s.vtctld! }),
    now: timeline.now, sleep: timeline.sleep, fetchJson: async () => ({}),
    writeRecord: () => {}, summary: async (md) => void r.summaries.push(md), info: () => {}, notice: () => {},
    output: (n, v) => void (r.outputs[n] = v), fail: (m) => void (r.failed = m), deployments: null,
  };
  return { r, deps, order, timeline };
}

const inputs = (o: Record<string, string>) => parseInputs((n) => ({ mode: 'deploy', vtctld: '127.0.0.1:15999', ...o })[n] ?? '').deploy;

describe('action mode: deploy with ddl', () => {
  it('runs the DDL first, shows the migrations table while it runs and in the final summary, then deploys', async () => {
    const { r, deps, order } = setup();
    await runDeployMode(inputs({ ddl: 'customer=ddl/*.sql' }), context, deps);
    expect(r.failed).toBeNull();
    expect(r.outputs['deploy-result']).toBe('deployed');
    const firstVSchema = order.findIndex((l) => l.startsWith('ApplyVSchema'));
    expect(order.slice(0, firstVSchema)).toEqual(['ApplySchema', 'complete', 'complete']);
    expect(r.summaries.some((s) => s.startsWith(`### vschema-guard deploy acme/shop@${SHA}: Online DDL in progress`) && /\| CUTOVER_PENDING +\| 0\/8 /.test(s))).toBe(true);
    const last = r.summaries.at(-1)!;
    expect(last).toContain('#### Online DDL');
    expect(last).toMatch(/\| customer\.customer_note +\| COMPLETED +\| 8\/8 +\| 100\.0% +\| 0s +\| +\|/);
  });

  it('the keyspace input names the keyspace of ddl entries without KEYSPACE=', async () => {
    const { r, deps } = setup();
    await runDeployMode(inputs({ ddl: 'ddl/001.sql', keyspace: 'customer' }), context, deps);
    expect(r.failed).toBeNull();
    const bad = setup();
    await runDeployMode(inputs({ ddl: 'ddl/001.sql' }), context, bad.deps);
    expect(bad.r.failed).toBe('vschema-guard deploy: --ddl ddl/001.sql: which keyspace? write --ddl KEYSPACE=ddl/001.sql, or deploy exactly one --keyspace');
    expect(bad.order).toEqual([]);
  });

  it('a tripped breaker stops the deploy before any VSchema is written; the summary names the failed shards', async () => {
    const { r, deps, order } = setup({ '-20': { failRuns: 9 }, '20-40': { failRuns: 9 }, '80-a0': { failRuns: 9 } });
    await runDeployMode(inputs({ ddl: 'customer=ddl/001.sql' }), context, deps);
    expect(r.failed).toContain('breaker: 3 of 8 shards failed (37.5% > 15%)');
    expect(order.filter((l) => l.startsWith('ApplyVSchema'))).toEqual([]);
    expect(r.summaries.at(-1)).toContain('failed on -20: Error 1062: Duplicate entry for key PRIMARY');
  });
});
