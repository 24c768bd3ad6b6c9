/** The shared vtctld connection options: flags → client options, with clear errors and no secrets in them. */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CONNECTION_ARG_OPTIONS,
  ConnectionOptionsError,
  connectionSettingsFromArgs,
  loadConnectionOptions,
  parseDurationMs,
  resolveConnectionOptions,
} from '../../src/vtctld/connection-options.js';

const files: Record<string, string> = {
  'ca.pem': 'CA PEM',
  'cert.pem': 'CERT PEM',
  'key.pem': 'KEY PEM',
  'auth.json': '{"Username": "deployer", "Password": "hunter2-secret"}',
  'bad-auth.json': '{"Username": "deployer", "Password": hunter2-secret}',
  'array-auth.json': '["hunter2-secret"]',
  'no-pass.json': '{"Username": "deployer"}',
};
const readFile = (p: string): Buffer => {
  if (p === 'dir') throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
  if (!(p in files)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
  return Buffer.from(files[p]!);
};

function errorOf(fn: () => unknown): ConnectionOptionsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectionOptionsError);
    return e as ConnectionOptionsError;
  }
  throw new Error('expected an error');
}

describe('connection options', () => {
  it('parses the shared flags with parseArgs and resolves them', () => {
    const { values } = parseArgs({
      args: ['--vtctld', 'vtctld.example:15999', '--tls-ca', 'ca.pem', '--tls-cert', 'cert.pem', '--tls-key', 'key.pem', '--tls-server-name', 'vtctld.internal', '--auth-file', 'auth.json', '--rpc-timeout', '1m30s', '--other', 'x'],
      options: { ...CONNECTION_ARG_OPTIONS, other: { type: 'string' } },
    });
    const settings = connectionSettingsFromArgs(values);
    expect(settings).toEqual({
      vtctld: 'vtctld.example:15999', tlsCa: 'ca.pem', tlsCert: 'cert.pem', tlsKey: 'key.pem', tlsServerName: 'vtctld.internal', authFile: 'auth.json', rpcTimeoutMs: 90_000,
    });
    expect(resolveConnectionOptions(settings, readFile)).toEqual({
      address: 'vtctld.example:15999',
      tls: { ca: Buffer.from('CA PEM'), cert: Buffer.from('CERT PEM'), key: Buffer.from('KEY PEM'), serverName: 'vtctld.internal' },
      auth: { username: 'deployer', password: 'hunter2-secret' },
      rpcTimeoutMs: 90_000,
    });
  });

  it('is plaintext without TLS settings, TLS with any of them; default deadline 30 s', () => {
    expect(resolveConnectionOptions({ vtctld: '127.0.0.1:15999' }, readFile)).toEqual({ address: '127.0.0.1:15999', tls: null, auth: null, rpcTimeoutMs: 30_000 });
    expect(resolveConnectionOptions({ vtctld: '[::1]:15999', tlsServerName: 'x' }, readFile).tls).toEqual({ serverName: 'x' });
  });

  it('says what is wrong with the address, the TLS pair and the files', () => {
    expect(errorOf(() => resolveConnectionOptions({}, readFile)).message).toMatch(/--vtctld HOST:PORT is required/);
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'localhost' }, readFile)).message).toBe('--vtctld must be HOST:PORT, not "localhost"');
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'h:99999' }, readFile)).message).toMatch(/HOST:PORT/);
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'h:1', tlsCert: 'cert.pem' }, readFile)).message).toBe('--tls-cert and --tls-key must be given together');
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'h:1', tlsCa: 'missing.pem' }, readFile)).message).toBe('--tls-ca missing.pem: cannot read: no such file');
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'h:1', authFile: 'dir' }, readFile)).message).toBe('--auth-file dir: cannot read: is a directory');
  });

  it('rejects a bad auth file without echoing the password', () => {
    for (const [file, want] of [
      ['bad-auth.json', '--auth-file bad-auth.json: not valid JSON (expected {"Username": "...", "Password": "..."})'],
      ['array-auth.json', '--auth-file array-auth.json: expected a JSON object {"Username": "...", "Password": "..."}'],
      ['no-pass.json', '--auth-file no-pass.json: "Password" must be a string'],
    ] as const) {
      const e = errorOf(() => resolveConnectionOptions({ vtctld: 'h:1', authFile: file }, readFile));
      expect(e.message).toBe(want);
      expect(`${e.message} ${e.stack} ${JSON.stringify(e)}`).not.toContain('hunter2');
    }
  });

  it('parses Go-style durations and refuses the rest', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('30s')).toBe(30_000);
    expect(parseDurationMs('1.5s')).toBe(1_500);
    expect(parseDurationMs('2h')).toBe(7_200_000);
    for (const bad of ['30', '', 's', '10x', '0s', '1s 2s', '-1s']) expect(() => parseDurationMs(bad)).toThrow(ConnectionOptionsError);
    expect(errorOf(() => parseDurationMs('30')).message).toBe('--rpc-timeout must be a duration such as 30s, 1m or 500ms, not "30"');
  });

  it('refuses a receive limit under 16 MiB', () => {
    expect(errorOf(() => resolveConnectionOptions({ vtctld: 'h:1', maxReceiveBytes: 1_000 }, readFile)).message).toMatch(/at least 16 MiB/);
    expect(resolveConnectionOptions({ vtctld: 'h:1', maxReceiveBytes: 32 * 1024 * 1024 }, readFile).maxReceiveBytes).toBe(32 * 1024 * 1024);
  });

  it('reads the files from disk in loadConnectionOptions', () => {
    const dir = path.join(import.meta.dirname, '../fixtures/tls');
    const o = loadConnectionOptions({ vtctld: 'h:1', tlsCa: path.join(dir, 'ca.pem') });
    expect(o.tls!.ca!.toString()).toBe(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'));
  });
});

describe('layering', () => {
  it('only src/vtctld/ imports the gRPC and protobuf libraries', () => {
    const root = path.join(import.meta.dirname, '../../src');
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.startsWith(path.join(root, 'vtctld') + path.sep)) {
          if (/from '(@grpc\/[^']+|protobufjs[^']*)'/.test(fs.readFileSync(p, 'utf8'))) offenders.push(path.relative(root, p));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
