// `vschema-guard verify` against a fake MySQL-protocol vtgate (mysql2's server side) on 127.0.0.1:
// plans come back as vtgate v24 sends them (one row, column `JSON`), errors as MySQL errors.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../src/cli/verify-command.js';

interface Fake { port: number; queries: string[]; close(): Promise<void> }

/** A vtgate stand-in: `password` is the only accepted password; `plans` maps a statement to its plan JSON or error. */
function fakeVtgate(password: string, plans: (sql: string) => { plan: unknown } | { error: string }): Promise<Fake> {
  const queries: string[] = [];
  const server = (mysql as unknown as { createServer(): { _server: net.Server; on(e: string, f: (c: unknown) => void): void; listen(p: number, h: string, cb: () => void): void; close(cb: () => void): void } }).createServer();
  const conns: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  server.on('connection', (conn: any) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    conns.push(conn);
    conn.serverHandshake({
      protocolVersion: 10, serverVersion: '8.0.30-Vitess', connectionId: 1, statusFlags: 2, characterSet: 8, capabilityFlags: 0xffffff,
      authCallback: (p: { user: string; authToken: Buffer; authPluginData1: Buffer; authPluginData2: Buffer }, cb: (e: null, m?: { message: string; code: number }) => void) => {
        const token = scramble(password, Buffer.concat([p.authPluginData1, p.authPluginData2]));
        if (Buffer.compare(token, p.authToken) === 0) cb(null);
        else cb(null, { message: `Access denied for user '${p.user}'`, code: 1045 });
      },
    });
    conn.on('query', (sql: string) => {
      queries.push(sql);
      const m = /^vexplain plan (.*)$/is.exec(sql);
      if (!m) return conn.writeError({ message: `unexpected: ${sql}`, code: 1105 });
      const r = plans(m[1]!);
      if ('error' in r) return conn.writeError({ message: r.error, code: 1105 });
      conn.writeColumns([{ catalog: 'def', schema: '', table: '', orgTable: '', name: 'JSON', orgName: 'JSON', characterSet: 33, columnLength: 1000, columnType: 253, flags: 0, decimals: 0 }]);
      conn.writeTextRow([JSON.stringify(r.plan, null, '\t')]);
      conn.writeEof();
    });
    conn.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server._server.address() as net.AddressInfo).port;
      server._server.unref();
      resolve({ port, queries, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** mysql_native_password: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))). */
function scramble(password: string, salt: Buffer): Buffer {
  if (!password) return Buffer.alloc(0);
  const sha1 = (b: Buffer | string) => require_('node:crypto').createHash('sha1').update(b).digest() as Buffer;
  const s1 = sha1(password);
  const s3 = sha1(Buffer.concat([salt.subarray(0, 20), sha1(s1)]));
  return Buffer.from(s1.map((x, i) => x ^ s3[i]!));
}
import { createRequire } from 'node:module';
const require_ = createRequire(import.meta.url);

const route = (variant: string, keyspace = 'customer') => ({ OperatorType: 'Route', Variant: variant, Keyspace: { Name: keyspace, Sharded: true } });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-verify-'));
const vschema = path.join(dir, 'customer.json');
fs.writeFileSync(vschema, JSON.stringify({ sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { customer: { column_vindexes: [{ column: 'customer_id', name: 'hash' }] } } }));
const queries = path.join(dir, 'queries.sql');
fs.writeFileSync(queries, 'select * from customer where customer_id = 1;\nselect * from customer where email = \'x\';\nselect * from nope;\nselect * from customer where email = \'y\' for update nowait;\n');

let fake: Fake;
beforeAll(async () => {
  fake = await fakeVtgate('s3cret', (sql) => {
    if (/nope/.test(sql)) return { error: 'table nope not found (errno 1105) (sqlstate HY000)' };
    if (/nowait/.test(sql)) return { error: 'VT12001: unsupported: NOWAIT (errno 1235) (sqlstate 42000)' };
    if (/customer_id = 1/.test(sql)) return { plan: route('EqualUnique') };
    return { plan: route('Scatter') };
  });
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true });
});

async function verify(args: string[], env: NodeJS.ProcessEnv) {
  let out = '';
  let err = '';
  const code = await verifyCommand(args, { out: (s) => void (out += s), err: (s) => void (err += s) }, env);
  return { code, out, err };
}

describe('vschema-guard verify against a MySQL-protocol vtgate', () => {
  it('plans each statement with VEXPLAIN PLAN, never running it, and fails on a statement vtgate rejects', async () => {
    const r = await verify(['--vtgate', `mysql://app@127.0.0.1:${fake.port}/customer`, '--vschema', vschema, '--queries', queries], { VSCHEMA_GUARD_VTGATE_PASSWORD: 's3cret' });
    expect(fake.queries.every((q) => q.startsWith('vexplain plan '))).toBe(true);
    expect(r.code).toBe(1);
    expect(r.out).toContain("REJECTED  select * from customer where email = 'y' for update nowait");
    expect(r.out).toContain('vtgate:     error: VT12001: unsupported: NOWAIT');
    // Both reject `from nope`: not a divergence.
    expect(r.out).not.toContain('select * from nope');
    expect(r.out).toMatch(/verified 4 statements .*: 2 same, 1 rejected by vtgate/);
    expect(r.out + r.err).not.toContain('s3cret');
  });

  it('reports a route vtgate plans worse than simulated, with both plans (JSON)', async () => {
    const q2 = path.join(dir, 'q2.sql');
    fs.writeFileSync(q2, 'select * from customer where customer_id = 2\n');
    const r = await verify(['--vtgate', `mysql://app@127.0.0.1:${fake.port}`, '--vschema', vschema, '--queries', q2, '--format', 'json'], { VSCHEMA_GUARD_VTGATE_PASSWORD: 's3cret' });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { results: Array<{ verdict: string; simulated: { routes: string[] }; vtgate: { routes: string[] } }> };
    expect(doc.results[0]).toMatchObject({ verdict: 'worse', simulated: { routes: ['Route:EqualUnique@customer'] }, vtgate: { routes: ['Route:Scatter@customer'] } });
  });

  it('authentication failure: exit 2 with the reason, the password never printed', async () => {
    const pw = path.join(dir, 'pw');
    fs.writeFileSync(pw, 'wrong-password\n');
    const r = await verify(['--vtgate', `mysql://app@127.0.0.1:${fake.port}`, '--vschema', vschema, '--queries', queries, '--password-file', pw], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain('authentication failed');
    expect(r.out + r.err).not.toContain('wrong-password');
  });

  it('vtgate down: exit 2 saying nothing listens', async () => {
    const s = net.createServer();
    const port = await new Promise<number>((res) => s.listen(0, '127.0.0.1', () => res((s.address() as net.AddressInfo).port)));
    await new Promise((res) => s.close(res));
    const r = await verify(['--vtgate', `mysql://app@127.0.0.1:${port}`, '--vschema', vschema, '--queries', queries], {});
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot connect to vtgate at 127\.0\.0\.1:\d+ as app: nothing listens there/);
  });

  it('refuses a password in the URL', async () => {
    await expect(verify(['--vtgate', `mysql://app:pw@127.0.0.1:${fake.port}`, '--vschema', vschema, '--queries', queries], {})).rejects.toThrow(/put no password in the URL/);
  });
});
