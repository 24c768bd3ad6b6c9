/**
 * `mode: migrations`: reports on the Online DDL migrations of one migration context (default: this
 * commit's deploy id, the context `deploy --ddl` submits under) without deploying or issuing any
 * directive. The job summary holds the migrations table (rewritten on every change with `watch`);
 * output `migrations-result` is completed / failed / running / none. Fails the step for failed,
 * cancelled or no migrations, and for a vtctld error.
 */
import type { MigrationAggregate } from '../migrations/aggregate.js';
import { DEFAULT_POLICY } from '../migrations/decide.js';
import { migrationJson, outcomeOf } from '../migrations/report.js';
import { migrationsMarkdown } from '../migrations/render.js';
import { DEFAULT_WATCH, watchMigrations } from '../migrations/watch.js';
import type { VtctldClient } from '../vtctld/client.js';
import type { ConnectionSettings } from '../vtctld/connection-options.js';
import type { MigrationsInputs } from './inputs.js';

/** Effects of the mode (the action passes @actions/core and the gRPC client; tests record). */
export interface MigrationsModeDeps {
  /** Throws ConnectionOptionsError for unusable settings. */
  connect(settings: ConnectionSettings): VtctldClient;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Replaces the job summary with this markdown. */
  summary(markdown: string): Promise<void>;
  info(line: string): void;
  output(name: string, value: string): void;
  fail(message: string): void;
}

/** The summary of an observation. */
export function migrationsSummary(keyspace: string, context: string, migrations: readonly MigrationAggregate[], atMs: number | null, reasons: readonly string[]): string {
  const outcome = outcomeOf(migrations, null);
  const head = `### vschema-guard migrations: ${outcome}\n\nKeyspace \`${keyspace}\`, migration context \`${context}\`${atMs === null ? '' : `, read from vtctld at ${new Date(atMs).toISOString()}`}.\n\n`;
  return head + migrationsMarkdown(migrations.map(migrationJson)) + (reasons.length ? '\n' + reasons.map((r) => `- ${r}`).join('\n') + '\n' : '');
}

/** Runs the mode. `env` gives GITHUB_REPOSITORY and GITHUB_SHA for the default context. */
export async function runMigrationsMode(inputs: MigrationsInputs, env: NodeJS.ProcessEnv, deps: MigrationsModeDeps): Promise<void> {
  const keyspace = inputs.keyspace;
  if (!keyspace) return deps.fail('vschema-guard: mode migrations needs the keyspace input');
  const context = inputs.migrationContext ?? (env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${env.GITHUB_REPOSITORY}@${env.GITHUB_SHA}` : null);
  if (!context) return deps.fail('vschema-guard: mode migrations needs the migration-context input (no GITHUB_REPOSITORY/GITHUB_SHA to name this commit)');
  let client: VtctldClient;
  try {
    client = deps.connect(inputs.connection);
  } catch (e) {
    return deps.fail(`vschema-guard: ${(e as Error).message}`);
  }
  let lastSummary = '';
  let chain = Promise.resolve();
  const result = await (async () => {
    try {
      return await watchMigrations(
        { client, now: deps.now, sleep: deps.sleep, log: deps.info },
        [{ keyspace, migrationContext: context }],
        {
          ...DEFAULT_WATCH,
          policy: { ...DEFAULT_POLICY, complete: false },
          act: false,
          follow: inputs.watch,
          onObservation: (obs) => {
            const md = migrationsSummary(keyspace, context, obs.migrations, null, []);
            if (md === lastSummary) return;
            lastSummary = md;
            chain = chain.then(() => deps.summary(migrationsSummary(keyspace, context, obs.migrations, obs.at, [])));
          },
        },
      );
    } finally {
      client.close();
    }
  })();
  await chain;
  if (result.outcome === 'unreachable') {
    deps.output('migrations-result', 'error');
    return deps.fail(`vschema-guard: ${result.lastError?.message ?? 'vtctld did not answer'}`);
  }
  const migrations = result.observation?.migrations ?? [];
  const outcome = outcomeOf(migrations, result.decision);
  await deps.summary(migrationsSummary(keyspace, context, migrations, result.observation?.at ?? null, result.decision?.reasons ?? []));
  deps.output('migrations-result', outcome);
  if (outcome === 'none') return deps.fail(`vschema-guard: no migrations in keyspace ${keyspace} for migration context ${context} (shards without a primary return none)`);
  if (outcome === 'failed') return deps.fail(`vschema-guard: migrations failed or were cancelled in keyspace ${keyspace} (context ${context}): ${(result.decision?.reasons ?? []).join('; ')}`);
  deps.info(outcome === 'completed' ? `vschema-guard: every migration COMPLETED on every shard` : `vschema-guard: migrations still running (set watch: true to wait)`);
}
