/**
 * What the deploy and rollback commands need from outside: a vtctld connection made from the
 * connection flags, the clock, sleep, an HTTP JSON fetch (vtgate /debug/vschema) and the
 * environment. Tests pass their own (an in-memory or fake gRPC vtctld, a fake clock).
 */
import type { RetryOptions } from '../deploy/rpc-policy.js';
import type { VtctldClient } from '../vtctld/client.js';
import {
  CONNECTION_ARG_OPTIONS, ConnectionOptionsError, type ConnectionSettings, connectionSettingsFromArgs, loadConnectionOptions,
} from '../vtctld/connection-options.js';
import { createVtctldClient } from '../vtctld/grpc-client.js';
import { fetchJson } from '../io/fetch-json.js';
import { UsageError } from './usage.js';

/** The connection flags (shared by deploy and rollback): src/vtctld/connection-options.ts. */
export const CONNECTION_OPTIONS = CONNECTION_ARG_OPTIONS;

/** Reads the connection flags; `--vtctld` is required. Throws UsageError naming the bad option. */
export function connectionSettings(values: Partial<Record<keyof typeof CONNECTION_ARG_OPTIONS, string | undefined>>): ConnectionSettings {
  if (!values.vtctld) throw new UsageError('--vtctld HOST:PORT is required (the gRPC address of vtctld, as vtctldclient --server)');
  try {
    return connectionSettingsFromArgs(values);
  } catch (e) {
    if (e instanceof ConnectionOptionsError) throw new UsageError(e.message);
    throw e;
  }
}

/** Opens a gRPC client for `settings` (files read from disk); a bad setting is an error sentence. */
export async function connectGrpc(settings: ConnectionSettings): Promise<{ client: VtctldClient; address: string } | { error: string }> {
  try {
    const options = loadConnectionOptions(settings);
    return { client: createVtctldClient(options), address: options.address };
  } catch (e) {
    if (e instanceof ConnectionOptionsError) return { error: e.message };
    throw e;
  }
}

/** The outside world of a deploy command. */
export interface DeployDeps {
  /** Opens a client; an error is a sentence naming the option (never a secret). */
  connect: (settings: ConnectionSettings) => Promise<{ client: VtctldClient; address: string } | { error: string }>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  fetchJson: (url: string) => Promise<unknown>;
  env: NodeJS.ProcessEnv;
  retry?: Partial<RetryOptions>;
}


/** The real world: gRPC to vtctld, the system clock, real sleeps and fetch. */
export function defaultDeployDeps(): DeployDeps {
  return {
    connect: connectGrpc,
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    fetchJson,
    env: process.env,
  };
}
