// `vschema-guard deploy --ddl`: Online DDL on every shard first, then the VSchema — over an in-memory
// vtctld whose migration RPCs play per-shard timelines, in a real git repo.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployCommand } from '../../src/cli/deploy-command.js';
import type { DeployDeps } from '../../src/cli/vtctld-connect.js';
import type { VSchemaJson, VtctldClient } from '../../src/vtctld/client.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { MigrationTimeline, type ShardScript } from '../fakes/migration-timeline.js';
import { V1 } from '../deploy/helpers.js';
import { type DeployRepo, makeDeployRepo } from './deploy-repo.js';

let r: DeployRepo;
const git = (...a: string[]): string => r.git(...a);
const writeSide = (side: Record<string, VSchemaJson>): void => r.writeSide(side);
let repo = '';

beforeEach(() => {
  r = makeDeployRepo('vg-deploy-ddl-');
  repo = r.dir;
  fs.mkdirSync(path.join(repo, 'ddl'));
  fs.writeFileSync(
    path.join(repo, 'ddl', '001_customer_note.sql'),
    '-- the table the new VSchema routes\nCREATE TABLE customer_note (\n  id bigint NOT NULL,\n  customer_id bigint NOT NULL,\n  note text,\n  PRIMARY KEY (id)\n);\n\nALTER TABLE customer ADD COLUMN email varchar(128);\n',
  );
});
afterEach(() => r.remove());

/** VSchema RPCs from the memory vtctld; Online DDL RPCs (and customer's shards) from the timeline; one ordered call log. */
function cluster(scripts: Record<string, ShardScript> = {}) {
  const memory = new MemoryVtctld(['zone1'], V1);
  const timeline = new MigrationTimeline({ keyspace: 'customer', scripts });
  const log: string[] = [];
  const client = Object.create(memory) as VtctldClient;
  client.findAllShardsInKeyspace = (ks) => (ks === 'customer' ? timeline.findAllShardsInKeyspace(ks) : memory.findAllShardsInKeyspace(ks));
  client.applySchema = (req) => (log.push('ApplySchema'), timeline.applySchema(req));
  client.getSchemaMigrations = (req) => timeline.getSchemaMigrations(req);
  client.migrationDirective = (d, ks, u) => (log.push(`${d} ${u}`), timeline.migrationDirective(d, ks, u));
  // Pre-flight validation (dry runs, nothing written) is logged apart from the writes.
  client.applyVSchema = (req) => (log.push(`${req.dryRun ? 'dry-run' : 'ApplyVSchema'} ${req.keyspace}`), memory.applyVSchema(req));
  const deps: DeployDeps = {
    connect: async (flags) => ({ client, address: flags.vtctld! }),
    now: timeline.now,
    sleep: timeline.sleep,
    fetchJson: async () => ({}),
    env: {},
  };
  return { memory, timeline, log, deps };
}

async function deploy(argv: string[], d: DeployDeps) {
  let out = '';
  let err = '';
  const code = await deployCommand(['--vtctld', '127.0.0.1:15999', '--head', 'vschema', '--base-ref', 'HEAD', '--record', 'out/deploy.json', ...argv], { out: (s) => void (out += s), err: (s) => void (err += s) }, d);
  return { code, out, err, record: fs.existsSync('out/deploy.json') ? JSON.parse(fs.readFileSync('out/deploy.json', 'utf8')) : null };
}

