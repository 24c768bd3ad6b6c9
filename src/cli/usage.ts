/** Usage text and the usage-error type of the CLI. */

/** Thrown for bad command lines; main() prints it and exits 2. */
export class UsageError extends Error {}

export const VERSION = '0.1.0';

export const USAGE = `vschema-guard ${VERSION}: checks Vitess VSchema changes before they merge

Usage:
  vschema-guard schema [vschema|config|report|record|migrations]
  vschema-guard check [--format text|json|sarif] [--schema DIR] [--config FILE] PATH...
  vschema-guard simulate --vschema PATH [--queries FILE]... [--topology FILE] [--default-keyspace KS]
                         [--input-type auto|sql|lines|slowlog|generallog|vtgatelog|json|csv] [--dedupe]
                         [--sql-column NAME] [--count-column NAME]
                         [--format text|json]
  vschema-guard locate --vschema PATH (--table KS.T | --vindex-type TYPE) --value V [--topology FILE] [--format text|json]
  vschema-guard diff --base PATH|--base-ref REF --head PATH [--queries FILE]... [--topology FILE] [--schema DIR]
                     [--config FILE] [--fail-on error|warning|regression|breaking|never] [--format markdown|json|sarif|text]
                     [--input-type TYPE] [--sql-column NAME] [--count-column NAME] [--id ID] [--no-skip]
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
