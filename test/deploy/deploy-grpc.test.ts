/**
 * The deploy through real gRPC (the grpc-js client) against the in-process fake vtctld, for the faults
 * a real vtctld cannot be made to show on demand: UNAVAILABLE bursts, a call slower than the deadline,
 * unknown fields in a live VSchema, a failure on the 2nd of 3 keyspaces, a vtctld restarting mid-deploy.
 */
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashLive, hashVSchemaJson } from '../../src/deploy/live-hash.js';
import { type DeployInput, runDeploy } from '../../src/deploy/run-deploy.js';
import { runRollback } from '../../src/deploy/run-rollback.js';
import type { VSchemaJson, VtctldClient } from '../../src/vtctld/client.js';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';
import { FakeVtctld } from '../fakes/fake-vtctld.js';
import { V1, V2, afterFirstWrite, cluster } from './helpers.js';

let fake: FakeVtctld | null = null;
const clients: GrpcVtctldClient[] = [];

async function setup(rpcTimeoutMs = 2_000) {
  fake = await FakeVtctld.start();
  fake.addCell('zone1').addCell('zone2');
  fake.createKeyspace('lookup').createShard('lookup', '0');
  for (const k of ['customer', 'corder']) fake.createKeyspace(k).createShard(k, '-80').createShard(k, '80-');
  for (const [k, v] of Object.entries(V1)) fake.setVSchema(k, v);
  fake.rebuildSrvVSchema();
  const client = new GrpcVtctldClient({ address: fake.address, rpcTimeoutMs });
  clients.push(client);
  return { fake, client };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await fake?.stop();
  fake = null;
});

const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
function fakeClock() {
  let t = Date.UTC(2026, 11, 6, 3);
  return { now: () => (t += 1), sleep: async (ms: number) => void (t += ms) };
}

async function deploy(client: VtctldClient, over: Partial<DeployInput> = {}) {
  return runDeploy({
    deployId: 'acme/shop@abc', version: '0.1.0', vtctld: fake!.address,
    base: { source: 'base', cluster: cluster(V1) }, head: { source: 'head', cluster: cluster(V2), findings: [] },
    dryRun: false, allowDrift: false, client, ...fakeClock(), log: () => {}, ...over,
  });
}

const liveHash = (k: string): string => hashVSchemaJson(k, fake!.vschemaOf(k) as VSchemaJson).hash;
const hashOf = (k: string, v: VSchemaJson): string => hashVSchemaJson(k, v).hash;

