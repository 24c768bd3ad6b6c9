/** The action's inputs, read once into a typed object (a test keeps action.yml in step). */
import { FAIL_ON, type FailOn } from '../diff/build-report.js';
import { type PlanCacheLimits, parsePlanCacheLimits } from '../diff/plan-cache.js';
import { INPUT_TYPES } from '../corpus/formats.js';
import type { DdlValues } from '../cli/ddl-options.js';
import { parseDurationMs, type ConnectionSettings } from '../vtctld/connection-options.js';

/** When the PR comment is written. */
export const COMMENT_MODES = ['update', 'on-failure', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/**
 * What the action does: `check` (the PR report), `migrations` (report on an Online DDL migration
 * context), `deploy` (carry the pushed VSchemas to vtctld: src/action/deploy-mode.ts) or `rollback`
 * (undo a deploy from its record: src/action/rollback-mode.ts).
 */
export const MODES = ['check', 'migrations', 'deploy', 'rollback'] as const;
export type Mode = (typeof MODES)[number];

/** Inputs of `mode: migrations`. */
export interface MigrationsInputs {
  /** vtctld connection (the `vtctld`, `tls-*`, `auth-file`, `rpc-timeout` inputs). */
  connection: ConnectionSettings;
  keyspace: string | null;
  /** The migration context; null = this commit's deploy id (`GITHUB_REPOSITORY@GITHUB_SHA`). */
  migrationContext: string | null;
  /** Poll until every migration is terminal. */
  watch: boolean;
}

/** Inputs of `mode: deploy`. */
export interface DeployInputs {
  /** vtctld connection (the `vtctld`, `tls-*`, `auth-file`, `rpc-timeout` inputs). */
  connection: ConnectionSettings;
  /** The `auth` input: static auth JSON `{"Username","Password"}` straight from a secret (instead of `auth-file`). */
  authJson: string | null;
  dryRun: boolean;
  allowDrift: boolean;
  /** Where the deploy record is written (null: `$RUNNER_TEMP/vschema-guard/deploy-record.json`). */
  recordFile: string | null;
  /** vtgate HTTP base URLs whose `/debug/vschema` is checked after the writes. */
  vtgateHttp: string[];
  /** Environment name of the GitHub Deployment (empty: no GitHub Deployment). */
  deploymentEnvironment: string;
  /**
   * The Online DDL phase (`ddl`, `ddl-strategy`, `max-failed-shards`, `retries`, `ddl-timeout` inputs,
   * the `deploy --ddl…` options; src/cli/ddl-options.ts). `ddl` empty: no DDL phase.
   */
  ddl: DdlValues;
  /**
   * The `keyspace` input with mode deploy (comma or newline separated): deploy only these keyspaces
   * (like `deploy --keyspace KS` repeated); with exactly one, also the keyspace of `ddl` entries without
   * `KEYSPACE=`. Empty: every keyspace of head.
   */
  keyspaces: string[];
}

/** Inputs of `mode: rollback`. */
export interface RollbackInputs {
  /** vtctld connection (the `vtctld`, `tls-*`, `auth-file`, `rpc-timeout` inputs); no `vtctld`: the record's address. */
  connection: ConnectionSettings;
  /** The `auth` input (see {@link DeployInputs.authJson}). */
  authJson: string | null;
  /** The `rollback-record` input: the deploy record to undo (null: not given, an error). */
  recordToUndo: string | null;
  dryRun: boolean;
  /** Where the rollback's own record is written (null: `$RUNNER_TEMP/vschema-guard/rollback-record.json`). */
  recordFile: string | null;
  /** The `keyspace` input: restore only these keyspaces (empty: every keyspace the deploy wrote). */
  keyspaces: string[];
}

/** Typed inputs. */
export interface ActionInputs {
  mode: Mode;
  migrations: MigrationsInputs;
  deploy: DeployInputs;
  rollback: RollbackInputs;
  /** Globs of the VSchema files; empty = automatic (named vschema*.json, under vschema*, or shaped like a VSchema). */
  vschemaPaths: string[];
  queries: string[];
  /** The `cache` input: directory of the plan cache across runs (`diff --cache DIR`); null = no cache. */
  cache: string | null;
  /** The `cache-max-mb` and `cache-max-age` inputs: the plan cache's prune limits (`diff --cache-max-mb/--cache-max-age`). */
  cacheLimits: PlanCacheLimits;
  topology: string | null;
  schema: string | null;
  config: string;
  failOn: FailOn[];
  comment: CommentMode;
  commentId: string;
  githubToken: string;
  workingDirectory: string;
  /** Query corpus format (`auto`: detected per file) and the SQL/count columns of CSV/JSON corpora. */
  inputType: string;
  sqlColumn: string | undefined;
  countColumn: string | undefined;
  /** Session keyspace for unqualified table names (wins over the config's default_keyspace). */
  defaultKeyspace: string | null;
  /** `FILE=KS` pairs naming the keyspace of single-keyspace files. */
  keyspaceMap: string[];
  /** Lowest finding level annotated: error, warning (default) or notice (info findings too); `off` annotates nothing. */
  annotations: AnnotationsLevel;
  /** Two-workflow mode: post this markdown report (made by an unprivileged run) and nothing else. */
  postReport: string | null;
  prNumber: number | null;
}

/** The `annotations` input: the lowest level annotated, or off. */
export const ANNOTATION_LEVELS = ['error', 'warning', 'notice', 'off'] as const;
export type AnnotationsLevel = (typeof ANNOTATION_LEVELS)[number];

/** Input names and defaults (mirrors action.yml). */
export const INPUT_DEFAULTS: Record<string, string> = {
  'input-type': 'auto',
  'sql-column': '',
  'count-column': '',
  'default-keyspace': '',
  'keyspace-map': '',
  annotations: 'warning',
  'vschema-paths': '',
  queries: '',
  cache: '',
  'cache-max-mb': '',
  'cache-max-age': '',
  topology: '',
  schema: '',
  config: '.vschema-guard.yml',
  'fail-on': 'error,regression',
  comment: 'update',
  'comment-id': 'default',
  'github-token': '',
  'working-directory': '.',
  'post-report': '',
  'pr-number': '',
  mode: 'check',
  vtctld: '',
  'tls-ca': '',
  'tls-cert': '',
  'tls-key': '',
  'tls-server-name': '',
  'auth-file': '',
  'rpc-timeout': '',
  keyspace: '',
  'migration-context': '',
  watch: 'false',
  auth: '',
  'dry-run': 'false',
  'allow-drift': 'false',
  'record-file': '',
  'rollback-record': '',
  'vtgate-http': '',
  'deployment-environment': 'vitess',
  ddl: '',
  'ddl-strategy': '',
  'max-failed-shards': '',
  retries: '',
  'ddl-timeout': '',
};

const list = (s: string): string[] => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** Reads inputs through `get` (core.getInput); throws Error with a clear message on bad values. */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const v = (name: string): string => get(name).trim() || INPUT_DEFAULTS[name]!;
  const failOn = list(v('fail-on'));
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new Error(`input fail-on: "${f}" is not one of ${FAIL_ON.join(', ')}`);
  const comment = v('comment');
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) throw new Error(`input comment: "${comment}" is not one of ${COMMENT_MODES.join(', ')}`);
  const mode = v('mode');
  if (!(MODES as readonly string[]).includes(mode)) throw new Error(`input mode: "${mode}" is not one of ${MODES.join(', ')}`);
  const watch = v('watch');
  if (watch !== 'true' && watch !== 'false') throw new Error(`input watch: "${watch}" is not true or false`);
  const opt = (name: string): string | undefined => get(name).trim() || undefined;
  const rpcTimeout = opt('rpc-timeout');
  const bool = (name: string): boolean => {
    const b = v(name);
    if (b !== 'true' && b !== 'false') throw new Error(`input ${name}: "${b}" is not true or false`);
    return b === 'true';
  };
  const connection: ConnectionSettings = {
    vtctld: opt('vtctld'),
    tlsCa: opt('tls-ca'),
    tlsCert: opt('tls-cert'),
    tlsKey: opt('tls-key'),
    tlsServerName: opt('tls-server-name'),
    authFile: opt('auth-file'),
    rpcTimeoutMs: rpcTimeout === undefined ? undefined : parseDurationMs(rpcTimeout, 'input rpc-timeout'),
  };
  if (opt('auth') && opt('auth-file')) throw new Error('inputs auth and auth-file: give one of them, not both');
  return {
    mode: mode as Mode,
    deploy: {
      connection,
      authJson: opt('auth') ?? null,
      dryRun: bool('dry-run'),
      allowDrift: bool('allow-drift'),
      recordFile: opt('record-file') ?? null,
      vtgateHttp: list(get('vtgate-http')),
      deploymentEnvironment: get('deployment-environment').trim(),
      ddl: {
        ddl: list(get('ddl')),
        'ddl-strategy': opt('ddl-strategy'),
        'max-failed-shards': opt('max-failed-shards'),
        retries: opt('retries'),
        'ddl-timeout': opt('ddl-timeout'),
      },
      keyspaces: list(get('keyspace')),
    },
    rollback: {
      connection,
      authJson: opt('auth') ?? null,
      recordToUndo: opt('rollback-record') ?? null,
      dryRun: bool('dry-run'),
      recordFile: opt('record-file') ?? null,
      keyspaces: list(get('keyspace')),
    },
    migrations: {
      connection,
      keyspace: opt('keyspace') ?? null,
      migrationContext: opt('migration-context') ?? null,
      watch: watch === 'true',
    },
    vschemaPaths: list(get('vschema-paths')),
    queries: list(get('queries')),
    cache: get('cache').trim() || null,
    cacheLimits: parsePlanCacheLimits(get('cache-max-mb'), get('cache-max-age'), { mb: 'input cache-max-mb', age: 'input cache-max-age' }),
    topology: get('topology').trim() || null,
    schema: get('schema').trim() || null,
    config: v('config'),
    failOn: failOn as FailOn[],
    comment: comment as CommentMode,
    commentId: v('comment-id'),
    githubToken: get('github-token').trim(),
    workingDirectory: v('working-directory'),
    inputType: (() => {
      const t = v('input-type');
      if (t !== 'auto' && !(INPUT_TYPES as readonly string[]).includes(t)) throw new Error(`input input-type: "${t}" is not auto or one of ${INPUT_TYPES.join(', ')}`);
      return t;
    })(),
    sqlColumn: opt('sql-column'),
    countColumn: opt('count-column'),
    defaultKeyspace: opt('default-keyspace') ?? null,
    keyspaceMap: list(get('keyspace-map')),
    annotations: (() => {
      const a = v('annotations');
      if (!(ANNOTATION_LEVELS as readonly string[]).includes(a)) throw new Error(`input annotations: "${a}" is not one of ${ANNOTATION_LEVELS.join(', ')}`);
      return a as AnnotationsLevel;
    })(),
    postReport: get('post-report').trim() || null,
    prNumber: (() => {
      const n = get('pr-number').trim();
      if (!n) return null;
      if (!/^\d+$/.test(n)) throw new Error(`input pr-number: "${n}" is not a pull request number`);
      return Number(n);
    })(),
  };
}
