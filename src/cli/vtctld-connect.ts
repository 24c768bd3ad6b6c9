/**
 * What the deploy and rollback commands need from outside: a vtctld connection made from the
 * connection flags, the clock, sleep, an HTTP JSON fetch (vtgate /debug/vschema) and the
 * environment. Tests pass their own (an in-memory or fake gRPC vtctld, a fake clock).
 */
import type { RetryOptions } from '../deploy/rpc-policy.js';
import type { VtctldClient } from '../vtctld/client.js';
import { UsageError } from './usage.js';

/** The connection flags (shared by deploy and rollback). */
export const CONNECTION_OPTIONS = {
  vtctld: { type: 'string' },
  'tls-ca': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-server-name': { type: 'string' },
  'auth-file': { type: 'string' },
  'rpc-timeout': { type: 'string' },
} as const;

/** Connection settings as given (paths, not contents). */
export interface ConnectionFlags {
  vtctld: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsServerName?: string;
  authFile?: string;
  rpcTimeout?: string;
}

/** Reads the connection flags; `--vtctld` is required. */
export function connectionSettings(values: { vtctld?: string; 'tls-ca'?: string; 'tls-cert'?: string; 'tls-key'?: string; 'tls-server-name'?: string; 'auth-file'?: string; 'rpc-timeout'?: string }): ConnectionFlags {
  if (!values.vtctld) throw new UsageError('--vtctld HOST:PORT is required');
  return {
    vtctld: values.vtctld, tlsCa: values['tls-ca'], tlsCert: values['tls-cert'], tlsKey: values['tls-key'],
    tlsServerName: values['tls-server-name'], authFile: values['auth-file'], rpcTimeout: values['rpc-timeout'],
  };
}

/** The outside world of a deploy command. */
export interface DeployDeps {
  /** Opens a client; an error is a sentence naming the option (never a secret). */
  connect: (flags: ConnectionFlags) => Promise<{ client: VtctldClient; address: string } | { error: string }>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  fetchJson: (url: string) => Promise<unknown>;
  env: NodeJS.ProcessEnv;
  retry?: Partial<RetryOptions>;
}

/** GET a URL and parse its JSON, with a 10 s limit; throws on HTTP errors. */
export async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  return res.json();
}

/** The real world: gRPC to vtctld, the system clock, real sleeps and fetch. */
export function defaultDeployDeps(): DeployDeps {
  return {
    connect: async () => ({ error: 'this build has no vtctld gRPC client yet' }),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    fetchJson,
    env: process.env,
  };
}
