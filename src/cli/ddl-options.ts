/**
 * The Online DDL options of `deploy`: `--ddl [KS=]FILE|GLOB` (repeatable), `--ddl-strategy`
 * (default `vitess --postpone-completion`; `direct` only when asked for), `--max-failed-shards`
 * (default 15%), `--retries` (default 2) and `--ddl-timeout`, turned into the deploy's `DdlPhase`.
 */
import type { DdlPhase } from '../deploy/ddl-hook.js';
import { readDdlStatements } from '../io/read-ddl.js';
import { DEFAULT_DDL_STRATEGY, makeDdlPhase, type DdlTarget } from '../migrations/ddl-phase.js';
import { DEFAULT_POLICY } from '../migrations/decide.js';
import { parseMaxFailedShards, parseRetries } from '../migrations/options.js';
import { migrationJson, type MigrationJson } from '../migrations/report.js';
import { parseDurationMs } from '../vtctld/connection-options.js';
import { progressView } from './migrations-progress.js';
import { UsageError } from './usage.js';

/** parseArgs options to spread into a command's own. */
export const DDL_ARG_OPTIONS = {
  ddl: { type: 'string', multiple: true },
  'ddl-strategy': { type: 'string' },
  'max-failed-shards': { type: 'string' },
  retries: { type: 'string' },
  'ddl-timeout': { type: 'string' },
} as const;

/** The values of DDL_ARG_OPTIONS. */
export interface DdlValues {
  ddl?: string[];
  'ddl-strategy'?: string;
  'max-failed-shards'?: string;
  retries?: string;
  'ddl-timeout'?: string;
}

/**
 * The DDL phase for these options, or null without `--ddl`. `keyspaces` are the deploy's `--keyspace`
 * values; `line` prints one progress line (timestamped here); `onMigrations` (optional) gets every
 * observation in the `migrations --format json` shape, e.g. to rewrite an action's job summary with
 * `migrationsMarkdown`. Throws UsageError for bad options, unreadable files and statements without a
 * keyspace.
 */
export function ddlPhaseFromValues(
  values: DdlValues,
  keyspaces: readonly string[] | undefined,
  root: string,
  line: (s: string) => void,
  onMigrations?: (migrations: MigrationJson[]) => void,
): DdlPhase | null {
  const given = (['ddl-strategy', 'max-failed-shards', 'retries', 'ddl-timeout'] as const).filter((k) => values[k] !== undefined);
  if (!values.ddl?.length) {
    if (given.length) throw new UsageError(`${given.map((g) => `--${g}`).join(', ')} need --ddl FILE`);
    return null;
  }
  try {
    const statements = readDdlStatements(values.ddl, root);
    const targets = new Map<string, DdlTarget>();
    for (const s of statements) {
      const ks = s.keyspace ?? (keyspaces?.length === 1 ? keyspaces[0]! : null);
      if (!ks) throw new Error(`--ddl ${s.file}: which keyspace? write --ddl KEYSPACE=${s.file}, or deploy exactly one --keyspace`);
      if (keyspaces?.length && !keyspaces.includes(ks)) throw new Error(`--ddl ${s.file}: keyspace ${ks} is not one of the deployed --keyspace values (${keyspaces.join(', ')})`);
      if (!targets.has(ks)) targets.set(ks, { keyspace: ks, statements: [] });
      targets.get(ks)!.statements.push({ sql: s.sql, file: s.file, line: s.line });
    }
    const view = progressView(null, line);
    return makeDdlPhase({
      targets: [...targets.values()],
      ddlStrategy: values['ddl-strategy'] ?? DEFAULT_DDL_STRATEGY,
      policy: {
        maxFailedShare: values['max-failed-shards'] === undefined ? DEFAULT_POLICY.maxFailedShare : parseMaxFailedShards(values['max-failed-shards']),
        maxRetries: values.retries === undefined ? DEFAULT_POLICY.maxRetries : parseRetries(values.retries),
        complete: true,
      },
      watch: values['ddl-timeout'] === undefined ? {} : { timeoutMs: parseDurationMs(values['ddl-timeout'], '--ddl-timeout') },
      onObservation: (obs) => {
        view.update(obs.migrations, obs.at);
        onMigrations?.(obs.migrations.map(migrationJson));
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
