/**
 * `vschema-guard deploy` / `rollback` against a real Vitess v24 control plane (etcd + vtctld + one
 * vtgate in zone1, two cells, no tablets): first deploy, idempotent re-run, drift made with
 * vtctldclient, dry run, SrvVSchema verified in both cells (and vtgate's /debug/vschema), rollback to
 * the exact previous hash, vtctld killed and restarted mid-deploy, vtctld's own rejection text.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployCommand } from '../../src/cli/deploy-command.js';
import { defaultDeployDeps } from '../../src/cli/vtctld-connect.js';
import { fetchJson } from '../../src/io/fetch-json.js';
import { hashLive, hashVSchemaJson } from '../../src/deploy/live-hash.js';
import type { DeployRecord } from '../../src/deploy/record.js';
import { type DeployInput, runDeploy } from '../../src/deploy/run-deploy.js';
import { runRollback } from '../../src/deploy/run-rollback.js';
import { isRetriable } from '../../src/deploy/rpc-policy.js';
import { type VSchemaJson, VtctldError } from '../../src/vtctld/client.js';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';
import { makeDeployRepo } from '../cli/deploy-repo.js';
import { V1, V2, afterFirstWrite, cluster } from '../deploy/helpers.js';
import { type VitessCluster, startVitess } from './harness.js';

const KEYSPACES = { lookup: ['0'], customer: ['-80', '80-'], corder: ['-80', '80-'] };
const NAMES = Object.keys(KEYSPACES);

let vt: VitessCluster;
let client: GrpcVtctldClient;

beforeAll(async () => {
  vt = await startVitess({ keyspaces: KEYSPACES });
  client = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 5_000 });
});
afterAll(async () => {
  client?.close();
  await vt?.stop();
});

/** Puts the cluster at `side` with vtctldclient (as an operator would). */
async function applyWithVtctldclient(side: Record<string, VSchemaJson>): Promise<void> {
  for (const [ks, v] of Object.entries(side)) {
    const r = await vt.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify(v), ks]);
    if (r.code !== 0) throw new Error(`vtctldclient ApplyVSchema ${ks}: ${r.stderr}`);
  }
}

const live = async (ks: string): Promise<string> => hashLive(ks, await client.getVSchema(ks)).hash;
const hashOf = (ks: string, v: VSchemaJson): string => hashVSchemaJson(ks, v).hash;
const realClock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

function deploy(base: Record<string, VSchemaJson>, head: Record<string, VSchemaJson>, over: Partial<DeployInput> = {}) {
  return runDeploy({
    deployId: 'acme/shop@it', version: '0.1.0', vtctld: vt.vtctldAddress,
    base: { source: 'base', cluster: cluster(base) }, head: { source: 'head', cluster: cluster(head), findings: [] },
    dryRun: false, allowDrift: false, client, ...realClock, log: () => {}, retry: { initialDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000, maxAttempts: 30 },
    ...over,
  });
}

/** Every keyspace's record state agrees with what vtctld holds now. */
async function expectRecordTrue(record: DeployRecord): Promise<void> {
  for (const k of record.keyspaces) {
    const now = await live(k.name);
    if (k.state === 'verified' || k.state === 'applied') expect(now, k.name).toBe(k.hashes.head);
    else if (k.state === 'rolled_back' || k.state === 'unchanged' || k.state === 'pending') expect(now, k.name).toBe(k.hashes.live);
    else throw new Error(`${k.name} is ${k.state}: ${record.message}`);
  }
}

beforeEach(async () => {
  await applyWithVtctldclient(V1);
});

