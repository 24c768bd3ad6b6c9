/**
 * Online DDL against a real Vitess v24 control plane (etcd + vtctld, no tablets): what can be shown
 * without primaries. GetSchemaMigrations answers an empty list (not an error), so `migrations` says
 * nothing matched and why; the DDL phase refuses before submitting, with vtctld's own wording, and the
 * deploy writes no VSchema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { DEFAULT_DDL_STRATEGY, makeDdlPhase } from '../../src/migrations/ddl-phase.js';
import { DEFAULT_POLICY } from '../../src/migrations/decide.js';
import { applySchemaRequest, planSubmission } from '../../src/migrations/submission.js';
import { VtctldError } from '../../src/vtctld/client.js';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';
import { type VitessCluster, startVitess } from './harness.js';

let vt: VitessCluster;
let client: GrpcVtctldClient;

beforeAll(async () => {
  vt = await startVitess({ vtgate: false });
  client = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 20_000 });
});
afterAll(async () => {
  client?.close();
  await vt?.stop();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('Online DDL on a cluster without tablets', () => {
  it('migrations: GetSchemaMigrations is empty; exit 1 saying no shard has a primary', async () => {
    const r = await cli(['migrations', '--vtctld', vt.vtctldAddress, '--keyspace', 'customer', '--context', 'acme/shop@4f1c2e']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('no migrations\n');
    expect(r.err).toBe(
      'vschema-guard migrations: no migrations in keyspace customer in migration context acme/shop@4f1c2e — 2 of 2 shard(s) have no primary, and GetSchemaMigrations returns nothing from those; check --keyspace and the filter\n',
    );
    const json = await cli(['migrations', '--vtctld', vt.vtctldAddress, '--keyspace', 'customer', '--format', 'json']);
    expect(JSON.parse(json.out)).toMatchObject({ outcome: 'none', migrations: [] });
  });

  it('migrations: an unknown keyspace is a tool error from FindAllShardsInKeyspace (exit 2)', async () => {
    const r = await cli(['migrations', '--vtctld', vt.vtctldAddress, '--keyspace', 'nosuch', '--context', 'c']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "vschema-guard migrations: FindAllShardsInKeyspace (keyspace nosuch) failed: UNKNOWN: FindAllShardsInKeyspace(nosuch): List: node doesn't exist: /vitess/global/keyspaces/nosuch/shards\n",
    );
    // --watch does not wait for a keyspace that does not exist.
    const w = await cli(['migrations', '--vtctld', vt.vtctldAddress, '--keyspace', 'nosuch', '--watch']);
    expect(w.code).toBe(2);
  });

  it('the DDL phase refuses before submitting, naming each shard as vtctld would', async () => {
    const phase = makeDdlPhase({
      targets: [{ keyspace: 'customer', statements: [{ sql: 'ALTER TABLE customer ADD COLUMN email varchar(128)', file: 'ddl.sql', line: 1 }] }],
      ddlStrategy: DEFAULT_DDL_STRATEGY,
      policy: DEFAULT_POLICY,
    });
    const log: string[] = [];
    const r = await phase({ client, deployId: 'acme/shop@4f1c2e', now: Date.now, sleep: async () => {}, log: (l) => log.push(l), dryRun: false });
    expect(r).toMatchObject({
      ok: false,
      message: 'ApplySchema needs a PRIMARY on every shard; shard: -80 does not have a primary; shard: 80- does not have a primary (keyspace customer)',
    });
  });

  it('what vtctld itself says when the identical request is sent anyway: the same text, and nothing is queued', async () => {
    const plan = planSubmission('customer', 'acme/shop@4f1c2e', DEFAULT_DDL_STRATEGY, [{ sql: 'ALTER TABLE customer ADD COLUMN email varchar(128)', file: 'ddl.sql', line: 1 }]);
    let err: unknown = null;
    try {
      await client.applySchema(applySchemaRequest(plan));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VtctldError);
    expect((err as VtctldError).details).toMatch(/^shard: (-80|80-) does not have a primary$/);
    expect(await client.getSchemaMigrations({ keyspace: 'customer', migrationContext: plan.migrationContext })).toEqual([]);
  });
});
