/**
 * The connection options shared by every command that talks to vtctld (CLI flags, action inputs):
 * `--vtctld HOST:PORT`, `--tls-ca`, `--tls-cert`, `--tls-key`, `--tls-server-name`, `--auth-file`,
 * `--rpc-timeout`. `resolveConnectionOptions` is pure (files come in through `readFile`);
 * `loadConnectionOptions` reads them from disk. Errors say which option and file, never the
 * password or the contents of the auth file.
 */
import fs from 'node:fs';
import { DEFAULT_RPC_TIMEOUT_MS, MIN_MAX_RECEIVE_BYTES, type VtctldAuth, type VtctldClientOptions } from './grpc-client.js';

/** Raw connection settings, as they come from flags or action inputs (paths, not contents). */
export interface ConnectionSettings {
  /** `HOST:PORT` of vtctld's gRPC port. */
  vtctld?: string;
  /** PEM file of the CA that signed vtctld's certificate. */
  tlsCa?: string;
  /** PEM file of the client certificate (mTLS). */
  tlsCert?: string;
  /** PEM file of the client key (mTLS). */
  tlsKey?: string;
  /** Name vtctld's certificate is checked against. */
  tlsServerName?: string;
  /** JSON file `{"Username": "...", "Password": "..."}` (vtctldclient's `--grpc_auth_static_client_creds`). */
  authFile?: string;
  /** Per-call deadline in milliseconds. */
  rpcTimeoutMs?: number;
  /** Receive limit in bytes. */
  maxReceiveBytes?: number;
}

/** A connection setting that cannot be used; the message names the option (and file) and never a secret. */
export class ConnectionOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionOptionsError';
  }
}

/** The `parseArgs` options of the connection flags, to spread into a command's own options. */
export const CONNECTION_ARG_OPTIONS = {
  vtctld: { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-server-name': { type: 'string' },
  'auth-file': { type: 'string' },
  'rpc-timeout': { type: 'string' },
} as const;

/** Usage lines of the connection flags, for a command's help text. */
export const CONNECTION_USAGE = `  --vtctld HOST:PORT        vtctld gRPC address (vtctldclient --server)
  --tls-ca FILE             CA bundle (PEM) that signed vtctld's certificate; enables TLS
  --tls-cert FILE           client certificate (PEM) for mTLS, with --tls-key
  --tls-key FILE            client key (PEM) for mTLS, with --tls-cert
  --tls-server-name NAME    name to check vtctld's certificate against; enables TLS
  --auth-file FILE          static auth JSON {"Username": "...", "Password": "..."}
  --rpc-timeout DURATION    deadline of each vtctld call, e.g. 30s, 1m, 500ms (default 30s)
`;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A Go-style duration (`500ms`, `30s`, `1m30s`, `2h`) in milliseconds. Throws
 * `ConnectionOptionsError` naming `option` for anything else (a bare number has no unit: refused).
 */
export function parseDurationMs(text: string, option = '--rpc-timeout'): number {
  const s = text.trim();
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    if (m.index !== consumed) break;
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    consumed += m[0].length;
  }
  if (s === '' || consumed !== s.length) throw new ConnectionOptionsError(`${option} must be a duration such as 30s, 1m or 500ms, not "${text}"`);
  if (total <= 0) throw new ConnectionOptionsError(`${option} must be longer than 0, not "${text}"`);
  return Math.round(total);
}

