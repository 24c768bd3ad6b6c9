/**
 * `vschema-guard migrations`: Online DDL migrations of a keyspace folded into one lifecycle each, read
 * from vtctld (FindAllShardsInKeyspace + GetSchemaMigrations). Exit codes: 0 all COMPLETED, 1 any
 * FAILED/CANCELLED (or nothing found), 2 usage/tool/connection error, 3 still running without --watch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_POLICY } from '../migrations/decide.js';
import { migrationsMetrics } from '../migrations/metrics.js';
import { parseMaxFailedShards, parseRetries } from '../migrations/options.js';
import { migrationsJson } from '../migrations/report.js';
import { migrationsText } from '../migrations/render.js';
import { ONLINE_DDL_UUID } from '../migrations/submission.js';
import { watchMigrations, type Observation, type WatchScope } from '../migrations/watch.js';
import type { VtctldClient } from '../vtctld/client.js';
import {
  CONNECTION_ARG_OPTIONS,
  CONNECTION_USAGE,
  ConnectionOptionsError,
  connectionSettingsFromArgs,
  loadConnectionOptions,
  parseDurationMs,
  type ConnectionSettings,
} from '../vtctld/connection-options.js';
import { createVtctldClient } from '../vtctld/grpc-client.js';
import type { Io } from './check-command.js';
import { progressView, type MaybeTty } from './migrations-progress.js';
import { UsageError } from './usage.js';

/** Usage of the command. */
export const MIGRATIONS_USAGE = `vschema-guard migrations --vtctld HOST:PORT --keyspace KS [--context C | --uuid U | --recent DURATION]
                         [--watch] [--complete] [--max-failed-shards P] [--retries N] [--timeout DURATION]
                         [--format text|json] [--metrics FILE]
  --keyspace KS             keyspace whose migrations to read (required)
  --context C               migrations of this migration context (a deploy's id)
  --uuid U                  one migration (Online DDL uuid, e.g. 1f3e5a7c_0b2d_8e4f_9a1b_2c3d4e5f6a7b)
  --recent DURATION         migrations requested within DURATION (e.g. 2h); default: all
  --watch                   poll (with backoff) until every migration is COMPLETED, FAILED or CANCELLED
  --complete                drive them: CompleteSchemaMigration at the all-shard barrier, retry failed
                            shards up to --retries, cancel the rest past --max-failed-shards
  --max-failed-shards P     failed share of shards that trips the breaker (default 15%)
  --retries N               RetrySchemaMigration at most N times per migration (default 2)
  --timeout DURATION        with --watch: give up after DURATION (exit 3)
  --format text|json        output (json: see \`vschema-guard schema migrations\`)
  --metrics FILE            write Prometheus text (textfile collector), rewritten on every poll
${CONNECTION_USAGE}Exit status: 0 all completed, 1 any failed or cancelled (or none found), 2 usage, tool or connection
error, 3 still running (without --watch, or past --timeout).
`;

/** Effects of the command (tests replace them). */
export interface MigrationsDeps {
  connect(settings: ConnectionSettings): VtctldClient;
  /** Unix ms. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Writes a file whole (atomically: temp file + rename). */
  writeFile(file: string, text: string): void;
  /** Where progress bars go when it is a terminal (stderr); null for none. */
  progressStream: MaybeTty | null;
}

/** The real effects. */
export const REAL_DEPS: MigrationsDeps = {
  connect: (settings) => createVtctldClient(loadConnectionOptions(settings)),
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  writeFile: (file, text) => {
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  },
  progressStream: process.stderr,
};

