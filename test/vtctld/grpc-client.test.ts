/**
 * The real gRPC client against the in-process fake vtctld: round trips of every RPC, the auth
 * metadata, deadlines, error mapping (vtctld's text verbatim, no credentials), unknown fields,
 * TLS, the receive limit and a restarted server.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { afterEach, describe, expect, it } from 'vitest';
import { type SchemaMigrationRow, VtctldError } from '../../src/vtctld/client.js';
import { GrpcVtctldClient, type VtctldClientOptions } from '../../src/vtctld/grpc-client.js';
import { messageType } from '../../src/vtctld/protos.js';
import { FakeRpcError, FakeVtctld, type FakeVtctldOptions } from '../fakes/fake-vtctld.js';
import { rejection } from '../helpers.js';

const CUSTOMER = {
  sharded: true,
  vindexes: { hash: { type: 'hash' }, name_idx: { type: 'consistent_lookup', params: { table: 'customer.name_idx', from: 'name', to: 'keyspace_id' }, owner: 'customer' } },
  tables: {
    customer: {
      column_vindexes: [{ column: 'customer_id', name: 'hash' }, { columns: ['name'], name: 'name_idx' }],
      auto_increment: { column: 'customer_id', sequence: 'commerce.customer_seq' },
      columns: [{ name: 'customer_id', type: 'INT64' }, { name: 'name', type: 'VARCHAR', invisible: true }],
      column_list_authoritative: true,
    },
    name_idx: { column_vindexes: [{ column: 'name', name: 'hash' }] },
  },
  require_explicit_routing: true,
  foreign_key_mode: 'managed',
};

let fake: FakeVtctld | null = null;
const clients: GrpcVtctldClient[] = [];

async function setup(opts: FakeVtctldOptions = {}, clientOpts: Partial<VtctldClientOptions> = {}) {
  fake = await FakeVtctld.start(opts);
  fake.addCell('zone1').addCell('zone2');
  fake.createKeyspace('commerce').createShard('commerce', '0', { primaryAlias: 'zone1-0000000100' });
  fake.createKeyspace('customer').createShard('customer', '-80').createShard('customer', '80-');
  const client = new GrpcVtctldClient({ address: fake.address, rpcTimeoutMs: 2_000, ...clientOpts });
  clients.push(client);
  return { fake, client };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await fake?.stop();
  fake = null;
});


describe('GrpcVtctldClient against the fake vtctld', () => {
  it('reads cells, keyspaces and shards (key ranges as hex, primary alias)', async () => {
    const { client } = await setup();
    expect(await client.getCellInfoNames()).toEqual(['zone1', 'zone2']);
    expect(await client.getKeyspaces()).toEqual(['commerce', 'customer']);
    expect(await client.findAllShardsInKeyspace('customer')).toEqual([
      { keyspace: 'customer', name: '-80', keyRange: { start: '', end: '80' }, isPrimaryServing: true, primaryAlias: null },
      { keyspace: 'customer', name: '80-', keyRange: { start: '80', end: '' }, isPrimaryServing: true, primaryAlias: null },
    ]);
    expect((await client.findAllShardsInKeyspace('commerce'))[0]).toMatchObject({ name: '0', keyRange: null, primaryAlias: 'zone1-0000000100' });
    const e = await rejection(client.findAllShardsInKeyspace('nosuch'));
    expect(e).toMatchObject({ rpc: 'FindAllShardsInKeyspace', code: 'UNKNOWN', keyspace: 'nosuch' });
    expect(e.details).toBe("FindAllShardsInKeyspace(nosuch): List: node doesn't exist: /vitess/global/keyspaces/nosuch/shards");
  });

  it('round-trips a VSchema through ApplyVSchema and GetVSchema, and rebuilds SrvVSchema in both cells', async () => {
    const { fake, client } = await setup();
    const applied = await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER });
    expect(applied.vschema).toEqual({ vschema: CUSTOMER, unknownFields: [] });
    expect(await client.getVSchema('customer')).toEqual({ vschema: CUSTOMER, unknownFields: [] });
    const srv = await client.getSrvVSchemas();
    expect(Object.keys(srv)).toEqual(['zone1', 'zone2']);
    for (const cell of ['zone1', 'zone2']) expect(srv[cell]!.customer!.vschema).toEqual(CUSTOMER);
    expect(srv.zone1!.commerce).toEqual({ vschema: {}, unknownFields: [] });
    const sent = fake.callsOf('ApplyVSchema')[0]!.request;
    expect(sent).toMatchObject({ keyspace: 'customer' });
    expect(sent.dry_run).toBeUndefined();
  });

  it('sends field 5 even for an empty VSchema (vtctld wants exactly one of v_schema and sql)', async () => {
    const { fake, client } = await setup();
    fake.setVSchema('commerce', { tables: { product: {} } });
    const r = await client.applyVSchema({ keyspace: 'commerce', vschema: {} });
    expect(r.vschema.vschema).toEqual({});
    expect(fake.vschemaOf('commerce')).toEqual({});
    // Without field 5 the fake answers like vtctld: the check is real.
    const raw = new grpc.Client(fake.address, grpc.credentials.createInsecure());
    const type = messageType('vtctldata.ApplyVSchemaRequest');
    const err = await new Promise<grpc.ServiceError>((resolve) =>
      raw.makeUnaryRequest('/vtctlservice.Vtctld/ApplyVSchema', (v: object) => Buffer.from(type.encode(v).finish()), (b: Buffer) => b, { keyspace: 'commerce' }, (e) => resolve(e!)),
    );
    raw.close();
    expect(err.details).toBe('must pass exactly one of req.VSchema and req.Sql');
  });

  it('GetVSchema of a keyspace without a VSchema node is null; unknown keyspaces too', async () => {
    const { fake, client } = await setup();
    fake.deleteVSchema('commerce');
    expect(await client.getVSchema('commerce')).toBeNull();
    expect(await client.getVSchema('nosuch')).toBeNull();
  });

  it('dry_run validates and returns the VSchema but writes nothing; skip_rebuild leaves SrvVSchema alone', async () => {
    const { fake, client } = await setup();
    const r = await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER, dryRun: true });
    expect(r.vschema.vschema).toEqual(CUSTOMER);
    expect(fake.vschemaOf('customer')).toEqual({});
    await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER, skipRebuild: true });
    expect(fake.vschemaOf('customer')).toEqual(CUSTOMER);
    expect(fake.srvVSchemaOf('zone1')!.customer).toEqual({});
    await client.rebuildVSchemaGraph(['zone2']);
    expect(fake.srvVSchemaOf('zone1')!.customer).toEqual({});
    expect(fake.srvVSchemaOf('zone2')!.customer).toEqual(CUSTOMER);
    expect(fake.callsOf('ApplyVSchema').map((c) => [c.request.dry_run, c.request.skip_rebuild])).toEqual([[true, undefined], [undefined, true]]);
  });

  it('reports unknown vindex params, and strict mode turns them into vtctld\'s error', async () => {
    const { client } = await setup({ handlers: { unknownVindexParams: () => ({ hash: ['foo'] }) } });
    const r = await client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER });
    expect(r.unknownVindexParams).toEqual({ hash: ['foo'] });
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: CUSTOMER, strict: true }));
    expect(e.details).toBe('unknown vindex params: hash (foo)');
  });

  it('GetSrvVSchemas: a cell without a SrvVSchema node is null; unknown cells are dropped', async () => {
    const { fake, client } = await setup();
    fake.deleteSrvVSchema('zone2');
    const srv = await client.getSrvVSchemas(['zone1', 'zone2', 'nosuch']);
    expect(srv.zone2).toBeNull();
    expect(Object.keys(srv)).toEqual(['zone1', 'zone2']);
    expect(Object.keys(srv.zone1!)).toEqual(['commerce', 'customer']);
  });

  it('reports fields the proto does not declare, by path, in GetVSchema and GetSrvVSchemas', async () => {
    const { fake, client } = await setup();
    const W = () => protobuf.Writer.create();
    // Column {name: "id", nullable (8): true, default (4): "0"}; Table {columns: [that]}; tables["customer"].
    const column = W().uint32((1 << 3) | 2).string('id').uint32(8 << 3).bool(true).uint32((4 << 3) | 2).string('0').finish();
    const table = W().uint32((4 << 3) | 2).bytes(column).finish();
    const entry = W().uint32((1 << 3) | 2).string('customer').uint32((2 << 3) | 2).bytes(table).finish();
    // multi_tenant_spec (6) {tenant_id_column_name: "tenant"}
    const spec = W().uint32((1 << 3) | 2).string('tenant').finish();
    const keyspace = W().uint32(1 << 3).bool(true).uint32((3 << 3) | 2).bytes(entry).uint32((6 << 3) | 2).bytes(spec).finish();
    fake.setRawVSchema('customer', keyspace);
    const live = await client.getVSchema('customer');
    expect(live).toEqual({ vschema: { sharded: true, tables: { customer: { columns: [{ name: 'id' }] } } }, unknownFields: ['tables.customer.columns[0]#8', 'tables.customer.columns[0]#4', '#6'] });
    await client.rebuildVSchemaGraph();
    const srv = await client.getSrvVSchemas(['zone2']);
    expect(srv.zone2!.customer!.unknownFields).toEqual(['tables.customer.columns[0]#8', 'tables.customer.columns[0]#4', '#6']);
    expect(srv.zone2!.commerce!.unknownFields).toEqual([]);
  });

  it('refuses to send a VSchema with a field the proto does not declare (it would be dropped)', async () => {
    const { fake, client } = await setup();
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { sharded: true, multi_tenant_spec: { tenant_id_column_name: 't' } } }));
    expect(e).toMatchObject({ code: 'INVALID_ARGUMENT', keyspace: 'customer' });
    expect(e.details).toContain('multi_tenant_spec');
    const e2 = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { tables: { t: { columns: [{ name: 'a', nullable: true }] } } } }));
    expect(e2.details).toContain('tables.t.columns[0].nullable');
    expect(fake.callsOf('ApplyVSchema')).toHaveLength(0);
  });

  it('accepts lowerCamel JSON names and legacy FK_ enum names like protojson, and sends proto names', async () => {
    const { fake, client } = await setup();
    await client.applyVSchema({ keyspace: 'commerce', vschema: { requireExplicitRouting: true, foreignKeyMode: 'FK_UNMANAGED', tables: { t: { columnListAuthoritative: true } } } });
    expect(fake.vschemaOf('commerce')).toEqual({ require_explicit_routing: true, foreign_key_mode: 'unmanaged', tables: { t: { column_list_authoritative: true } } });
  });

  it('surfaces vtctld\'s rejection text verbatim with the RPC and keyspace', async () => {
    const text = 'BuildKeyspace(customer): missing primary col vindex for table: t';
    const { fake, client } = await setup();
    fake.failApplyVSchema('customer', text);
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { sharded: true, tables: { t: {} } } }));
    expect(e).toMatchObject({ rpc: 'ApplyVSchema', code: 'UNKNOWN', details: text, keyspace: 'customer', transient: false });
    expect(e.message).toBe(`ApplyVSchema (keyspace customer) failed: UNKNOWN: ${text}`);
    const e2 = await rejection(client.applyVSchema({ keyspace: 'nosuch', vschema: {} }));
    expect(e2.details).toBe("keyspace(nosuch) doesn't exist, check if the keyspace is initialized: node doesn't exist: /vitess/global/keyspaces/nosuch/Keyspace");
  });

  it('uses the BuildKeyspace hook of the fake', async () => {
    const { client } = await setup({ handlers: { buildKeyspace: (_ks, vs) => (vs.sharded && !vs.vindexes ? 'missing primary col vindex for table: t' : null) } });
    const e = await rejection(client.applyVSchema({ keyspace: 'customer', vschema: { sharded: true, tables: { t: {} } } }));
    expect(e.details).toBe('BuildKeyspace(customer): missing primary col vindex for table: t');
  });

  it('retries nothing itself: an UNAVAILABLE burst fails each call as transient, then calls succeed', async () => {
    const { fake, client } = await setup();
    fake.failNext('GetVSchema', 2, 'UNAVAILABLE', 'vtctld restarting');
    for (let i = 0; i < 2; i++) {
      const e = await rejection(client.getVSchema('customer'));
      expect(e).toMatchObject({ code: 'UNAVAILABLE', details: 'vtctld restarting', transient: true });
    }
    expect(await client.getVSchema('customer')).toEqual({ vschema: {}, unknownFields: [] });
    expect(fake.callsOf('GetVSchema').map((c) => c.status)).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'OK']);
  });

  it('applies the per-call deadline: a slow call fails DEADLINE_EXCEEDED (transient)', async () => {
    const { fake, client } = await setup({}, { rpcTimeoutMs: 150 });
    fake.delayNext('GetCellInfoNames', 1, 1_000);
    const e = await rejection(client.getCellInfoNames());
    expect(e).toMatchObject({ rpc: 'GetCellInfoNames', code: 'DEADLINE_EXCEEDED', transient: true });
  });

  it('fails UNAVAILABLE when nothing listens, and reconnects after the server restarts', async () => {
    const { fake, client } = await setup();
    expect(await client.getCellInfoNames()).toEqual(['zone1', 'zone2']);
    await fake.stop();
    const e = await rejection(client.getCellInfoNames());
    expect(e).toMatchObject({ code: 'UNAVAILABLE', transient: true });
    await fake.restart();
    let names: string[] | null = null;
    for (let i = 0; i < 50 && !names; i++) {
      names = await client.getCellInfoNames().catch(() => null);
      if (!names) await new Promise((r) => setTimeout(r, 100));
    }
    expect(names).toEqual(['zone1', 'zone2']);
  });

  it('sends static auth as username/password metadata on every call; never shows them in errors', async () => {
    const auth = { username: 'deployer', password: 's3cr3t-pass' };
    const { fake, client } = await setup({ auth }, { auth });
    await client.getCellInfoNames();
    await client.getVSchema('customer');
    expect(fake.calls.map((c) => [c.metadata.username, c.metadata.password])).toEqual([
      ['deployer', 's3cr3t-pass'],
      ['deployer', 's3cr3t-pass'],
    ]);
    const none = new GrpcVtctldClient({ address: fake.address });
    clients.push(none);
    expect(await rejection(none.getCellInfoNames())).toMatchObject({ code: 'UNAUTHENTICATED', details: 'username and password must be provided' });
    const wrong = new GrpcVtctldClient({ address: fake.address, auth: { username: 'deployer', password: 'wrong-password' } });
    clients.push(wrong);
    const e = await rejection(wrong.getCellInfoNames());
    expect(e.code).toBe('PERMISSION_DENIED');
    const shown = `${e.message} ${e.details} ${JSON.stringify(e)} ${String(e)} ${e.stack}`;
    expect(shown).not.toContain('wrong-password');
    expect(shown).not.toContain('deployer');
    expect(e.details).toBe('auth failure: caller "<redacted>" provided invalid credentials');
  });

  it('redacts credentials a server echoes back in its error text', async () => {
    const auth = { username: 'deployer', password: 's3cr3t-pass' };
    const { fake, client } = await setup({}, { auth });
    fake.failNext('GetVSchema', 1, 'UNKNOWN', 'bad request from deployer with s3cr3t-pass');
    const e = await rejection(client.getVSchema('customer'));
    expect(e.details).toBe('bad request from <redacted> with <redacted>');
  });

  it('connects over TLS with the CA and server name override, and with a client certificate (mTLS)', async () => {
    const dir = path.join(import.meta.dirname, '../fixtures/tls');
    const read = (f: string) => fs.readFileSync(path.join(dir, f));
    const { client, fake } = await setup(
      { tls: { key: read('server.key'), cert: read('server.pem'), ca: read('ca.pem') } },
      { tls: { ca: read('ca.pem'), cert: read('client.pem'), key: read('client.key'), serverName: 'vtctld.test' } },
    );
    expect(await client.getCellInfoNames()).toEqual(['zone1', 'zone2']);
    const noClientCert = new GrpcVtctldClient({ address: fake.address, tls: { ca: read('ca.pem'), serverName: 'vtctld.test' }, rpcTimeoutMs: 2_000 });
    clients.push(noClientCert);
    expect((await rejection(noClientCert.getCellInfoNames())).code).toBe('UNAVAILABLE');
    const wrongName = new GrpcVtctldClient({ address: fake.address, tls: { ca: read('ca.pem'), cert: read('client.pem'), key: read('client.key'), serverName: 'other.test' }, rpcTimeoutMs: 2_000 });
    clients.push(wrongName);
    expect((await rejection(wrongName.getCellInfoNames())).code).toBe('UNAVAILABLE');
  });

  it('receives responses above 16 MiB by default; a 16 MiB limit refuses them', async () => {
    const { fake, client } = await setup();
    const big = 'x'.repeat(17 * 1024 * 1024);
    fake.setVSchema('commerce', { vindexes: { v: { type: 'hash', params: { big } } } });
    const live = await client.getVSchema('commerce');
    expect(((live!.vschema.vindexes as Record<string, { params: { big: string } }>).v.params.big).length).toBe(big.length);
    const small = new GrpcVtctldClient({ address: fake.address, maxReceiveBytes: 16 * 1024 * 1024 });
    clients.push(small);
    expect((await rejection(small.getVSchema('commerce'))).code).toBe('RESOURCE_EXHAUSTED');
    expect(() => new GrpcVtctldClient({ address: fake!.address, maxReceiveBytes: 1024 })).toThrow(/at least 16 MiB/);
  });

  it('without tablets: ApplySchema and the directives fail with vtctld\'s texts, GetSchemaMigrations is empty', async () => {
    const { fake, client } = await setup();
    fake.createKeyspace('empty');
    const req = { keyspace: 'customer', sql: ['alter table t add column c int'], ddlStrategy: 'vitess', uuidList: ['a'], migrationContext: 'ctx' };
    expect((await rejection(client.applySchema(req))).details).toBe('shard: -80 does not have a primary');
    expect((await rejection(client.applySchema({ ...req, keyspace: 'empty' }))).details).toBe('keyspace: empty does not contain any primary tablets');
    expect(await client.getSchemaMigrations({ keyspace: 'customer' })).toEqual([]);
    expect((await rejection(client.migrationDirective('complete', 'commerce', 'u1'))).details).toBe('shard: 0 does not have a primary');
  });

  it('carries migration requests and rows through pluggable handlers, field for field', async () => {
    const row: SchemaMigrationRow = {
      uuid: '2b5f3c2a_3a6b_11ef_9b1b_0a58a9feac02', keyspace: 'customer', shard: '-80', table: 'customer',
      migrationStatement: 'alter table customer add column c int', strategy: 0, options: '--postpone-completion', status: 'RUNNING',
      progress: 42.5, rowsCopied: 1234, tableRows: 5000, etaSeconds: -1, readyToComplete: true, postponeCompletion: true,
      postponeLaunch: false, retries: 2, migrationContext: 'deploy:abc', ddlAction: 'alter', message: 'copying',
      requestedAt: 1_700_000_000, startedAt: 1_700_000_010, completedAt: null, lastThrottledAt: 1_700_000_020.5,
      componentThrottled: 'vplayer', userThrottleRatio: 0.25, isImmediateOperation: false, tablet: 'zone1-0000000101',
    };
    const seen: unknown[] = [];
    const { client } = await setup({
      handlers: {
        applySchema: (r) => {
          seen.push(r);
          return { uuidList: r.uuidList, rowsAffectedByShard: { '-80': 1, '80-': 1 } };
        },
        getSchemaMigrations: (r) => {
          seen.push(r);
          return [row, { ...row, shard: '80-', status: 'UNKNOWN_9' as const, tablet: 'zone2-0000000201' }];
        },
        migrationDirective: (d, ks, uuid) => {
          seen.push([d, ks, uuid]);
          if (d === 'retry') throw new FakeRpcError('UNKNOWN', 'retry refused');
          return { '-80': 1, '80-': 0 };
        },
      },
    });
    const req = { keyspace: 'customer', sql: ['alter table customer add column c int'], ddlStrategy: 'vitess --postpone-completion', uuidList: [row.uuid], migrationContext: 'deploy:abc', waitReplicasTimeoutSeconds: 10 };
    expect(await client.applySchema(req)).toEqual({ uuidList: [row.uuid], rowsAffectedByShard: { '-80': 1, '80-': 1 } });
    const rows = await client.getSchemaMigrations({ keyspace: 'customer', migrationContext: 'deploy:abc', status: 'RUNNING', recentSeconds: 3600, order: 'DESCENDING', limit: 10, skip: 5 });
    expect(rows[0]).toEqual({ ...row, progress: expect.closeTo(42.5, 5), userThrottleRatio: expect.closeTo(0.25, 5) });
    expect(rows[1]).toMatchObject({ shard: '80-', status: 'UNKNOWN_9', tablet: 'zone2-0000000201' });
    expect(await client.migrationDirective('complete', 'customer', row.uuid)).toEqual({ '-80': 1, '80-': 0 });
    expect((await rejection(client.migrationDirective('retry', 'customer', row.uuid))).details).toBe('retry refused');
    expect(seen).toEqual([
      req,
      { keyspace: 'customer', migrationContext: 'deploy:abc', status: 'RUNNING', recentSeconds: 3600, order: 'DESCENDING', limit: 10, skip: 5 },
      ['complete', 'customer', row.uuid],
      ['retry', 'customer', row.uuid],
    ]);
  });

  it('rejects an address that is not HOST:PORT', () => {
    expect(() => new GrpcVtctldClient({ address: 'localhost' })).toThrow(/HOST:PORT/);
  });
});
