/**
 * `mode: deploy`: on a push to the default branch, carries the pushed VSchemas to vtctld with the
 * same engine as `vschema-guard deploy` (src/deploy/run-deploy.ts): base = the push event's `before`,
 * head = the pushed tree. Writes the deploy record after every transition (output `record`), the job
 * summary (applied / skipped / refused with hashes and timings), output `deploy-result`, and a GitHub
 * Deployment with statuses in_progress → success / failure. The GitHub API being unavailable never
 * changes the deploy: it is noted and the deploy goes on. The step fails when the deploy exits non-zero.
 */
import type { Config } from '../core/config.js';
import { deployIdFrom } from '../deploy/deploy-id.js';
import { prepareDeploySides } from '../deploy/prepare.js';
import type { DeployRecord } from '../deploy/record.js';
import { renderRecordMarkdown } from '../deploy/render.js';
import { runDeploy } from '../deploy/run-deploy.js';
import type { InputFile } from '../vschema/load.js';
import type { Cluster } from '../vschema/model.js';
import type { VtctldClient } from '../vtctld/client.js';
import type { ConnectionSettings } from '../vtctld/connection-options.js';
import type { RunTarget } from './event.js';
import type { DeploymentState } from './github-api.js';
import type { DeployInputs } from './inputs.js';
import { ddlPhaseFromValues } from '../cli/ddl-options.js';
import { migrationsMarkdown } from '../migrations/render.js';
import type { MigrationJson } from '../migrations/report.js';

/** The GitHub Deployments calls (null when there is no token). */
export interface DeploymentsApi {
  create(ref: string, environment: string, description: string, payload: Record<string, string>): Promise<number>;
  status(id: number, state: DeploymentState, description: string): Promise<void>;
}

/** Effects of the mode (the action passes @actions/core, the gRPC client and Octokit; tests record). */
export interface DeployModeDeps {
  /** Opens the client; throws (ConnectionOptionsError) for unusable settings. `authJson` = the `auth` input. */
  connect(settings: ConnectionSettings, authJson: string | null): { client: VtctldClient; address: string };
  now(): number;
  sleep(ms: number): Promise<void>;
  fetchJson(url: string): Promise<unknown>;
  writeRecord(path: string, record: DeployRecord): void;
  /** Replaces the job summary with this markdown. */
  summary(markdown: string): Promise<void>;
  info(line: string): void;
  notice(line: string): void;
  output(name: string, value: string): void;
  fail(message: string): void;
  deployments: DeploymentsApi | null;
  /** For head: which commit (and subject) of a keyspace's file live matches (git), for drift messages. */
  liveMatcher?: (head: Cluster) => (keyspace: string, hash: string) => Promise<string | null>;
}

/** What run.ts read from the checkout. */
export interface DeployModeContext {
  target: RunTarget;
  env: NodeJS.ProcessEnv;
  headFiles: InputFile[];
  baseFiles: InputFile[];
  baseLabel: string;
  config: Config;
  keyspaceNameFor: (path: string) => string | undefined;
  /** Default record path (under RUNNER_TEMP). */
  defaultRecordPath: string;
  version: string;
  /** Link to this run, for the deployment status. */
  runUrl: string | null;
}

