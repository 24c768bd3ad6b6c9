/**
 * `vschema-guard rollback --record FILE`: restores the snapshots a deploy recorded, with the same
 * compare-and-swap as the deploy: a keyspace is restored only where live is still what that deploy
 * wrote (its head hash, or what a failed write left); a keyspace changed since is refused, on its own,
 * and the others are still restored. Keyspaces already at their snapshot are left alone (a re-run is a
 * no-op). Runs `pending → preflight → rolling_back → rolled_back | failed` and writes its own record
 * (kind `rollback`).
 */
import { type VtctldClient, VtctldError } from '../vtctld/client.js';
import { hashLive } from './live-hash.js';
import { type DeployRecord, type KeyspaceRecord, type RunResult, newRecord, recordKeeper } from './record.js';
import { restoreKeyspace, restoredHash } from './restore.js';
import { type RetryOptions, makeRpcPolicy } from './rpc-policy.js';

/** Inputs of a rollback run. */
export interface RollbackInput {
  /** The deploy record to undo (kind `deploy`). */
  deploy: DeployRecord;
  /** Where the record came from (for the new record's `base.source`). */
  recordSource: string;
  version: string;
  vtctld: string;
  /** Only these keyspaces (empty = all the deploy wrote). */
  keyspaces?: readonly string[];
  dryRun: boolean;
  client: VtctldClient;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  writeRecord?: (record: DeployRecord) => void | Promise<void>;
  retry?: Partial<RetryOptions>;
}

/** The rollback's own record and the exit code (0 restored or nothing to do, 1 some keyspace refused, 2 errors). */
export type RollbackResult = RunResult;

/** Runs a rollback. Throws only on bugs of ours. */
export async function runRollback(input: RollbackInput): Promise<RollbackResult> {
  const { client, now, deploy } = input;
  const rec = newRecord({
    kind: 'rollback', deployId: deploy.deploy_id, rollbackOf: deploy.deploy_id, version: input.version, vtctld: input.vtctld,
    base: `${input.recordSource} (head of ${deploy.deploy_id})`, head: `${input.recordSource} (snapshots before ${deploy.deploy_id})`,
    dryRun: input.dryRun, allowDrift: false, now: now(),
  });
  const { save, move, finish } = recordKeeper(rec, { now, log: input.log, writeRecord: input.writeRecord });
  const call = makeRpcPolicy({ now, sleep: input.sleep, log: input.log, onStep: (s) => rec.steps.push(s) }, input.retry);
  await move('start', `rollback of ${deploy.deploy_id} on ${input.vtctld}${input.dryRun ? ' (dry run)' : ''}`);

  // Keyspaces the deploy may have written, in reverse apply order.
  const wrote = deploy.keyspaces
    .filter((k) => k.decision === 'apply' && k.state !== 'pending' && k.state !== 'unchanged')
    .filter((k) => !input.keyspaces?.length || input.keyspaces.includes(k.name))
    .sort((a, b) => (b.order ?? -1) - (a.order ?? -1));
  for (const w of input.keyspaces ?? []) {
    if (!deploy.keyspaces.some((k) => k.name === w)) rec.refusals.push({ keyspace: w, kind: 'unknown-keyspace', message: `--keyspace ${w}: the record has no such keyspace` });
  }
  rec.keyspaces = wrote.map((k): KeyspaceRecord => ({ ...structuredClone(k), state: 'pending', order: null, drift: [], reason: '' }));
  rec.order = rec.keyspaces.map((k) => k.name);
  rec.order.forEach((n, i) => (rec.keyspaces[i]!.order = i));

  // Pre-flight: reachable, and the CAS per keyspace (nothing written).
  const written = (k: KeyspaceRecord): string[] => [k.hashes.head, ...(k.hashes.after ? [k.hashes.after] : [])];
  try {
    rec.cells = await call('GetCellInfoNames', null, () => client.getCellInfoNames());
    for (const k of rec.keyspaces) {
      const live = hashLive(k.name, await call('GetVSchema', k.name, () => client.getVSchema(k.name))).hash;
      const target = restoredHash(k);
      if (live === target || (k.snapshot_absent && live === k.hashes.live)) {
        k.decision = 'skip';
        k.reason = 'live already equals the snapshot';
      } else if (written(k).includes(live)) {
        k.decision = 'apply';
        k.reason = `live is what ${deploy.deploy_id} wrote; restore the snapshot`;
      } else {
        k.decision = 'refused';
        k.reason = `live (${live.slice(0, 12)}) is not what ${deploy.deploy_id} wrote (${written(k).map((h) => h.slice(0, 12)).join(' or ')}): changed since`;
        rec.refusals.push({ keyspace: k.name, kind: 'rollback-cas', message: `${k.name}: ${k.reason}; not overwriting it` });
      }
    }
  } catch (e) {
    if (!(e instanceof VtctldError)) throw e;
    await move('error', `vtctld: ${e.message}`);
    for (const k of rec.keyspaces) k.state = 'unchanged';
    return finish('error', `cannot talk to vtctld at ${input.vtctld}: ${e.message}; nothing was written`);
  }
  const todo = rec.keyspaces.filter((k) => k.decision === 'apply');
  for (const k of rec.keyspaces) if (k.decision !== 'apply') k.state = 'unchanged';
  if (todo.length === 0 && rec.refusals.length) {
    await move('refuse', rec.refusals.map((r) => r.message).join('; '));
    return finish('refused', `nothing restored: ${rec.refusals.map((r) => r.message).join('; ')}`);
  }
  if (input.dryRun) {
    for (const k of todo) k.state = 'unchanged';
    await move('dry_run', `dry run: would restore ${todo.map((k) => k.name).join(', ') || 'nothing'}`);
    const refused = rec.refusals.length ? ` (refused: ${rec.refusals.map((r) => r.keyspace).join(', ')})` : '';
    return finish(rec.refusals.length ? 'refused' : 'planned', `would restore ${todo.map((k) => k.name).join(' → ') || 'nothing'}${refused}; nothing was written`);
  }
  if (todo.length === 0) {
    await move('rollback', 'nothing to restore');
    await move('rollback_ok', 'every keyspace already equals its snapshot');
    return finish('nothing-to-do', 'nothing to restore: every keyspace already equals its snapshot');
  }

  await move('rollback', `restoring ${todo.map((k) => k.name).join(' → ')}`);
  const problems: string[] = [];
  for (const k of todo) {
    const res = await restoreKeyspace(client, call, k, written(k));
    input.log(res.message);
    k.state = res.ok ? 'rolled_back' : res.attempted ? 'failed' : 'unchanged';
    if (!res.ok) problems.push(res.message);
    await save();
  }
  if (problems.length) {
    await move('rollback_failed', problems.join('; '));
    return finish('error', `rollback incomplete: ${problems.join('; ')}. Keyspace states: ${rec.keyspaces.map((k) => `${k.name}: ${k.state}`).join(', ')}`);
  }
  await move('rollback_ok', `restored ${todo.map((k) => k.name).join(', ')}`);
  if (rec.refusals.length) return finish('refused', `restored ${todo.map((k) => k.name).join(', ')}; refused: ${rec.refusals.map((r) => r.message).join('; ')}`);
  return finish('restored', `restored ${todo.map((k) => k.name).join(' → ')} to their snapshots before ${deploy.deploy_id}`);
}
