/**
 * `vschema-guard rollback --record FILE`: restores the snapshots of a deploy record (src/deploy/run-rollback.ts)
 * with the deploy's compare-and-swap, writes its own record (`--out`) and prints the result.
 * Exit 0 restored or nothing to do, 1 some keyspace refused (changed since the deploy), 2 usage,
 * tool or connection error (or a restore that failed: the record says which keyspace is where).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseDeployRecord } from '../deploy/read-record.js';
import type { DeployRecord } from '../deploy/record.js';
import { renderRecordText } from '../deploy/render.js';
import { runRollback } from '../deploy/run-rollback.js';
import { writeJsonAtomic } from '../io/write-json.js';
import type { Io } from './check-command.js';
import { CONNECTION_OPTIONS, type DeployDeps, connectionSettings, defaultDeployDeps } from './vtctld-connect.js';
import { UsageError, VERSION } from './usage.js';

/** Runs `rollback`; returns the exit code. */
export async function rollbackCommand(argv: string[], io: Io, deps: DeployDeps = defaultDeployDeps()): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...CONNECTION_OPTIONS,
      record: { type: 'string' },
      out: { type: 'string' },
      keyspace: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    },
  });
  const format = values.format!;
  if (!['text', 'json'].includes(format)) throw new UsageError(`--format must be text or json, not "${format}"`);
  if (!values.record) throw new UsageError('--record FILE (the deploy record to undo) is required');
  let text: string;
  try {
    text = fs.readFileSync(values.record, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${values.record}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const parsed = parseDeployRecord(values.record, text);
  if ('error' in parsed) throw new UsageError(parsed.error);
  const deploy = parsed.record;
  const settings = connectionSettings({ ...values, vtctld: values.vtctld ?? deploy.vtctld });
  const conn = await deps.connect(settings);
  if ('error' in conn) {
    io.err(`vschema-guard rollback: ${conn.error}\n`);
    return 2;
  }
  const out = values.out ?? null;
  try {
    const { record, exitCode } = await runRollback({
      deploy, recordSource: values.record, version: VERSION, vtctld: conn.address, keyspaces: values.keyspace, dryRun: !!values['dry-run'],
      client: conn.client, now: deps.now, sleep: deps.sleep, log: (l) => io.err(l + '\n'), retry: deps.retry,
      writeRecord: (r: DeployRecord) => {
        if (out) writeJsonAtomic(out, r);
      },
    });
    io.out(format === 'json' ? JSON.stringify(record, null, 2) + '\n' : renderRecordText(record, out));
    return exitCode;
  } finally {
    conn.client.close();
  }
}
