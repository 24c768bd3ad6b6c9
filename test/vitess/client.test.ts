/**
 * The gRPC client against a real Vitess v24 control plane (etcd + vtctld + vtgate, two cells, no
 * tablets). Also pins the facts the README table "Vitess facts confirmed against v24" states.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VtctldError } from '../../src/vtctld/client.js';
import { connectionSettingsFromArgs, loadConnectionOptions } from '../../src/vtctld/connection-options.js';
import { GrpcVtctldClient } from '../../src/vtctld/grpc-client.js';
import { isRetriable } from '../../src/deploy/rpc-policy.js';
import { type VitessCluster, startVitess } from './harness.js';
import { rejection } from '../helpers.js';

const CUSTOMER = {
  sharded: true,
  vindexes: {
    hash: { type: 'hash' },
    name_idx: { type: 'consistent_lookup', params: { table: 'customer.name_idx', from: 'name,customer_id', to: 'keyspace_id' }, owner: 'customer' },
  },
  tables: {
    customer: {
      column_vindexes: [{ column: 'customer_id', name: 'hash' }, { columns: ['name', 'customer_id'], name: 'name_idx' }],
      auto_increment: { column: 'customer_id', sequence: 'commerce.customer_seq' },
      columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'name', type: 'VARCHAR', invisible: true }],
      column_list_authoritative: true,
    },
    name_idx: { column_vindexes: [{ column: 'name', name: 'hash' }] },
  },
  foreign_key_mode: 'unmanaged',
};
const COMMERCE = { tables: { customer_seq: { type: 'sequence' }, product: {} } };

type J = null | boolean | number | string | J[] | { [k: string]: J };
const sortKeys = (v: J): J =>
  Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k]!)])) : v;
const hash = (v: unknown) => crypto.createHash('sha256').update(JSON.stringify(sortKeys(v as J))).digest('hex');


async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await fn().catch(() => undefined as T);
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await fn().catch(() => undefined as T);
  }
  return v;
}

let vt: VitessCluster;
let client: GrpcVtctldClient;

beforeAll(async () => {
  vt = await startVitess();
  client = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 10_000 });
});

afterAll(async () => {
  client?.close();
  await vt?.stop();
});

describe('GrpcVtctldClient against vtctld v24', () => {
  it('reads the cells, keyspaces and shards the harness created', async () => {
    expect(await client.getCellInfoNames()).toEqual(['zone1', 'zone2']);
    expect(await client.getKeyspaces()).toEqual(['commerce', 'customer']);
    expect(await client.findAllShardsInKeyspace('customer')).toEqual([
      { keyspace: 'customer', name: '-80', keyRange: { start: '', end: '80' }, isPrimaryServing: true, primaryAlias: null },
      { keyspace: 'customer', name: '80-', keyRange: { start: '80', end: '' }, isPrimaryServing: true, primaryAlias: null },
    ]);
    expect(await client.findAllShardsInKeyspace('commerce')).toEqual([
      { keyspace: 'commerce', name: '0', keyRange: null, isPrimaryServing: true, primaryAlias: null },
    ]);
    const e = await rejection(client.findAllShardsInKeyspace('nosuch'));
    expect(e).toMatchObject({ code: 'UNKNOWN', details: "FindAllShardsInKeyspace(nosuch): List: node doesn't exist: /vitess/global/keyspaces/nosuch/shards" });
  });

  it('CreateKeyspace wrote an empty VSchema; a keyspace that does not exist has none (null)', async () => {
    expect(await client.getVSchema('commerce')).toEqual({ vschema: {}, unknownFields: [] });
    expect(await client.getVSchema('nosuch')).toBeNull();
    // The NoNode text carries the full topo path (global root included), code UNKNOWN.
    const r = await vt.vtctldclient(['GetVSchema', 'nosuch']);
    expect(r.stderr).toContain("rpc error: code = Unknown desc = node doesn't exist: /vitess/global/keyspaces/nosuch/VSchema");
  });

  it('round-trips ApplyVSchema / GetVSchema with equal hashes, and vtctldclient reads what we wrote', async () => {
    const applied = await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER, strict: true });
    expect(applied.unknownVindexParams).toEqual({});
    expect(applied.vschema).toEqual({ vschema: CUSTOMER, unknownFields: [] });
    const live = await client.getVSchema('customer');
    expect(hash(live!.vschema)).toBe(hash(CUSTOMER));
    const printed = await vt.vtctldclient(['GetVSchema', '--compact', 'customer']);
    expect(printed.code).toBe(0);
    expect(hash(JSON.parse(printed.stdout))).toBe(hash(CUSTOMER));
    await client.applyVSchema({ keyspace: 'commerce', vschema: COMMERCE });
    expect((await client.getVSchema('commerce'))!.vschema).toEqual(COMMERCE);
  });

  it('GetSrvVSchemas shows the applied VSchemas in both cells', async () => {
    const srv = await client.getSrvVSchemas();
    expect(Object.keys(srv)).toEqual(['zone1', 'zone2']);
    for (const cell of ['zone1', 'zone2']) {
      expect(hash(srv[cell]!.customer!.vschema)).toBe(hash(CUSTOMER));
      expect(srv[cell]!.commerce!.vschema).toEqual(COMMERCE);
    }
  });

  it('vtgate picks the new SrvVSchema up from its cell (/debug/vschema)', async () => {
    expect(vt.vtgateHttp).not.toBeNull();
    const started = Date.now();
    await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER });
    const seen = await eventually(
      async () => (await (await fetch(`${vt.vtgateHttp}/debug/vschema`)).json()) as { keyspaces?: Record<string, { tables?: Record<string, unknown> }> },
      (v) => !!v?.keyspaces?.customer?.tables?.name_idx,
    );
    expect(Object.keys(seen.keyspaces!.customer!.tables!)).toEqual(expect.arrayContaining(['customer', 'name_idx']));
    console.log(`vtgate served the applied VSchema ${Date.now() - started} ms after ApplyVSchema was sent (polled every 100 ms)`);
  });

  it('strict mode (v24) refuses unknown vindex params before dry_run and before writing; without strict they are reported', async () => {
    const withParam = { ...CUSTOMER, vindexes: { ...CUSTOMER.vindexes, hash: { type: 'hash', params: { foo: 'bar' } } } };
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: withParam, strict: true, dryRun: true }));
    expect(e).toMatchObject({ code: 'UNKNOWN', details: 'unknown vindex params: hash (foo)' });
    await rejection(client.applyVSchema({ keyspace: 'customer', vschema: withParam, strict: true }));
    expect(hash((await client.getVSchema('customer'))!.vschema)).toBe(hash(CUSTOMER));
    const dry = await client.applyVSchema({ keyspace: 'customer', vschema: withParam, dryRun: true });
    expect(dry.unknownVindexParams).toEqual({ hash: ['foo'] });
  });

  it('dry_run validates (BuildKeyspace) and returns the VSchema but writes nothing', async () => {
    const changed = { ...CUSTOMER, tables: { ...CUSTOMER.tables, extra: { column_vindexes: [{ column: 'id', name: 'hash' }] } } };
    const dry = await client.applyVSchema({ keyspace: 'customer', vschema: changed, dryRun: true });
    expect(hash(dry.vschema.vschema)).toBe(hash(changed));
    expect(hash((await client.getVSchema('customer'))!.vschema)).toBe(hash(CUSTOMER));
    const srv = await client.getSrvVSchemas();
    expect(hash(srv.zone1!.customer!.vschema)).toBe(hash(CUSTOMER));
    const bad = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { sharded: true, tables: { t: {} } }, dryRun: true }));
    expect(bad.details).toBe('BuildKeyspace(customer): missing primary col vindex for table: t');
  });

  it('surfaces vtctld\'s own rejection text verbatim, and writes nothing', async () => {
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { sharded: true, tables: { t: {} } } }));
    expect(e).toMatchObject({ rpc: 'ApplyVSchema', code: 'UNKNOWN', keyspace: 'customer', details: 'BuildKeyspace(customer): missing primary col vindex for table: t', transient: false });
    expect(hash((await client.getVSchema('customer'))!.vschema)).toBe(hash(CUSTOMER));
    const e2 = await rejection(client.applyVSchema({ keyspace: 'nosuch', vschema: {} }));
    expect(e2.details).toBe("keyspace(nosuch) doesn't exist, check if the keyspace is initialized: node doesn't exist: /vitess/global/keyspaces/nosuch/Keyspace");
  });

  it('ApplyVSchema overwrites without any version check (a change made behind our back is simply replaced)', async () => {
    const r = await vt.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify({ tables: { behind_our_back: {} } }), 'commerce']);
    expect(r.code).toBe(0);
    expect((await client.getVSchema('commerce'))!.vschema).toEqual({ tables: { behind_our_back: {} } });
    await client.applyVSchema({ keyspace: 'commerce', vschema: COMMERCE });
    expect((await client.getVSchema('commerce'))!.vschema).toEqual(COMMERCE);
  });

  it('skip_rebuild + cells: the global VSchema changes, SrvVSchema only where rebuilt; a missing SrvVSchema is null', async () => {
    const next = { tables: { ...COMMERCE.tables, orders: {} } };
    await client.applyVSchema({ keyspace: 'commerce', vschema: next, skipRebuild: true });
    let srv = await client.getSrvVSchemas();
    expect(srv.zone1!.commerce!.vschema).toEqual(COMMERCE);
    await client.rebuildVSchemaGraph(['zone2']);
    srv = await client.getSrvVSchemas(['zone1', 'zone2', 'nosuch']);
    expect(Object.keys(srv)).toEqual(['zone1', 'zone2']);
    expect(srv.zone1!.commerce!.vschema).toEqual(COMMERCE);
    expect(srv.zone2!.commerce!.vschema).toEqual(next);
    expect((await vt.vtctldclient(['DeleteSrvVSchema', 'zone2'])).code).toBe(0);
    expect((await client.getSrvVSchemas()).zone2).toBeNull();
    // On the wire: the map entry of the cell with a zero-length value (a nil SrvVSchema), key "zone2".
    const raw = new grpc.Client(vt.vtctldAddress, grpc.credentials.createInsecure());
    const bytes = await new Promise<Buffer>((resolve, reject) =>
      raw.makeUnaryRequest('/vtctlservice.Vtctld/GetSrvVSchemas', (b: Buffer) => b, (b: Buffer) => b, Buffer.from('12057a6f6e6532', 'hex'), (e, b) => (e ? reject(e) : resolve(b!))),
    );
    raw.close();
    expect(bytes.toString('hex')).toBe('0a09' + '0a057a6f6e6532' + '1200');
    await client.applyVSchema({ keyspace: 'commerce', vschema: COMMERCE });
    srv = await client.getSrvVSchemas();
    expect(srv.zone2!.commerce!.vschema).toEqual(COMMERCE);
  });

  it('reports fields of a live VSchema our model does not know (written by vtctldclient v24)', async () => {
    const newer = {
      sharded: true,
      vindexes: { hash: { type: 'hash' } },
      tables: { t: { column_vindexes: [{ column: 'id', name: 'hash' }], columns: [{ name: 'id', type: 'INT64', nullable: false, default: '0' }] } },
      multi_tenant_spec: { tenant_id_column_name: 'tenant_id', tenant_id_column_type: 'INT64' },
    };
    expect((await vt.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify(newer), 'customer'])).code).toBe(0);
    const live = await client.getVSchema('customer');
    expect(live!.unknownFields.sort()).toEqual(['#6', 'tables.t.columns[0]#4', 'tables.t.columns[0]#8']);
    expect(live!.vschema).toEqual({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'hash' }], columns: [{ name: 'id', type: 'INT64' }] } } });
    const srv = await client.getSrvVSchemas(['zone1']);
    expect(srv.zone1!.customer!.unknownFields.sort()).toEqual(['#6', 'tables.t.columns[0]#4', 'tables.t.columns[0]#8']);
    await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER });
    expect((await client.getVSchema('customer'))!.unknownFields).toEqual([]);
  });

  it('without tablets: ApplySchema and the directives are refused with a clear text; GetSchemaMigrations is empty', async () => {
    const req = { keyspace: 'commerce', sql: ['alter table product add column c int'], ddlStrategy: 'vitess', uuidList: [], migrationContext: 'vschema-guard-test' };
    expect(await rejection(client.applySchema(req))).toMatchObject({ code: 'UNKNOWN', details: 'shard: 0 does not have a primary', keyspace: 'commerce' });
    expect((await rejection(client.applySchema({ ...req, keyspace: 'customer' }))).details).toMatch(/^shard: (-80|80-) does not have a primary$/);
    expect(await client.getSchemaMigrations({ keyspace: 'customer' })).toEqual([]);
    expect(await client.getSchemaMigrations({ keyspace: 'customer', migrationContext: 'x', order: 'DESCENDING', limit: 5 })).toEqual([]);
    expect(await client.getSchemaMigrations({ keyspace: 'nosuch' })).toEqual([]);
    const d = await rejection(client.migrationDirective('complete', 'commerce', '2b5f3c2a_3a6b_11ef_9b1b_0a58a9feac02'));
    expect(d.details).toBe('shard: 0 does not have a primary');
  });

  it('with the topo (etcd) frozen, a call runs into the client deadline (DEADLINE_EXCEEDED, or CANCELLED / UNKNOWN topo timeout from vtctld), each retriable; it answers again once etcd is back', async () => {
    const quick = new GrpcVtctldClient({ address: vt.vtctldAddress, rpcTimeoutMs: 1_500 });
    vt.pauseEtcd();
    try {
      // Either the client's deadline fires first (DEADLINE_EXCEEDED) or vtctld's topo call, cut off by the
      // propagated deadline, answers first: CANCELLED, or UNKNOWN with the topo's own "deadline exceeded: <node>"
      // (a topo.Error that vterrors.Code has no code for). All three seen on v24 on a loaded machine, and
      // the deploy retries all three.
      const cutOff = ['DEADLINE_EXCEEDED', 'CANCELLED', 'UNKNOWN'];
      const e = await rejection(quick.getVSchema('customer'));
      expect(e).toMatchObject({ rpc: 'GetVSchema', keyspace: 'customer' });
      expect(cutOff).toContain(e.code);
      expect(isRetriable(e), `${e.code}: ${e.details}`).toBe(true);
      const a = await rejection(quick.applyVSchema({ keyspace: 'commerce', vschema: { tables: { during_freeze: {} } } }));
      expect(cutOff).toContain(a.code);
      expect(isRetriable(a), `${a.code}: ${a.details}`).toBe(true);
    } finally {
      vt.resumeEtcd();
    }
    // vtctld's first topo read (GetKeyspace) blocked, the propagated deadline cancelled it: nothing was written.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await client.getVSchema('commerce'))!.vschema).toEqual(COMMERCE);
    const back = await eventually(() => quick.getVSchema('customer'), (v) => !!v, 15_000);
    expect(hash(back!.vschema)).toBe(hash(CUSTOMER));
    quick.close();
  });

  it('a killed vtctld fails calls as UNAVAILABLE (transient); the same client reconnects after a restart', async () => {
    await vt.stopVtctld({ kill: true });
    const e = await rejection(client.getCellInfoNames());
    expect(e).toMatchObject({ code: 'UNAVAILABLE', transient: true });
    await vt.startVtctld();
    const up = Date.now();
    const names = await eventually(() => client.getCellInfoNames(), (v) => Array.isArray(v), 10_000);
    console.log(`the client answered again ${Date.now() - up} ms after the restarted vtctld was ready`);
    expect(names).toEqual(['zone1', 'zone2']);
    expect(hash((await client.getVSchema('customer'))!.vschema)).toBe(hash(CUSTOMER));
  });
});

describe('vtctld v24 with static auth', () => {
  const auth = { username: 'deployer', password: 'deploy-pass-123' };
  let secured: VitessCluster;
  beforeAll(async () => {
    secured = await startVitess({ auth, vtgate: false, keyspaces: { commerce: ['0'] } });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('accepts our username/password metadata and refuses calls without or with wrong credentials', async () => {
    const ok = new GrpcVtctldClient({ address: secured.vtctldAddress, auth });
    const none = new GrpcVtctldClient({ address: secured.vtctldAddress });
    const wrong = new GrpcVtctldClient({ address: secured.vtctldAddress, auth: { username: auth.username, password: 'not-the-password' } });
    try {
      expect(await ok.getKeyspaces()).toEqual(['commerce']);
      expect(await rejection(none.getKeyspaces())).toMatchObject({ code: 'UNAUTHENTICATED', details: 'username and password must be provided' });
      const e = await rejection(wrong.getKeyspaces());
      expect(e).toMatchObject({ code: 'PERMISSION_DENIED', details: 'auth failure: caller "<redacted>" provided invalid credentials' });
      expect(`${e.message} ${e.stack}`).not.toContain('not-the-password');
    } finally {
      ok.close();
      none.close();
      wrong.close();
    }
  });
});

describe('vtctld v24 over TLS with client certificates', () => {
  const dir = path.join(import.meta.dirname, '../fixtures/tls');
  const f = (n: string) => path.join(dir, n);
  let secured: VitessCluster;
  beforeAll(async () => {
    secured = await startVitess({
      vtgate: false,
      keyspaces: { commerce: ['0'] },
      tls: { cert: f('server.pem'), key: f('server.key'), ca: f('ca.pem'), serverName: 'vtctld.test', clientCa: f('ca.pem'), clientCert: f('client.pem'), clientKey: f('client.key') },
    });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('connects with the CLI connection options (--tls-ca, --tls-cert, --tls-key, --tls-server-name); refuses without a client certificate or TLS', async () => {
    const settings = connectionSettingsFromArgs({ vtctld: secured.vtctldAddress, 'tls-ca': f('ca.pem'), 'tls-cert': f('client.pem'), 'tls-key': f('client.key'), 'tls-server-name': 'vtctld.test', 'rpc-timeout': '5s' });
    const ok = new GrpcVtctldClient(loadConnectionOptions(settings));
    const noCert = new GrpcVtctldClient(loadConnectionOptions({ ...settings, tlsCert: undefined, tlsKey: undefined }));
    const plain = new GrpcVtctldClient({ address: secured.vtctldAddress, rpcTimeoutMs: 5_000 });
    try {
      expect(await ok.getKeyspaces()).toEqual(['commerce']);
      expect((await ok.applyVSchema({ keyspace: 'commerce', vschema: { tables: { t: {} } } })).vschema.vschema).toEqual({ tables: { t: {} } });
      expect((await rejection(noCert.getKeyspaces())).code).toBe('UNAVAILABLE');
      expect((await rejection(plain.getKeyspaces())).code).toBe('UNAVAILABLE');
    } finally {
      ok.close();
      noCert.close();
      plain.close();
    }
  });
});
