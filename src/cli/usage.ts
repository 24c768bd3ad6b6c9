/** Usage text and the usage-error type of the CLI. */

/** Thrown for bad command lines; main() prints it and exits 2. */
export class UsageError extends Error {}

export const VERSION = '0.1.0';

export const USAGE = `vschema-guard ${VERSION}: checks Vitess VSchema changes before they merge, deploys them to a live cluster, verifies vtgate routes them as predicted

Usage:
  vschema-guard schema [vschema|config|report|record|migrations]
  vschema-guard check [--format text|json|sarif] [--schema DIR] [--config FILE] PATH...
  vschema-guard simulate --vschema PATH [--queries FILE]... [--topology FILE] [--default-keyspace KS]
                         [--input-type auto|sql|lines|slowlog|generallog|vtgatelog|json|csv] [--dedupe]
                         [--sql-column NAME] [--count-column NAME] [--no-parse-reuse]
                         [--format text|json]
  vschema-guard locate --vschema PATH (--table KS.T | --vindex-type TYPE) --value V [--topology FILE] [--format text|json]
  vschema-guard diff --base PATH|--base-ref REF --head PATH [--queries FILE]... [--topology FILE] [--schema DIR]
                     [--config FILE] [--fail-on error|warning|regression|breaking|never] [--format markdown|json|sarif|text]
                     [--input-type TYPE] [--sql-column NAME] [--count-column NAME] [--id ID] [--no-skip] [--cache DIR [--cache-max-mb N] [--cache-max-age DAYS]]
                     [--no-parse-reuse]
  vschema-guard deploy --vtctld HOST:PORT --head PATH (--base PATH | --base-ref REF) [--keyspace KS]... [--dry-run]
                       [--allow-drift] [--record FILE] [--format text|json] [--vtgate-http URL]... [--deploy-id REPO@SHA]
                       [--config FILE] [--schema DIR] [--verify-timeout 30s] [connection options]
                       [--ddl [KS=]FILE|GLOB]... [--ddl-strategy S] [--max-failed-shards P] [--retries N] [--ddl-timeout D]
  vschema-guard rollback --record FILE [--vtctld HOST:PORT] [--keyspace KS]... [--dry-run] [--out FILE]
                         [--format text|json] [connection options]
  vschema-guard verify --vtgate mysql://USER@HOST:PORT[/KEYSPACE] --vschema PATH --queries FILE... [--password-file FILE]
                       [--default-keyspace KS] [--timeout SECONDS] [--format text|json]
                       (VEXPLAIN PLAN on a live vtgate vs the simulation; password in $VSCHEMA_GUARD_VTGATE_PASSWORD)
  vschema-guard migrations --vtctld HOST:PORT --keyspace KS [--context C | --uuid U | --recent DURATION]
                           [--watch] [--complete] [--max-failed-shards P] [--retries N] [--format text|json]
                           [--metrics FILE] [connection options]   (migrations --help; exit 3 = still running)

Connection options (deploy, rollback, migrations):
  --vtctld HOST:PORT  --tls-ca FILE  --tls-cert FILE  --tls-key FILE  --tls-server-name NAME
  --auth-file FILE (static auth JSON {"Username","Password"})  --rpc-timeout DURATION (per call, e.g. 30s)

PATH is a VSchema file (a keyspace, a SrvVSchema, routing rules) or a directory of them.
diff plans only the queries its change can affect (the rest route the same by construction);
--no-skip plans every query (slower, same report: a check of the skipping).
Exit status: 0 ok, 1 findings at or above the threshold, 2 usage or tool error.
deploy: 0 deployed or nothing to do (or a clean dry run), 1 refused (findings, drift, breaking, unknown
fields) or rolled back, 2 tool or connection error. rollback: 0 restored, 1 a keyspace refused, 2 error.
verify: 0 vtgate routes every statement as simulated (or better), 1 vtgate rejects a statement or routes one
worse than simulated, 2 usage or connection error (vtgate down, authentication failed).
migrations: 0 all completed, 1 any failed or cancelled (or none found), 2 tool or connection error,
3 still running (without --watch).
`;

/** Options shared by the commands that read VSchema files. */
const VSCHEMA_INPUT_OPTIONS = `  --keyspace-map FILE=KS  the keyspace of a single-keyspace file whose name does not say it (repeatable;
                          wins over .vschema-guard.yml keyspaces: and over the name guessed from the file name)
  --config FILE           configuration file (default: .vschema-guard.yml when present)`;

