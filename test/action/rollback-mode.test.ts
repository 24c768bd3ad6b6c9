// `mode: rollback` of the action: undoes the deploy whose record `mode: deploy` wrote, against the
// in-memory vtctld: the snapshots restored by compare-and-swap, its own record, summary and outputs;
// a keyspace changed since refused on its own; bad records, a missing file and connection problems fail
// the step with a sentence, never a stack trace; vtctld defaults to the record's.
import { describe, expect, it } from 'vitest';
import { type DeployModeDeps, runDeployMode } from '../../src/action/deploy-mode.js';
import { parseInputs } from '../../src/action/inputs.js';
import { type RollbackModeDeps, runRollbackMode } from '../../src/action/rollback-mode.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import { hashLive } from '../../src/deploy/live-hash.js';
import type { DeployRecord } from '../../src/deploy/record.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { ConnectionOptionsError } from '../../src/vtctld/connection-options.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { V1, V2 } from '../deploy/helpers.js';

const SHA = '4f1c2e9d0000000000000000000000000000abcd';
const files = (side: Record<string, VSchemaJson>) => Object.entries(side).map(([k, v]) => ({ path: `vschema/${k}.json`, text: JSON.stringify(v) }));
const CTX = { defaultRecordPath: '/tmp/rt/vschema-guard/rollback-record.json', version: '0.1.0' };

/** Deploys V1 → V2 with `mode: deploy` and returns the record it wrote, as the artifact's text. */
async function deployRecordText(fake: MemoryVtctld): Promise<string> {
  let record: DeployRecord | null = null;
  let t = Date.UTC(2026, 11, 6, 4);
  const deps: DeployModeDeps = {
    connect: () => ({ client: fake, address: '127.0.0.1:15999' }), now: () => (t += 4), sleep: async (ms) => void (t += ms), fetchJson: async () => ({}),
    writeRecord: (_p, r) => void (record = structuredClone(r)), summary: async () => {}, info: () => {}, notice: () => {}, output: () => {},
    fail: (m) => {
      throw new Error(m);
    },
    deployments: null,
  };
  await runDeployMode(parseInputs((n) => ({ mode: 'deploy', vtctld: '127.0.0.1:15999' })[n] ?? '').deploy, {
    target: { event: 'push', baseSha: 'b'.repeat(40), headSha: SHA, pr: null, owner: 'acme', repo: 'shop' },
    env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHA }, headFiles: files(V2), baseFiles: files(V1), baseLabel: 'bbbbbbb', config: DEFAULT_CONFIG,
    keyspaceNameFor: (p) => p.replace(/^vschema\//, '').replace(/\.json$/, ''), defaultRecordPath: '/tmp/rt/deploy-record.json', version: '0.1.0', runUrl: null,
  }, deps);
  expect(record!.outcome).toBe('deployed');
  return JSON.stringify(record);
}

