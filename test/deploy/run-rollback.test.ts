import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { hashLive } from '../../src/deploy/live-hash.js';
import type { DeployRecord } from '../../src/deploy/record.js';
import { DEPLOY_RECORD_SCHEMA } from '../../src/deploy/record-schema.js';
import { runDeploy } from '../../src/deploy/run-deploy.js';
import { runRollback } from '../../src/deploy/run-rollback.js';
import { keyspaceSha256 } from '../../src/vschema/canonical.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { V1, V2, cluster } from './helpers.js';

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(DEPLOY_RECORD_SCHEMA);
const clock = () => {
  let t = Date.UTC(2026, 11, 6, 4, 0, 0);
  return { now: () => (t += 5), sleep: async (ms: number) => void (t += ms) };
};
const hashOf = (name: string, v: VSchemaJson): string => keyspaceSha256(cluster({ [name]: v }).keyspaces.get(name)!);

async function deployed(fake: MemoryVtctld): Promise<DeployRecord> {
  const r = await runDeploy({
    deployId: 'acme/shop@abc123', version: '0.1.0', vtctld: 'vtctld:15999',
    base: { source: 'base', cluster: cluster(V1) }, head: { source: 'head', cluster: cluster(V2), findings: [] },
    dryRun: false, allowDrift: false, client: fake, ...clock(), log: () => {},
  });
  expect(r.record.outcome).toBe('deployed');
  return JSON.parse(JSON.stringify(r.record));
}

async function rollback(fake: MemoryVtctld, deploy: DeployRecord, over = {}) {
  const res = await runRollback({ deploy, recordSource: 'deploy.json', version: '0.1.0', vtctld: 'vtctld:15999', dryRun: false, client: fake, ...clock(), log: () => {}, ...over });
  expect(validate(JSON.parse(JSON.stringify(res.record)))).toBe(true);
  return res;
}

describe('vschema-guard rollback', () => {
  it('restores the exact previous hash of every keyspace, in reverse apply order', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const rec = await deployed(fake);
    fake.calls.length = 0;
    const { record, exitCode } = await rollback(fake, rec);
    expect(exitCode).toBe(0);
    expect(record.kind).toBe('rollback');
    expect(record.rollback_of).toBe('acme/shop@abc123');
    expect(record.outcome).toBe('restored');
    expect(fake.calls.filter((c) => c.startsWith('ApplyVSchema'))).toEqual(['ApplyVSchema customer', 'ApplyVSchema corder', 'ApplyVSchema lookup']);
    for (const name of ['lookup', 'customer', 'corder']) expect(hashLive(name, fake.getVSchemaSync(name)).hash).toBe(hashOf(name, V1[name]!));
    expect(record.keyspaces.every((k) => k.state === 'rolled_back')).toBe(true);
    expect(record.transitions.map((t) => t.to)).toEqual(['preflight', 'rolling_back', 'rolled_back']);
  });

  it('is a no-op the second time', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const rec = await deployed(fake);
    await rollback(fake, rec);
    const again = await rollback(fake, rec);
    expect(again.exitCode).toBe(0);
    expect(again.record.outcome).toBe('nothing-to-do');
    expect(again.record.keyspaces.map((k) => k.decision)).toEqual(['skip', 'skip', 'skip']);
  });

  it('refuses, per keyspace, where live is no longer what the deploy wrote, and restores the others', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const rec = await deployed(fake);
    const edited = { ...V2.customer!, require_explicit_routing: true };
    fake.setVSchema('customer', edited);
    const { record, exitCode } = await rollback(fake, rec);
    expect(exitCode).toBe(1);
    expect(record.outcome).toBe('refused');
    expect(record.refusals.map((r) => [r.keyspace, r.kind])).toEqual([['customer', 'rollback-cas']]);
    expect(hashLive('customer', fake.getVSchemaSync('customer')).hash).toBe(hashOf('customer', edited));
    expect(hashLive('lookup', fake.getVSchemaSync('lookup')).hash).toBe(hashOf('lookup', V1.lookup!));
    expect(Object.fromEntries(record.keyspaces.map((k) => [k.name, k.state]))).toEqual({ customer: 'unchanged', corder: 'rolled_back', lookup: 'rolled_back' });
  });

  it('--dry-run says what it would restore and writes nothing', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const rec = await deployed(fake);
    fake.calls.length = 0;
    const { record, exitCode } = await rollback(fake, rec, { dryRun: true });
    expect(exitCode).toBe(0);
    expect(record.message).toBe('would restore customer → corder → lookup; nothing was written');
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('a vtctld failure mid-rollback is exit 2 with each keyspace state in the record', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const rec = await deployed(fake);
    fake.rejections.set('corder', 'topo: context deadline exceeded');
    const { record, exitCode } = await rollback(fake, rec);
    expect(exitCode).toBe(2);
    expect(Object.fromEntries(record.keyspaces.map((k) => [k.name, k.state]))).toEqual({ customer: 'rolled_back', corder: 'failed', lookup: 'rolled_back' });
    expect(record.message).toContain('ApplyVSchema (keyspace corder) failed: UNKNOWN: BuildKeyspace(corder): topo: context deadline exceeded');
  });
});
