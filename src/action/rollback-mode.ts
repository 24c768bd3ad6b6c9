/**
 * `mode: rollback`: undoes one deploy from its record (input `rollback-record`, the artifact `mode:
 * deploy` wrote) with the same engine as `vschema-guard rollback` (src/deploy/run-rollback.ts): each
 * keyspace the deploy wrote is restored to its snapshot by compare-and-swap, only where live is still
 * what that deploy wrote. Writes its own record after every transition (output `record`), the job
 * summary, outputs `rollback-result` and `result`; the step fails when the rollback exits non-zero.
 * vtctld is the `vtctld` input, else the address in the record. No GitHub Deployment is created: a
 * rollback deploys no commit (the job summary and the record are its report).
 */
import { parseDeployRecord } from '../deploy/read-record.js';
import type { DeployRecord } from '../deploy/record.js';
import { renderRecordMarkdown } from '../deploy/render.js';
import { runRollback } from '../deploy/run-rollback.js';
import type { VtctldClient } from '../vtctld/client.js';
import type { RollbackInputs } from './inputs.js';
import type { ConnectionSettings } from '../vtctld/connection-options.js';

/** Effects of the mode (the action passes @actions/core, fs and the gRPC client; tests record). */
export interface RollbackModeDeps {
  /** Opens the client; throws (ConnectionOptionsError) for unusable settings. `authJson` = the `auth` input. */
  connect(settings: ConnectionSettings, authJson: string | null): { client: VtctldClient; address: string };
  /** The text of the file at `path`; throws (an ErrnoException) when it cannot be read. */
  readFile(path: string): string;
  now(): number;
  sleep(ms: number): Promise<void>;
  writeRecord(path: string, record: DeployRecord): void;
  /** Replaces the job summary with this markdown. */
  summary(markdown: string): Promise<void>;
  info(line: string): void;
  output(name: string, value: string): void;
  fail(message: string): void;
}

/** Runs the mode; `defaultRecordPath`: where the rollback's record goes without `record-file`. Never throws for a rollback problem. */
export async function runRollbackMode(inputs: RollbackInputs, ctx: { defaultRecordPath: string; version: string }, deps: RollbackModeDeps): Promise<void> {
  const stop = (message: string): void => {
    deps.output('rollback-result', 'error');
    deps.output('result', 'fail');
    deps.fail(`vschema-guard rollback: ${message}`);
  };
  if (!inputs.recordToUndo) return stop('input rollback-record is required: the path of the deploy record to undo (the artifact mode deploy uploaded)');
  let text: string;
  try {
    text = deps.readFile(inputs.recordToUndo);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return stop(`cannot read ${inputs.recordToUndo}: ${err.code === 'ENOENT' ? 'no such file (download the deploy record artifact first)' : err.message}`);
  }
  const parsed = parseDeployRecord(inputs.recordToUndo, text);
  if ('error' in parsed) return stop(parsed.error);
  const deploy = parsed.record;

  let conn: { client: VtctldClient; address: string };
  try {
    conn = deps.connect({ ...inputs.connection, vtctld: inputs.connection.vtctld ?? deploy.vtctld }, inputs.authJson);
  } catch (e) {
    return stop((e as Error).message);
  }
  const recordPath = inputs.recordFile ?? ctx.defaultRecordPath;
  let result;
  try {
    result = await runRollback({
      deploy, recordSource: inputs.recordToUndo, version: ctx.version, vtctld: conn.address,
      ...(inputs.keyspaces.length ? { keyspaces: inputs.keyspaces } : {}),
      dryRun: inputs.dryRun, client: conn.client, now: deps.now, sleep: deps.sleep, log: deps.info,
      writeRecord: (r) => deps.writeRecord(recordPath, r),
    });
  } finally {
    conn.client.close();
  }
  const { record, exitCode } = result;
  await deps.summary(renderRecordMarkdown(record));
  deps.output('rollback-result', record.outcome ?? 'error');
  deps.output('record', recordPath);
  deps.output('result', exitCode === 0 ? 'pass' : 'fail');
  if (exitCode !== 0) deps.fail(`vschema-guard rollback: ${record.message}`);
  else deps.info(`vschema-guard rollback: ${record.message}`);
}
