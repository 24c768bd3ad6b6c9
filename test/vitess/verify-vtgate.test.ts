// `vschema-guard verify` against a real vtgate v0.24.4 with no tablets (issue 14, measured: VEXPLAIN PLAN
// over the MySQL protocol answers from the VSchema alone; one row, column `JSON`). The harness's etcd +
// vtctld hold the VSchema; this test starts its own vtgate with a MySQL port.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../src/cli/verify-command.js';
import { type VitessCluster, freePort, startVitess } from './harness.js';

const vschema = {
  sharded: true,
  vindexes: { hash: { type: 'hash' }, email_idx: { type: 'lookup_unique', params: { table: 'commerce.email_idx', from: 'email', to: 'keyspace_id' }, owner: 'customer' } },
  tables: {
    customer: { column_vindexes: [{ column: 'customer_id', name: 'hash' }, { column: 'email', name: 'email_idx' }] },
    corder: { column_vindexes: [{ column: 'customer_id', name: 'hash' }] },
  },
};

let cluster: VitessCluster;
let gate: ChildProcess;
let mysqlPort = 0;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-verify-real-'));

beforeAll(async () => {
  cluster = await startVitess({ vtgate: false });
  const a = await cluster.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify({ tables: { email_idx: {} } }), 'commerce']);
  expect(a.code, a.stderr).toBe(0);
  const b = await cluster.vtctldclient(['ApplyVSchema', '--vschema', JSON.stringify(vschema), 'customer']);
  expect(b.code, b.stderr).toBe(0);
  const [http, grpc] = await Promise.all([freePort(), freePort()]);
  mysqlPort = await freePort();
  const fd = fs.openSync(path.join(cluster.dataDir, 'vtgate-mysql.log'), 'a');
  gate = spawn(path.join(cluster.binDir, 'vtgate'), [
    '--topo-implementation', 'etcd2', '--topo-global-server-address', cluster.etcdAddress, '--topo-global-root', '/vitess/global',
    '--bind-address', '127.0.0.1', '--config-file-not-found-handling', 'ignore',
    '--cell', 'zone1', '--cells-to-watch', 'zone1', '--service-map', 'grpc-vtgateservice',
    '--port', String(http), '--grpc-port', String(grpc), '--mysql-auth-server-impl', 'none',
    '--mysql-server-port', String(mysqlPort), '--mysql-server-bind-address', '127.0.0.1',
    '--tablet-types-to-wait', 'PRIMARY', '--gateway-initial-tablet-timeout', '1s',
  ], { detached: true, stdio: ['ignore', fd, fd], ...(process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}) });
  fs.closeSync(fd);
  fs.writeFileSync(path.join(dir, 'customer.json'), JSON.stringify(vschema));
  fs.writeFileSync(path.join(dir, 'commerce.json'), JSON.stringify({ tables: { email_idx: {} } }));
});

afterAll(async () => {
  if (gate?.pid) {
    try {
      process.kill(-gate.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await cluster?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function verify(queries: string[]): Promise<{ code: number; out: string; err: string }> {
  const q = path.join(dir, 'queries.sql');
  fs.writeFileSync(q, queries.join(';\n') + ';\n');
  // vtgate watches the topo: retry while it has not loaded the VSchema yet.
  for (let i = 0; ; i++) {
    let out = '';
    let err = '';
    const code = await verifyCommand(['--vtgate', `mysql://vg@127.0.0.1:${mysqlPort}`, '--vschema', dir, '--queries', q, '--format', 'json'],
      { out: (s) => void (out += s), err: (s) => void (err += s) }, {});
    if ((code === 0 || code === 1) || i > 60) return { code, out, err };
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('verify on a real vtgate (no tablets)', () => {
  it('agrees with the simulation on routes vtgate plans, and flags what vtgate rejects', async () => {
    const r = await verify([
      'select * from customer where customer_id = 1',
      'select * from customer where email = \'a@x\'',
      'select c.email from customer c join corder o on c.customer_id = o.customer_id where c.customer_id = 5',
      'insert into customer (customer_id, email) values (1, \'a\')',
      'select * from customer where customer_id in (select customer_id from corder where price > 1)',
    ]);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { results: Array<{ verdict: string; vtgate: { routes: string[] } }>; summary: Record<string, number> };
    // Measured on v0.24.4: `select *` over a subquery needs the column list, which a vtgate without tablets
    // (no schema tracking) cannot know: VT09015. The simulation plans it, so verify reports it.
    expect(doc.results.map((x) => x.verdict)).toEqual(['same', 'same', 'same', 'same', 'rejected']);
    expect(doc.results[1]!.vtgate).toMatchObject({ routes: ['VindexLookup:EqualUnique@customer', 'Route:Unsharded@commerce', 'Route:ByDestination@customer'], fanout: 'single' });
    expect((doc.results[4] as unknown as { vtgate: { error: string } }).vtgate.error).toContain('VT09015: schema tracking required');
    expect(r.code).toBe(1);
  });
});