describe('deploy through gRPC against the fake vtctld', () => {
  it('deploys, verifies both cells, and a re-run is a no-op', async () => {
    const { client } = await setup();
    const first = await deploy(client);
    expect(first.record.outcome).toBe('deployed');
    for (const k of ['lookup', 'customer', 'corder']) {
      expect(liveHash(k)).toBe(hashOf(k, V2[k]!));
      expect(hashVSchemaJson(k, fake!.srvVSchemaOf('zone2')![k]!).hash).toBe(hashOf(k, V2[k]!));
    }
    const writes = fake!.callsOf('ApplyVSchema').filter((c) => !c.request.dry_run).length;
    const again = await deploy(client);
    expect(again.record.outcome).toBe('nothing-to-do');
    expect(fake!.callsOf('ApplyVSchema').filter((c) => !c.request.dry_run).length).toBe(writes);
    // strict is sent on every write (v24: unknown vindex params are errors).
    expect(fake!.callsOf('ApplyVSchema').every((c) => c.request.strict === true)).toBe(true);
  });

  it('retries an UNAVAILABLE burst and succeeds, every attempt in the record', async () => {
    const { client } = await setup();
    fake!.failNext('ApplyVSchema', 3, 'UNAVAILABLE', 'fake vtctld: connection reset');
    const { record, exitCode } = await deploy(client);
    expect(exitCode).toBe(0);
    const failed = record.steps.filter((s) => !s.ok);
    expect(failed.map((s) => [s.rpc, s.attempt, s.code, s.error])).toEqual([1, 2, 3].map((a) => ['ApplyVSchema(dry_run)', a, 'UNAVAILABLE', 'fake vtctld: connection reset']));
    expect(record.steps.find((s) => s.rpc === failed[0]!.rpc && s.keyspace === failed[0]!.keyspace && s.ok)!.attempt).toBe(4);
  });

  it('a call slower than the deadline is DEADLINE_EXCEEDED, retried, and the deploy goes on', async () => {
    const { client } = await setup(800);
    fake!.delayNext('GetVSchema', 1, 3_000);
    const { record, exitCode } = await deploy(client);
    expect(exitCode).toBe(0);
    const failed = record.steps.filter((s) => !s.ok);
    expect(failed[0]).toMatchObject({ rpc: 'GetVSchema', attempt: 1, code: 'DEADLINE_EXCEEDED' });
    expect(failed.every((s) => s.code === 'DEADLINE_EXCEEDED')).toBe(true); // (a loaded machine may time out another call)
    expect(record.steps.find((s) => s.rpc === 'GetVSchema' && s.keyspace === failed[0]!.keyspace && s.ok)!.attempt).toBeGreaterThan(1);
  });

  it('never overwrites a live VSchema holding fields our proto does not know: refused, naming them', async () => {
    const { client } = await setup();
    const W = () => protobuf.Writer.create();
    const table = W().uint32((2 << 3) | 2).bytes(W().uint32((1 << 3) | 2).string('customer_id').uint32((2 << 3) | 2).string('hash').finish()).finish();
    const entry = W().uint32((1 << 3) | 2).string('customer').uint32((2 << 3) | 2).bytes(table).finish();
    const vindex = W().uint32((1 << 3) | 2).string('hash').uint32((2 << 3) | 2).bytes(W().uint32((1 << 3) | 2).string('hash').finish()).finish();
    // sharded, vindexes, tables, and multi_tenant_spec (field 6, v20+) which our proto does not declare.
    const ks = W().uint32(1 << 3).bool(true).uint32((2 << 3) | 2).bytes(vindex).uint32((3 << 3) | 2).bytes(entry).uint32((6 << 3) | 2).bytes(W().uint32((1 << 3) | 2).string('tenant_id').finish()).finish();
    fake!.setRawVSchema('customer', ks);
    const { record, exitCode } = await deploy(client);
    expect(exitCode).toBe(1);
    expect(record.refusals).toEqual([expect.objectContaining({ keyspace: 'customer', kind: 'unknown-fields' })]);
    expect(record.refusals[0]!.message).toContain('(#6)');
    expect(fake!.callsOf('ApplyVSchema').filter((c) => !c.request.dry_run)).toEqual([]);
  });

  it('a failure on the 2nd of 3 keyspaces rolls back the 1st; the record is true', async () => {
    const { client } = await setup();
    const text = 'SaveVSchema(corder): context deadline exceeded';
    const c = afterFirstWrite(client, () => fake!.failApplyVSchema('corder', text, 'UNKNOWN', 1));
    const { record, exitCode } = await deploy(c);
    expect(exitCode).toBe(1);
    expect(record.outcome).toBe('rolled-back');
    expect(Object.fromEntries(record.keyspaces.map((k) => [k.name, k.state]))).toEqual({ corder: 'unchanged', customer: 'pending', lookup: 'rolled_back' });
    expect(record.steps.find((s) => !s.ok)).toMatchObject({ rpc: 'ApplyVSchema', keyspace: 'corder', code: 'UNKNOWN', error: text });
    for (const k of ['lookup', 'customer', 'corder']) expect(liveHash(k)).toBe(hashOf(k, V1[k]!));
    expect(fake!.callsOf('ApplyVSchema').filter((x) => !x.request.dry_run).map((x) => x.request.keyspace)).toEqual(['lookup', 'corder', 'lookup']);
  });

  it('vtctld killed and restarted mid-deploy: the calls in between fail UNAVAILABLE, are retried, and the deploy completes', async () => {
    const { client } = await setup(1_000);
    const c = afterFirstWrite(client, () => void fake!.restart(700));
    const { record, exitCode } = await deploy(c, { ...realClock, retry: { initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 20, budgetMs: 20_000 } });
    expect(record.message).toBe('deployed lookup → corder → customer');
    expect(exitCode).toBe(0);
    expect(record.steps.filter((s) => !s.ok).length).toBeGreaterThan(0);
    expect(record.steps.filter((s) => !s.ok).every((s) => s.code === 'UNAVAILABLE')).toBe(true);
    for (const k of ['lookup', 'customer', 'corder']) expect(liveHash(k)).toBe(hashOf(k, V2[k]!));
  });

  it('vtctld down for good after the first write: the rollback cannot run either, exit 2 and the record says lookup is applied', async () => {
    const { client } = await setup(500);
    const c = afterFirstWrite(client, () => void fake!.stop());
    const { record, exitCode } = await deploy(c, { retry: { maxAttempts: 3 } });
    expect(exitCode).toBe(2);
    expect(record.state).toBe('failed');
    expect(Object.fromEntries(record.keyspaces.map((k) => [k.name, k.state]))).toEqual({ corder: 'failed', customer: 'pending', lookup: 'applied' });
    expect(record.keyspaces.find((k) => k.name === 'lookup')!.hashes.after).toBe(hashOf('lookup', V2.lookup!));
    expect(record.message).toMatch(/ROLLBACK INCOMPLETE/);
    // Later, with vtctld back, `rollback` restores from the record.
    await fake!.restart();
    const rb = await runRollback({
      deploy: JSON.parse(JSON.stringify(record)), recordSource: 'deploy.json', version: '0.1.0', vtctld: fake!.address, dryRun: false, client,
      ...realClock, log: () => {}, retry: { initialDelayMs: 100, maxDelayMs: 400, maxAttempts: 20, budgetMs: 20_000 }, // grpc-js reconnects with its own backoff
    });
    expect(rb.record.message).toBe('restored lookup to their snapshots before acme/shop@abc');
    expect(rb.record.outcome).toBe('restored');
    for (const k of ['lookup', 'customer', 'corder']) expect(liveHash(k)).toBe(hashOf(k, V1[k]!));
    expect(hashLive('lookup', await client.getVSchema('lookup')).hash).toBe(hashOf('lookup', V1.lookup!));
  });
});
