import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { DdlPhase } from '../../src/deploy/ddl-hook.js';
import { EMPTY_HASH, hashLive } from '../../src/deploy/live-hash.js';
import type { DeployRecord } from '../../src/deploy/record.js';
import { DEPLOY_RECORD_SCHEMA } from '../../src/deploy/record-schema.js';
import { type DeployInput, runDeploy } from '../../src/deploy/run-deploy.js';
import { keyspaceSha256 } from '../../src/vschema/canonical.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { V1, V2, cluster } from './helpers.js';

const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(DEPLOY_RECORD_SCHEMA);

/** Runs a deploy base → head over `fake` with a fake clock; checks the record against its schema and its writes. */
async function deploy(fake: MemoryVtctld, base: Record<string, VSchemaJson>, head: Record<string, VSchemaJson>, over: Partial<DeployInput> = {}) {
  let t = Date.UTC(2026, 11, 6, 3, 0, 0);
  const writes: DeployRecord[] = [];
  const logs: string[] = [];
  const result = await runDeploy({
    deployId: 'acme/shop@abc123', version: '0.1.0', vtctld: '127.0.0.1:15999',
    base: { source: 'base', cluster: cluster(base) }, head: { source: 'head', cluster: cluster(head), findings: [] },
    dryRun: false, allowDrift: false, client: fake,
    now: () => (t += 3), sleep: async (ms) => void (t += ms), log: (l) => logs.push(l),
    writeRecord: (r) => void writes.push(structuredClone(r)),
    ...over,
  });
  const ok = validate(JSON.parse(JSON.stringify(result.record)));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  // Written after every transition: each transition appears in some written copy, the last copy is the result.
  expect(writes.length).toBeGreaterThanOrEqual(result.record.transitions.length);
  for (let i = 1; i <= result.record.transitions.length; i++) expect(writes.some((w) => w.transitions.length === i)).toBe(true);
  expect(writes.at(-1)).toEqual(result.record);
  return { ...result, writes, logs };
}

const hashOf = (name: string, v: VSchemaJson): string => keyspaceSha256(cluster({ [name]: v }).keyspaces.get(name)!);
const ks = (r: DeployRecord, name: string) => r.keyspaces.find((k) => k.name === name)!;
const states = (r: DeployRecord) => Object.fromEntries(r.keyspaces.map((k) => [k.name, k.state]));

