/**
 * Keeps the fake vtctld (test/fakes/fake-vtctld.ts) honest: Vitess's own vtctldclient runs the same
 * commands against the real vtctld v24 and against the fake, and must print the same results and the
 * same error texts (gRPC code included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeVtctld } from '../fakes/fake-vtctld.js';
import { type CommandResult, DEFAULT_KEYSPACES, type VitessCluster, startVitess } from './harness.js';

let vt: VitessCluster;
let fake: FakeVtctld;

beforeAll(async () => {
  vt = await startVitess({ vtgate: false });
  fake = await FakeVtctld.start({
    // The one BuildKeyspace rule this scenario exercises (go/vt/vtgate/vindexes/vschema.go buildTables).
    handlers: {
      buildKeyspace: (_ks, vs) => {
        const tables = (vs.tables ?? {}) as Record<string, { column_vindexes?: unknown[]; type?: string }>;
        const bad = vs.sharded ? Object.keys(tables).find((t) => !tables[t]!.column_vindexes?.length && !tables[t]!.type) : undefined;
        return bad ? `missing primary col vindex for table: ${bad}` : null;
      },
    },
  });
  fake.addCell('zone1').addCell('zone2');
  for (const [ks, shards] of Object.entries(DEFAULT_KEYSPACES)) {
    fake.createKeyspace(ks);
    for (const s of shards) fake.createShard(ks, s);
  }
});

afterAll(async () => {
  await fake?.stop();
  await vt?.stop();
});

/** vtctldclient's result without log noise: the JSON it printed, or the error message of the RPC. */
function normalize(r: CommandResult): unknown {
  if (r.code === 0) {
    try {
      return { ok: JSON.parse(r.stdout) };
    } catch {
      return { ok: r.stdout.trim() };
    }
  }
  const m = /rpc error: code = [A-Za-z]+ desc = [^"\n]*/.exec(r.stderr);
  return { error: m ? m[0] : r.stderr.trim().split('\n').pop() };
}

async function both(args: string[]): Promise<{ real: unknown; fake: unknown }> {
  const real = normalize(await vt.vtctldclient(args));
  const viaFake = normalize(await vt.vtctldclient(['--server', fake.address, ...args]));
  return { real, fake: viaFake };
}

const CUSTOMER = JSON.stringify({
  sharded: true,
  vindexes: { hash: { type: 'hash' } },
  tables: { customer: { column_vindexes: [{ column: 'customer_id', name: 'hash' }], columns: [{ name: 'customer_id', type: 'INT64' }] } },
});

describe('vtctldclient v24 sees the same through the fake as through vtctld', () => {
  const steps: string[][] = [
    ['GetCellInfoNames'],
    ['GetKeyspaces'],
    ['FindAllShardsInKeyspace', 'customer'],
    ['FindAllShardsInKeyspace', 'commerce'],
    ['FindAllShardsInKeyspace', 'nosuch'],
    ['GetVSchema', 'commerce'],
    ['GetVSchema', 'nosuch'],
    ['GetSrvVSchemas'],
    ['ApplyVSchema', '--dry-run', '--vschema', CUSTOMER, 'customer'],
    ['GetVSchema', 'customer'],
    ['ApplyVSchema', '--vschema', CUSTOMER, 'customer'],
    ['GetVSchema', 'customer'],
    ['GetSrvVSchemas', 'zone2', 'nosuch'],
    ['ApplyVSchema', '--vschema', '{"sharded":true,"tables":{"t":{}}}', 'customer'],
    ['ApplyVSchema', '--vschema', '{}', 'nosuch'],
    ['ApplyVSchema', '--skip-rebuild', '--vschema', '{"tables":{"product":{}}}', 'commerce'],
    ['GetSrvVSchemas', 'zone1'],
    ['RebuildVSchemaGraph', '--cells', 'zone1'],
    ['GetSrvVSchemas', 'zone1'],
    ['GetSrvVSchemas', 'zone2'],
    ['ApplySchema', '--sql', 'alter table product add column c int', '--ddl-strategy', 'vitess', 'commerce'],
    ['OnlineDDL', 'show', 'customer', 'all'],
    ['OnlineDDL', 'complete', 'commerce', '2b5f3c2a_3a6b_11ef_9b1b_0a58a9feac02'],
    ['OnlineDDL', 'cancel', 'commerce', '2b5f3c2a_3a6b_11ef_9b1b_0a58a9feac02'],
    ['CreateKeyspace', 'empty'],
    ['CreateKeyspace', 'empty'],
    ['GetKeyspaces'],
    ['ApplySchema', '--sql', 'alter table t add column c int', '--ddl-strategy', 'vitess', 'empty'],
    ['GetSrvVSchemas', 'zone1'],
  ];
  it.each(steps.map((s) => [s.join(' '), s] as const))('%s', async (_name, args) => {
    const { real, fake: viaFake } = await both(args);
    expect(viaFake).toEqual(real);
  });
});
