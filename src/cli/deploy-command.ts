/**
 * `vschema-guard deploy`: reads head (files) and base (files or a git ref), connects to vtctld, runs
 * the deploy (src/deploy/run-deploy.ts), writes the record after every transition and prints the
 * result. Exit 0 deployed / nothing to do / dry run, 1 refused or rolled back, 2 usage, tool or
 * connection error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DdlPhase } from '../deploy/ddl-hook.js';
import { DDL_ARG_OPTIONS, ddlPhaseFromValues } from './ddl-options.js';
import { deployIdFrom } from '../deploy/deploy-id.js';
import { prepareDeploySides } from '../deploy/prepare.js';
import type { DeployRecord } from '../deploy/record.js';
import { renderRecordText } from '../deploy/render.js';
import { runDeploy } from '../deploy/run-deploy.js';
import { headCommit, originUrl, readFilesAtRef, shortSha, topLevel } from '../io/git.js';
import { gitLiveMatcher } from '../io/live-matches.js';
import { keyspaceNameFor, loadConfig } from '../io/load-config.js';
import { readSchemaDir, readVSchemaInputs } from '../io/read-inputs.js';
import { writeJsonAtomic } from '../io/write-json.js';
import { type Io, cliKeyspaceMap } from './check-command.js';
import { type DeployDeps, connectionSettings, defaultDeployDeps, CONNECTION_OPTIONS } from './vtctld-connect.js';
import { UsageError, VERSION } from './usage.js';

/** The options of `deploy` (parseArgs). The Online DDL flags are added here too (see `ddlPhaseFromOptions`). */
export const DEPLOY_OPTIONS = {
  ...CONNECTION_OPTIONS,
  head: { type: 'string', multiple: true },
  base: { type: 'string', multiple: true },
  'base-ref': { type: 'string' },
  keyspace: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean', default: false },
  'allow-drift': { type: 'boolean', default: false },
  record: { type: 'string' },
  format: { type: 'string', default: 'text' },
  'vtgate-http': { type: 'string', multiple: true },
  'deploy-id': { type: 'string' },
  config: { type: 'string' },
  'keyspace-map': { type: 'string', multiple: true },
  schema: { type: 'string' },
  'verify-timeout': { type: 'string' },
  ...DDL_ARG_OPTIONS,
} as const;

/** Parsed `deploy` options. */
export type DeployValues = ReturnType<typeof parseArgs<{ args: string[]; options: typeof DEPLOY_OPTIONS }>>['values'];

/**
 * The Online DDL phase from the command line (`--ddl`, `--ddl-strategy`, `--max-failed-shards`,
 * `--retries`, `--ddl-timeout`; src/cli/ddl-options.ts); null = no DDL phase. `line` prints one
 * progress line. Throws UsageError for bad DDL options or files.
 */
export function ddlPhaseFromOptions(values: DeployValues, line: (s: string) => void = () => {}): DdlPhase | null {
  return ddlPhaseFromValues(values, values.keyspace, process.cwd(), line);
}

/** Runs `deploy`; returns the exit code. `deps` is injectable for tests (client, clock, fetch). */
export async function deployCommand(argv: string[], io: Io, deps: DeployDeps = defaultDeployDeps()): Promise<number> {
  const { values } = parseArgs({ args: argv, options: DEPLOY_OPTIONS });
  const format = values.format!;
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  if (!values.head?.length) throw new UsageError('--head PATH is required');
  if (!values.base?.length === !values['base-ref']) throw new UsageError('give either --base PATH or --base-ref REF');
  const settings = connectionSettings(values);
  const verifyTimeoutMs = values['verify-timeout'] ? parseSeconds(values['verify-timeout'], '--verify-timeout') : undefined;
  const deployId = deployIdFrom({
    explicit: values['deploy-id'], env: { GITHUB_REPOSITORY: deps.env.GITHUB_REPOSITORY, GITHUB_SHA: deps.env.GITHUB_SHA }, head: headCommit(), remote: originUrl(), dirName: path.basename(topLevel() ?? process.cwd()),
  });
  if (!deployId) throw new UsageError('no git commit to name this deploy: give --deploy-id (repository@commit)');
  const ddlPhase = ddlPhaseFromOptions(values, (l) => io.err(l + '\n'));

  const cfg = loadConfig(values.config);
  const nameFor = keyspaceNameFor(cfg.config, cliKeyspaceMap(values['keyspace-map']));
  const head = readVSchemaInputs(values.head);
  let baseFiles: typeof head.files;
  let baseSource: string;
  if (values['base-ref']) {
    try {
      baseFiles = readFilesAtRef(values['base-ref'], values.head);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    baseSource = `git ${values['base-ref']} (${shortSha(values['base-ref'])})`;
  } else {
    const base = readVSchemaInputs(values.base!);
    for (const f of base.findings) io.err(`${f.file}: ${f.message}\n`);
    baseFiles = base.files;
    baseSource = values.base!.join(', ');
  }
  const ddl = values.schema ? readSchemaDir(values.schema) : { files: [], findings: [] };
  const sides = prepareDeploySides({
    baseFiles, headFiles: head.files, headFindings: [...cfg.findings, ...head.findings, ...ddl.findings], ddlFiles: ddl.files, config: cfg.config, keyspaceNameFor: nameFor,
  });

  const recordPath = values.record ?? null;
  const writeRecord = (r: DeployRecord): void => {
    if (recordPath) writeJsonAtomic(recordPath, r);
  };
  const conn = await deps.connect(settings);
  if ('error' in conn) {
    io.err(`vschema-guard deploy: ${conn.error}\n`);
    return 2;
  }
  try {
    const { record, exitCode } = await runDeploy({
      deployId, version: VERSION, vtctld: conn.address,
      base: { source: baseSource, cluster: sides.base },
      head: { source: values.head.join(', '), cluster: sides.head, findings: sides.findings },
      keyspaces: values.keyspace, dryRun: !!values['dry-run'], allowDrift: !!values['allow-drift'],
      client: conn.client, now: deps.now, sleep: deps.sleep, log: (l) => io.err(l + '\n'),
      ddlPhase, vtgates: values['vtgate-http'], fetchJson: deps.fetchJson,
      liveMatches: gitLiveMatcher(sides.head, nameFor),
      writeRecord, verifyTimeoutMs, retry: deps.retry,
    });
    io.out(format === 'json' ? JSON.stringify(record, null, 2) + '\n' : renderRecordText(record, recordPath));
    return exitCode;
  } finally {
    conn.client.close();
  }
}

/** `30s`, `2m`, `500ms` or a plain number of seconds → ms. */
export function parseSeconds(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${option} must be a duration such as 30s, 2m or 500ms, not "${text}"`);
  return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000));
}