describe('deploy over an in-memory vtctld', () => {
  it('first deploy: applies in dependency order, verifies every cell, records snapshots and hashes', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(0);
    expect(record.outcome).toBe('deployed');
    expect(record.state).toBe('committed');
    expect(record.transitions.map((x) => x.to)).toEqual(['preflight', 'applying', 'verifying', 'committed']);
    expect(record.order).toEqual(['lookup', 'corder', 'customer']);
    expect(fake.calls.filter((c) => c.startsWith('ApplyVSchema'))).toEqual([
      'ApplyVSchema(dry_run) corder', 'ApplyVSchema(dry_run) customer', 'ApplyVSchema(dry_run) lookup', // pre-flight: vtctld validates, nothing written
      'ApplyVSchema lookup', 'ApplyVSchema corder', 'ApplyVSchema customer',
    ]);
    for (const name of ['lookup', 'customer', 'corder']) {
      const k = ks(record, name);
      expect(k.state).toBe('verified');
      expect(k.decision).toBe('apply');
      expect(k.hashes).toEqual({ base: hashOf(name, V1[name]!), head: hashOf(name, V2[name]!), live: hashOf(name, V1[name]!), after: hashOf(name, V2[name]!) });
      expect(hashLive(name, { vschema: k.snapshot!, unknownFields: [] }).hash).toBe(hashOf(name, V1[name]!));
      expect(hashLive(name, fake.getVSchemaSync(name)).hash).toBe(k.hashes.head);
      expect(record.verification.cells.zone1![name]).toBe(k.hashes.head);
      expect(record.verification.cells.zone2![name]).toBe(k.hashes.head);
    }
    expect(record.cells).toEqual(['zone1', 'zone2']);
    expect(record.steps.every((s) => s.ok && s.attempt === 1)).toBe(true);
    expect(record.vtctld).toBe('127.0.0.1:15999');
  });

  it('a re-run is a no-op: every keyspace skipped, nothing written', async () => {
    const fake = new MemoryVtctld(['zone1'], V2);
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(0);
    expect(record.outcome).toBe('nothing-to-do');
    expect(record.keyspaces.map((k) => k.decision)).toEqual(['skip', 'skip', 'skip']);
    expect(fake.count('ApplyVSchema')).toBe(0);
    expect(record.order).toEqual([]);
  });

  it('drift: refuses before any write, shows what differs and which commit live matches', async () => {
    const live = { ...V1, customer: { ...V1.customer!, vindexes: { hash: { type: 'xxhash' } } } };
    const fake = new MemoryVtctld(['zone1'], live);
    const { record, exitCode } = await deploy(fake, V1, V2, {
      liveMatches: async (k, h) => (k === 'customer' && h === hashOf('customer', live.customer) ? '1a2b3c4 (hotfix: xxhash)' : null),
    });
    expect(exitCode).toBe(1);
    expect(record.outcome).toBe('refused');
    expect(record.state).toBe('failed');
    expect(fake.count('ApplyVSchema')).toBe(0);
    const c = ks(record, 'customer');
    expect(c.decision).toBe('drift');
    expect(c.drift).toEqual(['~ vindexes.hash.type: "hash" → "xxhash"']);
    expect(c.live_matches).toBe('1a2b3c4 (hotfix: xxhash)');
    expect(record.refusals.map((r) => r.kind)).toEqual(['drift']);
    expect(record.refusals[0]!.message).toContain('Live matches 1a2b3c4 (hotfix: xxhash).');
    expect(Object.values(states(record))).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('--allow-drift applies over drift and still records the difference', async () => {
    const live = { ...V1, lookup: { tables: { other: {} } } };
    const fake = new MemoryVtctld(['zone1'], live);
    const { record, exitCode } = await deploy(fake, V1, V2, { allowDrift: true });
    expect(exitCode).toBe(0);
    expect(ks(record, 'lookup').drift.length).toBeGreaterThan(0);
    expect(hashLive('lookup', fake.getVSchemaSync('lookup')).hash).toBe(hashOf('lookup', V2.lookup!));
  });

  it('--dry-run runs pre-flight and prints the plan, writes nothing', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { record, exitCode } = await deploy(fake, V1, V2, { dryRun: true });
    expect(exitCode).toBe(0);
    expect(record.state).toBe('planned');
    expect(record.outcome).toBe('planned');
    expect(record.order).toEqual(['lookup', 'corder', 'customer']);
    expect(record.message).toBe('would apply lookup → corder → customer; nothing was written');
    expect(fake.calls.filter((c) => !/^(Get|Find)/.test(c))).toEqual(['ApplyVSchema(dry_run) corder', 'ApplyVSchema(dry_run) customer', 'ApplyVSchema(dry_run) lookup']);
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('refuses a live VSchema with unknown fields, naming them', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.unknownFields.set('corder', ['multi_tenant_spec#6', 'tables.corder.columns[0]#10']);
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(1);
    expect(ks(record, 'corder').decision).toBe('refused');
    expect(record.refusals[0]).toMatchObject({ keyspace: 'corder', kind: 'unknown-fields' });
    expect(record.refusals[0]!.message).toContain('multi_tenant_spec#6, tables.corder.columns[0]#10');
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('refuses error findings, keyspaces missing from the topo and empty cell lists, all at once', async () => {
    const fake = new MemoryVtctld([], { lookup: V1.lookup!, customer: V1.customer! });
    const { record, exitCode } = await deploy(fake, V1, V2, {
      head: { source: 'head', cluster: cluster(V2), findings: [{ rule: 'vindex-type-unknown', severity: 'error', file: 'corder.json', line: 4, column: 7, keyspace: 'corder', pointer: '/vindexes/x', message: 'vindexType "hsh" not found', vitess_error: null, hint: null }] },
    });
    expect(exitCode).toBe(1);
    expect(record.refusals.map((r) => r.kind).sort()).toEqual(['finding', 'missing-keyspace', 'no-cells']);
    expect(record.refusals.find((r) => r.kind === 'finding')!.message).toBe('corder.json:4:7: vindex-type-unknown: vindexType "hsh" not found');
    expect(record.refusals.find((r) => r.kind === 'missing-keyspace')!.command).toMatch(/^vtctldclient CreateKeyspace corder/);
  });

  it('refuses a primary vindex change on existing data, naming the MoveTables workflow, until live already equals head', async () => {
    const head = { ...V1, customer: { ...V1.customer!, vindexes: { xx: { type: 'xxhash' } }, tables: { customer: { column_vindexes: [{ column: 'customer_id', name: 'xx' }], auto_increment: { column: 'customer_id', sequence: 'lookup.customer_seq' } } } } };
    const fake = new MemoryVtctld(['zone1'], V1);
    const { record, exitCode } = await deploy(fake, V1, head);
    expect(exitCode).toBe(1);
    const r = record.refusals.find((x) => x.kind === 'breaking')!;
    expect(r.keyspace).toBe('customer');
    expect(r.command).toMatch(/MoveTables/);
    expect(fake.count('ApplyVSchema')).toBe(0);
    // After the operator ran the workflow, live equals head: the deploy skips it.
    fake.setVSchema('customer', head.customer);
    const again = await deploy(fake, V1, head);
    expect(again.exitCode).toBe(0);
    expect(again.record.outcome).toBe('nothing-to-do');
  });

  it('vtctld rejecting a head VSchema is caught in pre-flight (dry run), its text verbatim, nothing written', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.rejections.set('corder', 'vindexType "consistent_lookup_unique" not found');
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(1);
    expect(record.refusals).toEqual([{ keyspace: 'corder', kind: 'rejected', message: 'corder: vtctld rejects the head VSchema (ApplyVSchema dry run): BuildKeyspace(corder): vindexType "consistent_lookup_unique" not found' }]);
    expect(ks(record, 'corder').decision).toBe('refused');
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('a failure on the 2nd of 3 keyspaces rolls back the 1st to its snapshot; the record says who is where', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    fake.fail('ApplyVSchema', 'UNKNOWN', 'vindexType "consistent_lookup_unique" not found', { keyspace: 'corder' });
    const { record, exitCode, logs } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(1);
    expect(record.outcome).toBe('rolled-back');
    expect(record.state).toBe('rolled_back');
    expect(record.transitions.map((x) => x.to)).toEqual(['preflight', 'applying', 'rolling_back', 'rolled_back']);
    expect(states(record)).toEqual({ corder: 'unchanged', customer: 'pending', lookup: 'rolled_back' });
    expect(record.message).toContain('ApplyVSchema corder: UNKNOWN: vindexType "consistent_lookup_unique" not found');
    expect(record.steps.find((s) => !s.ok)!.error).toBe('vindexType "consistent_lookup_unique" not found');
    for (const name of ['lookup', 'customer', 'corder']) expect(hashLive(name, fake.getVSchemaSync(name)).hash).toBe(hashOf(name, V1[name]!));
    expect(fake.calls.filter((c) => c.startsWith('ApplyVSchema '))).toEqual(['ApplyVSchema lookup', 'ApplyVSchema corder', 'ApplyVSchema lookup']);
    expect(logs.some((l) => l.startsWith('lookup: restored to'))).toBe(true);
  });

  it('an ApplyVSchema that saved but failed to rebuild is rolled back too (re-read after an error)', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.fail('ApplyVSchema', 'UNKNOWN', 'RebuildSrvVSchema: cell zone1: context canceled', { keyspace: 'corder', afterEffect: true });
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(1);
    expect(states(record)).toEqual({ corder: 'rolled_back', customer: 'pending', lookup: 'rolled_back' });
    expect(ks(record, 'corder').hashes.after).toBe(hashOf('corder', V1.corder!));
    for (const name of ['lookup', 'corder']) expect(hashLive(name, fake.getVSchemaSync(name)).hash).toBe(hashOf(name, V1[name]!));
  });

  it('retries transient failures (UNAVAILABLE bursts) and succeeds', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.fail('GetCellInfoNames', 'UNAVAILABLE', 'connection refused', { count: 2 });
    fake.fail('ApplyVSchema', 'UNAVAILABLE', 'transport is closing', { keyspace: 'customer', count: 3 });
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(0);
    const failed = record.steps.filter((s) => !s.ok);
    expect(failed.map((s) => `${s.rpc} ${s.keyspace} ${s.attempt} ${s.code}`)).toEqual([
      'GetCellInfoNames null 1 UNAVAILABLE', 'GetCellInfoNames null 2 UNAVAILABLE',
      'ApplyVSchema customer 1 UNAVAILABLE', 'ApplyVSchema customer 2 UNAVAILABLE', 'ApplyVSchema customer 3 UNAVAILABLE',
    ]);
    expect(record.steps.find((s) => s.rpc === 'ApplyVSchema' && s.keyspace === 'customer' && s.ok)!.attempt).toBe(4);
  });

  it('retries vtctld\'s topo timeouts (UNKNOWN "deadline exceeded: <node>", CANCELLED) and succeeds', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.fail('GetVSchema', 'UNKNOWN', 'GetKeyspace(customer): deadline exceeded: /vitess/global/keyspaces/customer/Keyspace', { keyspace: 'customer', count: 1 });
    fake.fail('ApplyVSchema', 'CANCELLED', 'Call cancelled', { keyspace: 'customer', count: 1 });
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(0);
    expect(record.steps.filter((s) => !s.ok).map((s) => `${s.rpc} ${s.keyspace} ${s.code}`)).toEqual(['GetVSchema customer UNKNOWN', 'ApplyVSchema customer CANCELLED']);
  });

  it('a dry run cut off by the topo on every attempt is an error with nothing written, not vtctld rejecting the VSchema', async () => {
    for (const [code, details] of [['UNKNOWN', 'GetKeyspace(customer): deadline exceeded: /vitess/global/keyspaces/customer/Keyspace'], ['CANCELLED', 'Call cancelled']] as const) {
      const fake = new MemoryVtctld(['zone1'], V1);
      fake.fail('ApplyVSchema(dry_run)', code, details, { keyspace: 'customer', count: 50 });
      const { record, exitCode } = await deploy(fake, V1, V2, { retry: { maxAttempts: 3 } });
      expect(exitCode, code).toBe(2);
      expect(record.outcome).toBe('error');
      expect(record.refusals).toEqual([]);
      expect(record.message).toContain('nothing was written');
      expect(fake.count('ApplyVSchema')).toBe(0);
    }
  });

  it('vtctld unreachable in pre-flight: exit 2, nothing written', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    fake.fail('GetCellInfoNames', 'UNAVAILABLE', 'connection refused', { count: 50 });
    const { record, exitCode } = await deploy(fake, V1, V2, { retry: { maxAttempts: 4 } });
    expect(exitCode).toBe(2);
    expect(record.outcome).toBe('error');
    expect(record.message).toMatch(/^cannot talk to vtctld at 127.0.0.1:15999: GetCellInfoNames failed: UNAVAILABLE: connection refused \(gave up after 4 attempts\); nothing was written$/);
    expect(fake.count('GetCellInfoNames')).toBe(4);
  });

  it('a keyspace changed between pre-flight and its write is not written; earlier ones are rolled back', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    let applies = 0;
    fake.beforeCall = (rpc) => {
      if (rpc === 'ApplyVSchema' && ++applies === 1) fake.setVSchema('customer', { ...V1.customer!, require_explicit_routing: true });
    };
    const { record, exitCode } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(1);
    expect(record.refusals.map((r) => r.kind)).toEqual(['concurrent-change']);
    expect(states(record)).toEqual({ corder: 'rolled_back', customer: 'unchanged', lookup: 'rolled_back' });
    expect(fake.vschemas.get('customer')).toMatchObject({ require_explicit_routing: true });
  });

  it('a cell whose SrvVSchema does not catch up before the deadline fails verification and rolls back', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    fake.staleCells.add('zone2');
    const { record, exitCode } = await deploy(fake, V1, V2, { verifyTimeoutMs: 2_000, pollIntervalMs: 250 });
    expect(exitCode).toBe(1);
    expect(record.transitions.map((x) => x.to)).toEqual(['preflight', 'applying', 'verifying', 'rolling_back', 'rolled_back']);
    expect(record.message).toMatch(/^verify: SrvVSchema does not show head after 2 s: cell zone2: keyspace corder is [0-9a-f]{12}, expected [0-9a-f]{12}/);
    expect(fake.count('GetSrvVSchemas')).toBeGreaterThanOrEqual(8);
    expect(Object.values(states(record))).toEqual(['rolled_back', 'rolled_back', 'rolled_back']);
  });

  it('a lagging cell that catches up within the deadline passes', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    fake.staleCells.add('zone2');
    let polls = 0;
    fake.beforeCall = (rpc) => {
      if (rpc === 'GetSrvVSchemas' && ++polls === 3) {
        fake.staleCells.delete('zone2');
        void fake.rebuildVSchemaGraph(['zone2']);
      }
    };
    const { exitCode, record } = await deploy(fake, V1, V2);
    expect(exitCode).toBe(0);
    expect(record.verification.cells.zone2!.corder).toBe(hashOf('corder', V2.corder!));
  });

  it('a new keyspace whose topo holds no VSchema node rolls back to an empty VSchema and says so', async () => {
    const fake = new MemoryVtctld(['zone1'], { ...V1, extra: null });
    const head = { ...V2, extra: { tables: { e: {} } } };
    fake.fail('ApplyVSchema', 'UNKNOWN', 'SaveVSchema(lookup): context deadline exceeded', { keyspace: 'lookup' });
    // Order: extra and lookup are unsharded; extra < lookup by name.
    const { record, exitCode, logs } = await deploy(fake, V1, head);
    expect(exitCode).toBe(1);
    expect(ks(record, 'extra').snapshot_absent).toBe(true);
    expect(ks(record, 'extra').state).toBe('rolled_back');
    expect(hashLive('extra', fake.getVSchemaSync('extra')).hash).toBe(EMPTY_HASH);
    expect(logs.some((l) => l.includes('had no VSchema node before; an empty VSchema was applied'))).toBe(true);
  });

  it('vtgate /debug/vschema: checked when given, a vtgate that never loads the change fails verification', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const served = (): unknown => ({ keyspaces: Object.fromEntries([...fake.vschemas].map(([k, v]) => [k, { sharded: !!v?.sharded, tables: v?.tables ?? {}, vindexes: v?.vindexes ?? {} }])) });
    const ok = await deploy(fake, V1, V2, { vtgates: ['http://127.0.0.1:15001/'], fetchJson: async () => served() });
    expect(ok.exitCode).toBe(0);
    expect(ok.record.verification.vtgates).toEqual([{ url: 'http://127.0.0.1:15001/debug/vschema', ok: true, message: 'keyspaces, vindexes and tables loaded without error' }]);
    const fake2 = new MemoryVtctld(['zone1'], V1);
    const stale = { keyspaces: { ...(served() as { keyspaces: object }).keyspaces, corder: { sharded: true, error: 'vindexType "x" not found' } } };
    const bad = await deploy(fake2, V1, V2, { vtgates: ['http://vtgate:15001'], fetchJson: async () => stale, verifyTimeoutMs: 1000 });
    expect(bad.exitCode).toBe(1);
    expect(bad.record.message).toContain('keyspace corder has a VSchema error in vtgate: vindexType "x" not found');
  });

  it('runs the injected DDL phase before any VSchema write; ok=false stops with nothing written', async () => {
    const seen: string[] = [];
    const ddlOk: DdlPhase = async (i) => {
      seen.push(`${i.deployId} dry=${i.dryRun} applies=${(i.client as MemoryVtctld).count('ApplyVSchema')}`);
      return { ok: true, message: '2 migrations complete', detail: { uuids: ['a', 'b'] } };
    };
    const fake = new MemoryVtctld(['zone1'], V1);
    const ok = await deploy(fake, V1, V2, { ddlPhase: ddlOk });
    expect(ok.exitCode).toBe(0);
    expect(seen).toEqual(['acme/shop@abc123 dry=false applies=0']);
    expect(ok.record.transitions.map((x) => x.to)).toEqual(['preflight', 'ddl', 'applying', 'verifying', 'committed']);
    expect(ok.record.ddl).toEqual({ ok: true, message: '2 migrations complete', detail: { uuids: ['a', 'b'] } });

    const fake2 = new MemoryVtctld(['zone1'], V1);
    const bad = await deploy(fake2, V1, V2, { ddlPhase: async () => ({ ok: false, message: 'migration 1 failed on -80', detail: null }) });
    expect(bad.exitCode).toBe(1);
    expect(bad.record.state).toBe('failed');
    expect(bad.record.message).toBe('Online DDL phase failed: migration 1 failed on -80; no VSchema was written');
    expect(fake2.count('ApplyVSchema')).toBe(0);

    const fake3 = new MemoryVtctld(['zone1'], V1);
    const dry = await deploy(fake3, V1, V2, { dryRun: true, ddlPhase: ddlOk });
    expect(dry.record.transitions.map((x) => x.to)).toEqual(['preflight', 'ddl', 'planned']);
    expect(seen.at(-1)).toMatch(/dry=true/);
  });

  it('--keyspace limits the deploy and refuses names head does not have', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { record } = await deploy(fake, V1, V2, { keyspaces: ['customer'] });
    expect(record.keyspaces.map((k) => k.name)).toEqual(['customer']);
    expect(record.notes).toContain('customer references lookup, which also changes but is not in this deploy (--keyspace)');
    const bad = await deploy(new MemoryVtctld(['zone1'], V1), V1, V2, { keyspaces: ['nope'] });
    expect(bad.exitCode).toBe(1);
    expect(bad.record.refusals.map((r) => r.kind).sort()).toEqual(['unknown-keyspace']);
  });

  it('an empty head is a refusal, never a pass', async () => {
    const { record, exitCode } = await deploy(new MemoryVtctld(['zone1'], V1), V1, {});
    expect(exitCode).toBe(1);
    expect(record.refusals[0]!.kind).toBe('no-input');
  });
});