describe('deploy --ddl', () => {
  it('runs the DDL on every shard, completes at the barrier, waits for COMPLETED, then writes the VSchema', async () => {
    const c = cluster({ '40-60': { copySeconds: 300 } });
    const r = await deploy(['--ddl', 'customer=ddl/*.sql'], c.deps);
    expect(r.code, r.err).toBe(0);
    const firstVSchema = c.log.findIndex((l) => l.startsWith('ApplyVSchema'));
    expect(c.log.slice(0, firstVSchema).map((l) => l.split(' ')[0]).filter((l) => l !== 'dry-run')).toEqual(['ApplySchema', 'complete', 'complete']);
    expect(c.log.slice(firstVSchema).every((l) => l.startsWith('ApplyVSchema'))).toBe(true);
    const req = c.timeline.callsOf('ApplySchema')[0]!.args as { sql: string[]; migrationContext: string; ddlStrategy: string };
    expect(req.sql).toEqual(['CREATE TABLE customer_note (\n  id bigint NOT NULL,\n  customer_id bigint NOT NULL,\n  note text,\n  PRIMARY KEY (id)\n)', 'ALTER TABLE customer ADD COLUMN email varchar(128)']);
    expect(req.migrationContext).toBe(`acme/shop@${git('rev-parse', 'HEAD').trim()}`);
    expect(req.ddlStrategy).toBe('vitess --postpone-completion');
    expect(r.record.ddl.ok).toBe(true);
    expect(r.record.ddl.detail.migrations.map((m: { state: string; shards_completed: number }) => [m.state, m.shards_completed])).toEqual([['COMPLETED', 8], ['COMPLETED', 8]]);
    expect(r.err).toMatch(/Z customer [0-9a-f_]{36} customer_note CUTOVER_PENDING 0\/8/);
  });

  it('3 of 8 shards failing: the breaker cancels the rest and the deploy stops before any VSchema write (exit 1)', async () => {
    const c = cluster({ '-20': { failRuns: 9 }, '20-40': { failRuns: 9 }, '80-a0': { failRuns: 9 } });
    const r = await deploy(['--ddl', 'customer=ddl/001_customer_note.sql'], c.deps);
    expect(r.code).toBe(1);
    expect(c.log.some((l) => l.startsWith('ApplyVSchema'))).toBe(false);
    expect(c.memory.count('ApplyVSchema')).toBe(0);
    expect(r.record.ddl.ok).toBe(false);
    expect(r.record.ddl.message).toContain('breaker: 3 of 8 shards failed (37.5% > 15%)');
    expect(r.out).toContain('no VSchema was written');
  });

  it('a re-run of the same commit finds its migrations by context and submits nothing again', async () => {
    const c = cluster();
    expect((await deploy(['--ddl', 'customer=ddl/001_customer_note.sql'], c.deps)).code).toBe(0);
    const again = await deploy(['--ddl', 'customer=ddl/001_customer_note.sql'], c.deps);
    expect(again.code).toBe(0);
    expect(again.err).toContain('already submitted under migration context');
    expect(c.timeline.callsOf('ApplySchema')).toHaveLength(1);
    expect(c.timeline.callsOf('CompleteSchemaMigration')).toHaveLength(2); // one per migration, once
  });

  it('--dry-run submits nothing', async () => {
    const c = cluster();
    const r = await deploy(['--ddl', 'customer=ddl/001_customer_note.sql', '--dry-run'], c.deps);
    expect(r.code).toBe(0);
    expect(c.timeline.callsOf('ApplySchema')).toHaveLength(0);
    expect(r.record.ddl.message).toBe('dry run: customer: submit 2 migration(s); nothing submitted');
  });

  it('bad DDL options are usage errors before connecting', async () => {
    const c = cluster();
    await expect(deploy(['--ddl', 'ddl/001_customer_note.sql'], c.deps)).rejects.toThrow('which keyspace? write --ddl KEYSPACE=ddl/001_customer_note.sql');
    await expect(deploy(['--ddl', 'customer=ddl/*.nope'], c.deps)).rejects.toThrow('the glob matches no file');
    await expect(deploy(['--ddl', 'customer=ddl/001_customer_note.sql', '--ddl-strategy', 'gh-ost'], c.deps)).rejects.toThrow("Unknown online DDL strategy: 'gh-ost'");
    await expect(deploy(['--retries', '3'], c.deps)).rejects.toThrow('--retries need --ddl FILE');
    expect(c.log).toEqual([]);
  });
});