describe('deploy against a real vtctld (v24)', () => {
  it('first deploy: applied in order, verified in GetVSchema, in both cells\' SrvVSchema and in vtgate; a re-run is a no-op', async () => {
    const { record, exitCode } = await deploy(V1, V2, { vtgates: vt.vtgateHttp ? [vt.vtgateHttp] : [], fetchJson });
    expect(record.message).toBe('deployed lookup → corder → customer');
    expect(exitCode).toBe(0);
    for (const k of NAMES) {
      expect(await live(k)).toBe(hashOf(k, V2[k]!));
      expect(record.verification.cells.zone1![k]).toBe(hashOf(k, V2[k]!));
      expect(record.verification.cells.zone2![k]).toBe(hashOf(k, V2[k]!));
    }
    expect(record.cells).toEqual(['zone1', 'zone2']);
    if (vt.vtgateHttp) expect(record.verification.vtgates).toEqual([{ url: `${vt.vtgateHttp}/debug/vschema`, ok: true, message: 'keyspaces, vindexes and tables loaded without error' }]);

    const again = await deploy(V1, V2);
    expect(again.record.outcome).toBe('nothing-to-do');
    expect(again.record.steps.filter((s) => s.rpc.startsWith('ApplyVSchema'))).toEqual([]);
  });

  it('drift made with vtctldclient is refused, showing the difference; live is left as it was', async () => {
    const hotfix = { ...V1.customer!, vindexes: { hash: { type: 'xxhash' } } };
    await applyWithVtctldclient({ customer: hotfix });
    const before = await live('customer');
    const { record, exitCode } = await deploy(V1, V2);
    expect(exitCode).toBe(1);
    expect(record.refusals.map((r) => [r.keyspace, r.kind])).toEqual([['customer', 'drift']]);
    expect(record.keyspaces.find((k) => k.name === 'customer')!.drift).toEqual(['~ vindexes.hash.type: "hash" → "xxhash"']);
    expect(await live('customer')).toBe(before);
    for (const k of ['lookup', 'corder']) expect(await live(k)).toBe(hashOf(k, V1[k]!));
  });

  it('--dry-run writes nothing', async () => {
    const before = await Promise.all(NAMES.map(live));
    const { record, exitCode } = await deploy(V1, V2, { dryRun: true });
    expect(exitCode).toBe(0);
    expect(record.outcome).toBe('planned');
    expect(record.steps.filter((s) => s.rpc === 'ApplyVSchema')).toEqual([]);
    expect(await Promise.all(NAMES.map(live))).toEqual(before);
  });

  it('rollback restores the exact previous hash of every keyspace', async () => {
    const before = Object.fromEntries(await Promise.all(NAMES.map(async (k) => [k, await live(k)] as const)));
    const { record } = await deploy(V1, V2);
    expect(record.outcome).toBe('deployed');
    const rb = await runRollback({ deploy: JSON.parse(JSON.stringify(record)), recordSource: 'deploy.json', version: '0.1.0', vtctld: vt.vtctldAddress, dryRun: false, client, ...realClock, log: () => {} });
    expect(rb.record.outcome).toBe('restored');
    for (const k of NAMES) expect(await live(k)).toBe(before[k]);
    // SrvVSchema follows in both cells.
    const srv = await client.getSrvVSchemas(['zone1', 'zone2']);
    for (const cell of ['zone1', 'zone2']) for (const k of NAMES) expect(hashLive(k, srv[cell]![k]!).hash).toBe(before[k]);
  });

  it('vtctld rejecting a VSchema: its text, verbatim, refuses the deploy in pre-flight; nothing written', async () => {
    const head = { ...V2, corder: { ...V2.corder!, vindexes: { ...(V2.corder!.vindexes as object), hash: { type: 'no_such_vindex' } } } };
    const { record, exitCode } = await deploy(V1, head);
    expect(exitCode).toBe(1);
    const r = record.refusals.find((x) => x.kind === 'rejected')!;
    expect(r.keyspace).toBe('corder');
    expect(r.message).toContain('vindexType "no_such_vindex" not found');
    expect(record.steps.find((s) => !s.ok)!.error).toContain('BuildKeyspace(corder)');
    for (const k of NAMES) expect(await live(k)).toBe(hashOf(k, V1[k]!));
  });

  it('strict: unknown vindex params are vtctld\'s error too', async () => {
    const head = { ...V2, customer: { ...V2.customer!, vindexes: { hash: { type: 'hash', params: { no_such_param: 'x' } } } } };
    const { record, exitCode } = await deploy(V1, head);
    expect(exitCode).toBe(1);
    expect(record.refusals.find((x) => x.kind === 'rejected')!.message).toContain('unknown vindex params: hash (no_such_param)');
  });

  it('vtctld killed and restarted mid-deploy: retries, then success, and the record is true', async () => {
    let restarted: Promise<void> | null = null;
    const c = afterFirstWrite(client, () => void (restarted = vt.restartVtctld(1_500, { kill: true })));
    const { record, exitCode } = await deploy(V1, V2, { client: c });
    await restarted;
    expect(record.steps.some((s) => !s.ok && s.code === 'UNAVAILABLE'), JSON.stringify(record.steps.filter((s) => !s.ok))).toBe(true);
    expect([0, 1]).toContain(exitCode);
    expect(['deployed', 'rolled-back']).toContain(record.outcome);
    await expectRecordTrue(record);
  });
});

describe('the topo frozen mid-deploy', () => {
  it('etcd stopped (SIGSTOP) for 2.5 s after the first write: calls cut by the deadline (or by vtctld\'s topo timeout) are retried; the record is true', async () => {
    const quick = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 800 });
    let resumed: Promise<void> | null = null;
    const c = afterFirstWrite(quick, () => {
      vt.pauseEtcd();
      resumed = new Promise<void>((r) => setTimeout(() => (vt.resumeEtcd(), r()), 2_500));
    });
    try {
      const { record, exitCode } = await deploy(V1, V2, { client: c });
      await resumed;
      const failed = record.steps.filter((s) => !s.ok);
      expect(failed.length, record.message).toBeGreaterThan(0);
      // Each failed attempt is one the deploy retries: the client's deadline (DEADLINE_EXCEEDED), vtctld
      // cancelling its topo call (CANCELLED) or vtctld's topo timeout (UNKNOWN "deadline exceeded: <node>").
      expect(failed.every((s) => isRetriable(new VtctldError(s.rpc, s.code!, s.error ?? '', s.keyspace))), JSON.stringify(failed)).toBe(true);
      expect(record.message).toBe('deployed lookup → corder → customer');
      expect(exitCode).toBe(0);
      await expectRecordTrue(record);
    } finally {
      vt.resumeEtcd();
      quick.close();
    }
  });
});

describe('the CLI against a real vtctld', () => {
  it('vschema-guard deploy --base-ref in a git checkout, then vschema-guard rollback from the record file', async () => {
    const repo = makeDeployRepo('vg-it-');
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s) };
    try {
      const code = await deployCommand(['--vtctld', vt.vtctldAddress, '--head', 'vschema', '--base-ref', 'HEAD', '--record', 'deploy.json', '--deploy-id', 'acme/shop@cli'], io, defaultDeployDeps());
      expect(code, err + out).toBe(0);
      expect(out).toContain('deployed: deployed lookup → corder → customer');
      for (const k of NAMES) expect(await live(k)).toBe(hashOf(k, V2[k]!));
      const { rollbackCommand } = await import('../../src/cli/rollback-command.js');
      out = '';
      expect(await rollbackCommand(['--record', 'deploy.json'], io, defaultDeployDeps())).toBe(0);
      expect(out).toContain('restored: restored customer → corder → lookup');
      for (const k of NAMES) expect(await live(k)).toBe(hashOf(k, V1[k]!));
    } finally {
      repo.remove();
    }
  });
});