function recorder(fake: MemoryVtctld, disk: Record<string, string>) {
  let t = Date.UTC(2026, 11, 6, 5);
  const r = { summaries: [] as string[], outputs: {} as Record<string, string>, failed: null as string | null, records: [] as Array<[string, DeployRecord]>, connected: [] as Array<[string | undefined, string | null]>, closed: 0 };
  const deps: RollbackModeDeps = {
    connect: (s, auth) => {
      if (!s.vtctld) throw new ConnectionOptionsError('--vtctld HOST:PORT is required');
      r.connected.push([s.vtctld, auth]);
      return { client: Object.assign(Object.create(fake) as MemoryVtctld, { close: () => void r.closed++ }), address: s.vtctld };
    },
    readFile: (p) => {
      if (!(p in disk)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
      return disk[p]!;
    },
    now: () => (t += 3), sleep: async (ms) => void (t += ms),
    writeRecord: (p, rec) => void r.records.push([p, structuredClone(rec)]),
    summary: async (md) => void r.summaries.push(md), info: () => {},
    output: (n, v) => void (r.outputs[n] = v), fail: (m) => void (r.failed = m),
  };
  return { r, deps };
}

const inputs = (o: Record<string, string> = {}) => parseInputs((n) => ({ mode: 'rollback', 'rollback-record': 'record/deploy-record.json', ...o })[n] ?? '').rollback;
const live = (fake: MemoryVtctld, k: string): string => hashLive(k, fake.getVSchemaSync(k)).hash;

describe('action mode: rollback', () => {
  it('restores every keyspace the deploy wrote to its snapshot, at the record\'s vtctld; record, summary and outputs', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    const before = Object.fromEntries(Object.keys(V1).map((k) => [k, live(fake, k)]));
    const text = await deployRecordText(fake);
    expect(Object.keys(V1).some((k) => live(fake, k) !== before[k])).toBe(true);
    const { r, deps } = recorder(fake, { 'record/deploy-record.json': text });
    await runRollbackMode(inputs({ auth: '{"Username":"u","Password":"p"}' }), CTX, deps);
    expect(r.failed).toBeNull();
    expect(r.connected).toEqual([['127.0.0.1:15999', '{"Username":"u","Password":"p"}']]);
    expect(r.closed).toBe(1);
    for (const k of Object.keys(V1)) expect(live(fake, k)).toBe(before[k]);
    expect(r.outputs).toEqual({ 'rollback-result': 'restored', record: CTX.defaultRecordPath, result: 'pass' });
    const rec = r.records.at(-1)![1];
    expect(rec.kind).toBe('rollback');
    expect(rec.rollback_of).toBe(`acme/shop@${SHA}`);
    expect(r.summaries.at(-1)).toContain(`### ✅ vschema-guard: Rollback of \`acme/shop@${SHA}\`: `);
    expect(JSON.stringify([r.outputs, r.summaries, r.records])).not.toContain('Password');
  });

  it('a keyspace changed since the deploy is refused on its own, the others restored; the step fails', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const text = await deployRecordText(fake);
    await fake.applyVSchema({ keyspace: 'customer', vschema: { ...V2.customer!, tables: { ...(V2.customer!.tables as object), extra: {} } } });
    const changed = live(fake, 'customer');
    const { r, deps } = recorder(fake, { 'record/deploy-record.json': text });
    await runRollbackMode(inputs({ vtctld: '10.0.0.9:15999', 'record-file': 'out/rb.json' }), CTX, deps);
    expect(r.connected[0]![0]).toBe('10.0.0.9:15999');
    expect(r.outputs).toEqual({ 'rollback-result': 'refused', record: 'out/rb.json', result: 'fail' });
    expect(r.failed).toMatch(/^vschema-guard rollback: restored .*; refused: customer: live \([0-9a-f]{12}\) is not what acme\/shop@4f1c2e9d\S* wrote/);
    expect(live(fake, 'customer')).toBe(changed);
    expect(r.records.every(([p]) => p === 'out/rb.json')).toBe(true);
  });

  it('dry-run and keyspace: the plan for the named keyspace only, nothing written', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const text = await deployRecordText(fake);
    const after = Object.fromEntries(Object.keys(V2).map((k) => [k, live(fake, k)]));
    const { r, deps } = recorder(fake, { 'record/deploy-record.json': text });
    await runRollbackMode(inputs({ 'dry-run': 'true', keyspace: 'customer' }), CTX, deps);
    expect(r.failed).toBeNull();
    expect(r.outputs['rollback-result']).toBe('planned');
    expect(r.records.at(-1)![1].keyspaces.map((k) => k.name)).toEqual(['customer']);
    for (const k of Object.keys(V2)) expect(live(fake, k)).toBe(after[k]);
    expect(r.summaries.at(-1)).toContain('**dry run**');
  });

  it('fails the step with a sentence: no input, a missing file, not a record, a rollback record, no vtctld', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const text = await deployRecordText(fake);
    const rollbackRecord = JSON.stringify({ ...JSON.parse(text), kind: 'rollback', rollback_of: 'x' });
    const cases: Array<[Record<string, string>, Record<string, string>, string]> = [
      [{ 'rollback-record': '' }, {}, 'vschema-guard rollback: input rollback-record is required: the path of the deploy record to undo (the artifact mode deploy uploaded)'],
      [{}, {}, 'vschema-guard rollback: cannot read record/deploy-record.json: no such file (download the deploy record artifact first)'],
      [{}, { 'record/deploy-record.json': '{"kind": "deploy"' }, 'vschema-guard rollback: record/deploy-record.json is not JSON: '],
      [{}, { 'record/deploy-record.json': '{"kind": "deploy"}' }, 'vschema-guard rollback: record/deploy-record.json is not a vschema-guard deploy record: / must have required property'],
      [{}, { 'record/deploy-record.json': rollbackRecord }, 'vschema-guard rollback: record/deploy-record.json is the record of a rollback, not of a deploy: give the deploy\'s record'],
      [{}, { 'record/deploy-record.json': JSON.stringify({ ...JSON.parse(text), vtctld: '' }) }, 'vschema-guard rollback: --vtctld HOST:PORT is required'],
    ];
    for (const [o, disk, message] of cases) {
      const { r, deps } = recorder(fake, disk);
      await runRollbackMode(inputs(o), CTX, deps);
      expect(r.failed?.startsWith(message), `${r.failed} / ${message}`).toBe(true);
      expect(r.outputs).toEqual({ 'rollback-result': 'error', result: 'fail' });
      expect(r.connected.length).toBe(0);
    }
  });
});