const CORPUS_OPTIONS = `  --queries FILE          query corpus (repeatable): SQL script, one statement per line, MySQL slow/general log,
                          vtgate query log, JSON or CSV with counts
  --input-type TYPE       auto (default) | sql | lines | slowlog | generallog | vtgatelog | json | csv
  --sql-column NAME       CSV column / JSON field holding the SQL (default: query, sql, raw_sql, digest_text, ...)
  --count-column NAME     CSV column / JSON field holding how often it ran (default: count, calls, count_star, ...)
  --no-parse-reuse        parse every distinct statement on its own (slower, same result): by default statements
                          that differ only in names and literals share one parse, checked against direct parses`;

/** Per-command help (`vschema-guard <command> --help`): every option the command accepts. */
const COMMAND_HELP: Record<string, string> = {
  check: `Usage: vschema-guard check [options] PATH...

Checks VSchema files (a keyspace, a SrvVSchema, a vtexplain map, routing rules, or directories of them)
with vtgate's own BuildVSchema checks and the rules of the README.

Options:
  --format text|json|sarif  output (default text)
  --schema DIR            CREATE TABLE files per keyspace (DIR/<keyspace>.sql or DIR/<keyspace>/*.sql)
${VSCHEMA_INPUT_OPTIONS}
  -h, --help              this help

Exit status: 0 no error finding, 1 error findings, 2 usage or tool error.
`,
  simulate: `Usage: vschema-guard simulate --vschema PATH [options]

Plans each statement of a query corpus like vtgate's Gen4 planner and prints its routes and shards.

Options:
  --vschema PATH          VSchema file or directory (repeatable)
${CORPUS_OPTIONS}
  --dedupe | --no-dedupe  merge statements with the same fingerprint (default: for logs only)
  --topology FILE         mock shard topology (JSON/YAML); default 2 shards per sharded keyspace
  --default-keyspace KS   session keyspace for unqualified names (USE ks in the corpus also switches it)
  --format text|json      output (default text)
${VSCHEMA_INPUT_OPTIONS}
  -h, --help              this help

Exit status: 0 ok, 2 usage or tool error (unreadable corpus).
`,
  locate: `Usage: vschema-guard locate (--table [KS.]T --vschema PATH | --vindex-type TYPE [--param K=V]...) --value V [options]

The keyspace id and shard of a value, through a table's primary vindex or a bare vindex type.

Options:
  --vschema PATH          VSchema file or directory (repeatable)
  --table [KS.]TABLE      the table whose primary vindex maps the value (unqualified when the name is unique)
  --vindex-type TYPE      a bare vindex type (hash, xxhash, numeric, ...) instead of a table
  --param NAME=VALUE      vindex params for --vindex-type (repeatable)
  --value V               the value (repeat for a multi-column vindex); negative numbers are values
  --keyspace KS           the keyspace whose topology places a bare --vindex-type
  --topology FILE         mock shard topology; default 2 shards per sharded keyspace
  --format text|json      output (default text)
${VSCHEMA_INPUT_OPTIONS}
  -h, --help              this help

Exit status: 0 located, 2 usage or tool error.
`,
  diff: `Usage: vschema-guard diff (--base PATH | --base-ref REF) --head PATH [options]

Compares two versions of a cluster: VSchema changes graded breaking / deploy / safe, findings introduced and
resolved, every query whose routing got worse, and the deploy plan.

Options:
  --base PATH             base VSchema file or directory (repeatable)
  --base-ref REF          read the base at a git commit instead (git show REF:path for the head paths)
  --head PATH             head VSchema file or directory (repeatable)
${CORPUS_OPTIONS}
  --no-skip               plan every query, also those the change cannot affect (slower, same report)
  --cache DIR             plan cache across runs: reuse plans of statements whose tables' routing is unchanged
                          (one file, DIR/plans.vgpack, rewritten at the end of the run)
  --cache-max-mb N        keep the cache within N MB on disk: this run's plans first, then older ones, most
                          recently used first (default 64)
  --cache-max-age DAYS    drop plans no run has used for DAYS days (default 30)
  --topology FILE         mock shard topology
  --schema DIR            CREATE TABLE files per keyspace (read at --base-ref for the base side)
  --fail-on LIST          error, warning, regression, breaking, never (default error,regression)
  --format markdown|json|sarif|text  output (default markdown)
  --id ID                 id in the comment's hidden marker
${VSCHEMA_INPUT_OPTIONS}
  -h, --help              this help

Exit status: 0 pass, 1 fail (by --fail-on, or a corpus with no plannable query), 2 usage or tool error.
`,
  deploy: `Usage: vschema-guard deploy --vtctld HOST:PORT --head PATH (--base PATH | --base-ref REF) [options]

Applies the head VSchemas of the keyspaces that changed to a live cluster: pre-flight (check, breaking
changes, vtctld reachable, keyspaces and cells, vtctld's own validation as a dry run), compare-and-swap per
keyspace on the canonical hash (live == head: skip; live == base: apply; else drift: refuse), apply in
dependency order, verify GetVSchema and every cell's SrvVSchema, roll back to the snapshots on failure.

Options:
  --head PATH             head VSchema file or directory (repeatable)
  --base PATH             base VSchema file or directory (repeatable)
  --base-ref REF          read the base at a git commit instead (e.g. the previous commit of the branch)
  --keyspace KS           deploy only this keyspace (repeatable)
  --dry-run               everything up to the writes; print the plan (per keyspace skip/apply/drift, hashes, order)
  --allow-drift           apply even where live differs from base (changed outside Git)
  --record FILE           write the deploy record (JSON; vschema-guard schema record) after every transition
  --format text|json      output (default text; json prints the record)
  --vtgate-http URL       also check this vtgate's /debug/vschema (repeatable)
  --deploy-id REPO@SHA    default: GITHUB_REPOSITORY@GITHUB_SHA, or the origin remote + git rev-parse HEAD
  --verify-timeout D      how long to wait for every cell's SrvVSchema (default 30s)
  --schema DIR            CREATE TABLE files per keyspace, for check's table and column cross-checks
  --ddl [KS=]FILE|GLOB    DDL to run as Online DDL on every shard before the VSchema (repeatable; KS= names
                          the keyspace, else the one --keyspace)
  --ddl-strategy S        ddl_strategy (default "vitess --postpone-completion"; "direct" only if you mean it)
  --max-failed-shards P   failed share of shards that cancels the migration and stops the deploy (default 15%)
  --retries N             RetrySchemaMigration at most N times per migration (default 2)
  --ddl-timeout DURATION  stop waiting for the migrations after DURATION (default 6h; a re-run resumes)
${VSCHEMA_INPUT_OPTIONS}
  -h, --help              this help

Connection options:
  --vtctld HOST:PORT  --tls-ca FILE  --tls-cert FILE  --tls-key FILE  --tls-server-name NAME
  --auth-file FILE (static auth JSON {"Username","Password"})  --rpc-timeout DURATION (per call, e.g. 30s)

Exit status: 0 deployed, nothing to do or a clean dry run; 1 refused (findings, drift, breaking, unknown
fields, vtctld rejected a VSchema) or failed and rolled back; 2 usage, tool or connection error, or a
rollback that could not finish (the record says which keyspace is where).
`,
  rollback: `Usage: vschema-guard rollback --record FILE [options]

Restores the snapshots a deploy recorded (the live VSchemas before its first write), in reverse apply order,
only where live is still what that deploy wrote; a keyspace changed since is refused, the others restored.

Options:
  --record FILE           the deploy record to undo (required)
  --out FILE              write this rollback's own record
  --keyspace KS           only this keyspace (repeatable)
  --dry-run               say what would be restored; write nothing
  --format text|json      output (default text)
  -h, --help              this help

Connection options (--vtctld defaults to the address in the record):
  --vtctld HOST:PORT  --tls-ca FILE  --tls-cert FILE  --tls-key FILE  --tls-server-name NAME
  --auth-file FILE (static auth JSON {"Username","Password"})  --rpc-timeout DURATION (per call, e.g. 30s)

Exit status: 0 restored or nothing to do, 1 a keyspace refused, 2 usage, tool or connection error.
`,
  schema: `Usage: vschema-guard schema [vschema|config|report|record|migrations]

Prints a JSON Schema: of VSchema files (default), of .vschema-guard.yml, of the diff report, of a deploy
record or of the migrations output.

Options:
  -h, --help              this help
`,
};

/**
 * Help of one command: its own text, or (for commands without one) its lines of USAGE and the
 * connection options when it takes them.
 */
export function commandHelp(command: string): string {
  if (Object.hasOwn(COMMAND_HELP, command)) return COMMAND_HELP[command]!;
  const lines = USAGE.split('\n');
  const out: string[] = [];
  let inCmd = false;
  for (const l of lines) {
    if (/^ {2}vschema-guard \S/.test(l)) inCmd = l.startsWith(`  vschema-guard ${command} `) || l === `  vschema-guard ${command}`;
    else if (!/^ {4,}/.test(l)) inCmd = false;
    if (inCmd) out.push(l.replace(/^ {2}/, ''));
  }
  const first = out.shift() ?? `vschema-guard ${command}`;
  const conn = USAGE.includes(`Connection options (`) && new RegExp(`Connection options \\([^)]*\\b${command}\\b`).test(USAGE)
    ? '\n' + USAGE.slice(USAGE.indexOf('Connection options')).split('\n\n')[0] + '\n' : '';
  return `Usage: ${first}\n${out.join('\n')}${out.length ? '\n' : ''}${conn}\nSee vschema-guard --help and the README for the exit status.\n`;
}