/** Runs the command; returns the exit code. */
export async function migrationsCommand(argv: string[], io: Io, deps: MigrationsDeps = REAL_DEPS): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      keyspace: { type: 'string' },
      context: { type: 'string' },
      uuid: { type: 'string' },
      recent: { type: 'string' },
      watch: { type: 'boolean', default: false },
      complete: { type: 'boolean', default: false },
      'max-failed-shards': { type: 'string', default: '15%' },
      retries: { type: 'string', default: String(DEFAULT_POLICY.maxRetries) },
      timeout: { type: 'string' },
      format: { type: 'string', default: 'text' },
      metrics: { type: 'string' },
      help: { type: 'boolean', default: false },
      ...CONNECTION_ARG_OPTIONS,
    },
  });
  if (values.help) {
    io.out(MIGRATIONS_USAGE);
    return 0;
  }
  if (positionals.length) throw new UsageError(`migrations takes no positional arguments (got ${positionals.join(' ')})`);
  const keyspace = values.keyspace?.trim();
  if (!keyspace) throw new UsageError('migrations needs --keyspace KS');
  const filters = (['context', 'uuid', 'recent'] as const).filter((k) => values[k] !== undefined);
  if (filters.length > 1) throw new UsageError(`--context, --uuid and --recent exclude each other (vtctld honours only one filter); got ${filters.map((f) => `--${f}`).join(', ')}`);
  if (values.uuid !== undefined && !ONLINE_DDL_UUID.test(values.uuid)) throw new UsageError(`--uuid: ${values.uuid} is not a valid UUID (Online DDL format, e.g. 1f3e5a7c_0b2d_8e4f_9a1b_2c3d4e5f6a7b)`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  let maxFailedShare: number;
  let maxRetries: number;
  let recentSeconds: number | undefined;
  let timeoutMs: number | null = null;
  let settings: ConnectionSettings;
  try {
    maxFailedShare = parseMaxFailedShards(values['max-failed-shards']);
    maxRetries = parseRetries(values.retries);
    if (values.recent !== undefined) recentSeconds = Math.ceil(parseDurationMs(values.recent, '--recent') / 1000);
    if (values.timeout !== undefined) timeoutMs = parseDurationMs(values.timeout, '--timeout');
    settings = connectionSettingsFromArgs(values);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const scope: WatchScope = { keyspace };
  if (values.context !== undefined) scope.migrationContext = values.context;
  if (values.uuid !== undefined) scope.uuid = values.uuid;
  if (recentSeconds !== undefined) scope.recentSeconds = recentSeconds;

  let client: VtctldClient;
  try {
    client = deps.connect(settings);
  } catch (e) {
    if (e instanceof ConnectionOptionsError) {
      io.err(`vschema-guard migrations: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const stamp = (): string => new Date(deps.now()).toISOString();
  const view = values.watch ? progressView(values.format === 'text' ? deps.progressStream : null, (l) => io.err(l + '\n')) : null;
  let metricsError: string | null = null;
  const writeMetrics = async (obs: Observation): Promise<void> => {
    if (!values.metrics || metricsError) return;
    try {
      deps.writeFile(values.metrics, await migrationsMetrics(obs.migrations, obs.at));
    } catch (e) {
      metricsError = `--metrics ${values.metrics}: cannot write: ${(e as Error).message}`;
      io.err(`vschema-guard migrations: ${metricsError}\n`);
    }
  };
  let pendingWrite: Promise<void> = Promise.resolve();
  let result;
  try {
    result = await watchMigrations(
      { client, now: deps.now, sleep: deps.sleep, log: (l) => (view ? view.log(`${stamp()} ${l}`) : io.err(`${stamp()} ${l}\n`)) },
      [scope],
      {
        policy: { maxFailedShare, maxRetries, complete: values.complete },
        act: values.complete,
        follow: values.watch,
        timeoutMs,
        maxUnavailableMs: 10 * 60_000,
        pollInitialMs: 2000,
        pollMaxMs: 30_000,
        onObservation: (obs) => {
          view?.update(obs.migrations, obs.at);
          pendingWrite = pendingWrite.then(() => writeMetrics(obs));
        },
      },
    );
  } finally {
    view?.stop();
    client.close();
  }
  await pendingWrite;
  const migrations = result.observation?.migrations ?? [];
  const error = result.outcome === 'unreachable' ? (result.lastError?.message ?? 'vtctld did not answer') : null;
  if (values.format === 'json') {
    io.out(JSON.stringify(migrationsJson(migrations, result.observation?.at ?? null, result.decision, result.issued, error), null, 2) + '\n');
  } else if (!error) {
    io.out(migrationsText(migrations));
    for (const r of result.decision?.reasons ?? []) io.out(`${r}\n`);
  }
  if (error) {
    io.err(`vschema-guard migrations: ${error}\n`);
    return 2;
  }
  if (metricsError) return 2;
  if (migrations.length === 0) {
    const shards = result.observation?.shards[keyspace] ?? [];
    const noPrimary = shards.filter((s) => !s.primaryAlias).length;
    io.err(
      `vschema-guard migrations: no migrations in keyspace ${keyspace}${filterText(scope)}` +
        (noPrimary ? ` — ${noPrimary} of ${shards.length} shard(s) have no primary, and GetSchemaMigrations returns nothing from those` : '') +
        '; check --keyspace and the filter\n',
    );
    return 1;
  }
  if (result.outcome === 'done') return 0;
  if (result.outcome === 'halt' || migrations.some((m) => m.state === 'FAILED' || m.state === 'CANCELLED')) return 1;
  return 3;
}

function filterText(scope: WatchScope): string {
  if (scope.uuid) return ` with uuid ${scope.uuid}`;
  if (scope.migrationContext) return ` in migration context ${scope.migrationContext}`;
  if (scope.recentSeconds !== undefined) return ` requested in the last ${scope.recentSeconds} s`;
  return '';
}