/** `parseArgs` values of CONNECTION_ARG_OPTIONS → settings (durations parsed; throws ConnectionOptionsError). */
export function connectionSettingsFromArgs(values: Partial<Record<keyof typeof CONNECTION_ARG_OPTIONS, string | undefined>>): ConnectionSettings {
  return {
    vtctld: values.vtctld,
    tlsCa: values['tls-ca'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    tlsServerName: values['tls-server-name'],
    authFile: values['auth-file'],
    rpcTimeoutMs: values['rpc-timeout'] === undefined ? undefined : parseDurationMs(values['rpc-timeout']),
  };
}

/** Reads a file for an option; returns its bytes or throws Error with a `code` (ENOENT, EACCES, EISDIR …). */
export type ReadFile = (path: string) => Buffer;

function readFor(readFile: ReadFile, option: string, path: string): Buffer {
  try {
    return readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new ConnectionOptionsError(`${option} ${path}: cannot read: ${why}`);
  }
}

/**
 * Parses the static auth file: a JSON object with string `Username` and `Password` (the shape of
 * Vitess's `grpcclient.StaticAuthClientCreds`, go/vt/grpcclient/client_auth_static.go). Errors name
 * the file and what is wrong, never its contents.
 */
export function parseAuthFile(path: string, bytes: Buffer): VtctldAuth {
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ConnectionOptionsError(`--auth-file ${path}: not valid JSON (expected {"Username": "...", "Password": "..."})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ConnectionOptionsError(`--auth-file ${path}: expected a JSON object {"Username": "...", "Password": "..."}`);
  }
  const o = v as Record<string, unknown>;
  for (const k of ['Username', 'Password']) {
    if (typeof o[k] !== 'string') throw new ConnectionOptionsError(`--auth-file ${path}: "${k}" must be a string`);
  }
  if (o.Username === '') throw new ConnectionOptionsError(`--auth-file ${path}: "Username" is empty`);
  return { username: o.Username as string, password: o.Password as string };
}

/**
 * Settings → client options. Pure: files are read through `readFile`. TLS is on when any TLS
 * setting is given (like vtctldclient); cert and key go together. Throws ConnectionOptionsError.
 */
export function resolveConnectionOptions(settings: ConnectionSettings, readFile: ReadFile): VtctldClientOptions {
  const address = settings.vtctld?.trim();
  if (!address) throw new ConnectionOptionsError('--vtctld HOST:PORT is required (the gRPC address of vtctld, as vtctldclient --server)');
  if (!/^(\[[0-9a-fA-F:.]+\]|[^\s:/]+):\d{1,5}$/.test(address) || Number(address.slice(address.lastIndexOf(':') + 1)) > 65535) {
    throw new ConnectionOptionsError(`--vtctld must be HOST:PORT, not "${address}"`);
  }
  if (!settings.tlsCert !== !settings.tlsKey) throw new ConnectionOptionsError('--tls-cert and --tls-key must be given together');
  const anyTls = !!(settings.tlsCa || settings.tlsCert || settings.tlsKey || settings.tlsServerName);
  const tls = anyTls
    ? {
        ...(settings.tlsCa ? { ca: readFor(readFile, '--tls-ca', settings.tlsCa) } : {}),
        ...(settings.tlsCert ? { cert: readFor(readFile, '--tls-cert', settings.tlsCert) } : {}),
        ...(settings.tlsKey ? { key: readFor(readFile, '--tls-key', settings.tlsKey) } : {}),
        ...(settings.tlsServerName ? { serverName: settings.tlsServerName } : {}),
      }
    : null;
  const auth = settings.authFile ? parseAuthFile(settings.authFile, readFor(readFile, '--auth-file', settings.authFile)) : null;
  const rpcTimeoutMs = settings.rpcTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  if (!(rpcTimeoutMs > 0)) throw new ConnectionOptionsError(`--rpc-timeout must be longer than 0`);
  if (settings.maxReceiveBytes !== undefined && settings.maxReceiveBytes < MIN_MAX_RECEIVE_BYTES) {
    throw new ConnectionOptionsError(`the receive limit must be at least 16 MiB (vtctld's default message size), not ${settings.maxReceiveBytes} bytes`);
  }
  return { address, tls, auth, rpcTimeoutMs, ...(settings.maxReceiveBytes ? { maxReceiveBytes: settings.maxReceiveBytes } : {}) };
}

/** `resolveConnectionOptions` reading files from disk. */
export function loadConnectionOptions(settings: ConnectionSettings): VtctldClientOptions {
  return resolveConnectionOptions(settings, (p) => fs.readFileSync(p));
}
