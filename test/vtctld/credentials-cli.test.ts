/**
 * The static auth credentials never reach the user's terminal or the deploy record: `vschema-guard
 * deploy --auth-file` end to end over gRPC against the fake vtctld requiring static auth.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FakeVtctld } from '../fakes/fake-vtctld.js';

const USER = 'deploy-bot';
const PASS = 'Pa55-w0rd-never-shown';
let dir = '';
let fake: FakeVtctld | null = null;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-creds-'));
  for (const [side, v] of [['base', {}], ['head', { tables: { product: {} } }]] as const) {
    fs.mkdirSync(path.join(dir, side));
    fs.writeFileSync(path.join(dir, side, 'commerce.json'), JSON.stringify(v));
  }
  fs.writeFileSync(path.join(dir, 'auth.json'), JSON.stringify({ Username: USER, Password: PASS }));
  fs.writeFileSync(path.join(dir, 'wrong.json'), JSON.stringify({ Username: USER, Password: `${PASS}-wrong` }));
  fake = await FakeVtctld.start({ auth: { username: USER, password: PASS } });
  fake.addCell('zone1').addCell('zone2').createKeyspace('commerce').createShard('commerce', '0');
});

afterEach(async () => {
  await fake?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function deploy(authFile: string, extra: string[] = []) {
  let out = '';
  let err = '';
  const record = path.join(dir, 'record.json');
  const code = await main(
    ['deploy', '--vtctld', fake!.address, '--auth-file', path.join(dir, authFile), '--head', path.join(dir, 'head'), '--base', path.join(dir, 'base'),
      '--deploy-id', 'acme/shop@0123456789abcdef', '--record', record, '--rpc-timeout', '5s', ...extra],
    { out: (s) => void (out += s), err: (s) => void (err += s) },
  );
  const rec = fs.existsSync(record) ? fs.readFileSync(record, 'utf8') : '';
  return { code, shown: `${out}\n${err}\n${rec}` };
}

describe('credentials in deploy output and records', () => {
  it('deploys with the auth file, sending the credentials as metadata, and shows them nowhere', async () => {
    const r = await deploy('auth.json');
    expect(r.code).toBe(0);
    expect(fake!.vschemaOf('commerce')).toEqual({ tables: { product: {} } });
    expect(fake!.calls.every((c) => c.metadata.username === USER && c.metadata.password === PASS)).toBe(true);
    expect(r.shown).not.toContain(PASS);
  });

  it('a refused login shows neither the password nor the username', async () => {
    const r = await deploy('wrong.json');
    expect(r.code).toBe(2);
    expect(r.shown).toContain('PERMISSION_DENIED');
    expect(r.shown).not.toContain(PASS);
    expect(r.shown).not.toContain(USER);
  });

  it('credentials echoed back in vtctld\'s error text are redacted', async () => {
    fake!.failNext('*', 5, 'UNKNOWN', `internal: request by ${USER}:${PASS} rejected`);
    const r = await deploy('auth.json');
    expect(r.code).not.toBe(0);
    expect(r.shown).toContain('<redacted>');
    expect(r.shown).not.toContain(PASS);
  });
});