/** Runs the mode; never throws for a deploy problem (the step fails through `deps.fail`). */
export async function runDeployMode(inputs: DeployInputs, ctx: DeployModeContext, deps: DeployModeDeps): Promise<void> {
  const { target } = ctx;
  const recordPath = inputs.recordFile ?? ctx.defaultRecordPath;
  if (target.event !== 'push') deps.notice(`vschema-guard deploy: this run is a ${target.event} event, not a push; base is ${ctx.baseLabel}`);
  const deployId = deployIdFrom({ env: { GITHUB_REPOSITORY: ctx.env.GITHUB_REPOSITORY, GITHUB_SHA: target.headSha }, head: target.headSha, remote: null, dirName: null });
  if (!deployId) return deps.fail('vschema-guard deploy: no commit to deploy (GITHUB_SHA is not set)');
  const sides = prepareDeploySides({ baseFiles: ctx.baseFiles, headFiles: ctx.headFiles, config: ctx.config, keyspaceNameFor: ctx.keyspaceNameFor });
  // The Online DDL phase (input ddl): its migrations table is the job summary while it runs.
  let ddlPhase;
  try {
    ddlPhase = ddlPhaseFromValues(inputs.ddl, inputs.keyspaces.length ? inputs.keyspaces : undefined, process.cwd(), deps.info, (migrations) => {
      void deps.summary(`### vschema-guard deploy ${deployId}: Online DDL in progress\n\n${migrationsMarkdown(migrations)}`);
    });
  } catch (e) {
    deps.output('deploy-result', 'error');
    deps.output('result', 'fail');
    return deps.fail(`vschema-guard deploy: ${(e as Error).message}`);
  }

  let conn: { client: VtctldClient; address: string };
  try {
    conn = deps.connect(inputs.connection, inputs.authJson);
  } catch (e) {
    deps.output('deploy-result', 'error');
    deps.output('result', 'fail');
    return deps.fail(`vschema-guard deploy: ${(e as Error).message}`);
  }

  // The GitHub Deployment: a convenience, never a reason to stop or to fail.
  let deploymentId: number | null = null;
  const setStatus = async (state: DeploymentState, description: string): Promise<void> => {
    if (deploymentId === null || !deps.deployments) return;
    try {
      await deps.deployments.status(deploymentId, state, description);
    } catch (e) {
      deps.notice(`vschema-guard deploy: could not set the GitHub Deployment status to ${state} (${(e as Error).message})`);
    }
  };
  if (deps.deployments && inputs.deploymentEnvironment && !inputs.dryRun) {
    try {
      deploymentId = await deps.deployments.create(target.headSha, inputs.deploymentEnvironment, `vschema-guard deploy to ${conn.address}`, { deploy_id: deployId });
      await setStatus('in_progress', `deploying VSchemas to ${conn.address}`);
    } catch (e) {
      deps.notice(`vschema-guard deploy: could not create a GitHub Deployment (${(e as Error).message}); deploying anyway. Grant "deployments: write" or set deployment-environment to '' to stop trying.`);
    }
  }

  let result;
  try {
    result = await runDeploy({
      deployId, version: ctx.version, vtctld: conn.address,
      base: { source: `git ${ctx.baseLabel}`, cluster: sides.base },
      head: { source: `git ${target.headSha.slice(0, 7)}`, cluster: sides.head, findings: sides.findings },
      ...(inputs.keyspaces.length ? { keyspaces: inputs.keyspaces } : {}),
      dryRun: inputs.dryRun, allowDrift: inputs.allowDrift, client: conn.client,
      now: deps.now, sleep: deps.sleep, log: deps.info, vtgates: inputs.vtgateHttp, fetchJson: deps.fetchJson,
      liveMatches: deps.liveMatcher?.(sides.head), writeRecord: (r) => deps.writeRecord(recordPath, r), ddlPhase,
    });
  } catch (e) {
    await setStatus('error', `vschema-guard failed: ${(e as Error).message}`);
    throw e;
  } finally {
    conn.client.close();
  }
  const { record, exitCode } = result;
  const ddlMigrations = (record.ddl?.detail as { migrations?: MigrationJson[] } | null | undefined)?.migrations;
  await deps.summary(renderRecordMarkdown(record) + (ddlMigrations?.length ? `\n#### Online DDL\n\n${migrationsMarkdown(ddlMigrations)}` : ''));
  deps.output('deploy-result', record.outcome ?? 'error');
  deps.output('record', recordPath);
  deps.output('result', exitCode === 0 ? 'pass' : 'fail');
  await setStatus(exitCode === 0 ? 'success' : exitCode === 2 ? 'error' : 'failure', record.message);
  if (exitCode !== 0) deps.fail(`vschema-guard deploy: ${record.message}`);
  else deps.info(`vschema-guard deploy: ${record.message}`);
}
