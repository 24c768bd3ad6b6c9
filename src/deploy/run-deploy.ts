/**
 * `vschema-guard deploy`: carries the head VSchemas of the changed keyspaces to a live cluster through
 * a `VtctldClient`, as the state machine of src/deploy/state-machine.ts:
 *
 * 1. **preflight** (nothing written): head's error findings refuse; breaking changes that need a
 *    workflow (MoveTables/Reshard: the deploy plan's `workflow` steps) refuse unless live already equals
 *    head; vtctld reachable (GetCellInfoNames, non-empty); every keyspace exists (GetKeyspaces); each
 *    live VSchema read (GetVSchema), hashed and snapshotted, and the CAS decision made (src/deploy/cas.ts);
 *    each keyspace to apply is validated by vtctld itself (ApplyVSchema `dry_run` + `strict`: its
 *    rejection text, verbatim, refuses the deploy before any write).
 * 2. **ddl** (optional, injected `DdlPhase`): Online DDL before any VSchema write.
 * 3. **applying**, in dependency order (src/deploy/order.ts): re-read (still the snapshot?), ApplyVSchema
 *    with `strict`, hash of the re-read VSchema in the response == head; any failure stops the writes.
 * 4. **verifying**: GetVSchema == head per keyspace; every cell's SrvVSchema shows it (polled to a
 *    deadline); optionally each vtgate's `/debug/vschema`.
 * 5. on a failure after a write: **rolling_back** every written keyspace, in reverse order, to its
 *    snapshot (src/deploy/restore.ts), verified.
 *
 * The record is handed to `writeRecord` after every transition and every write. Pure over its inputs:
 * the client, the clock, sleep, fetch and the record writer all come in as parameters.
 */
import type { Finding } from '../core/finding.js';
import { deployPlan } from '../diff/deploy-plan.js';
import { vschemaChanges } from '../diff/vschema-changes.js';
import { keyspaceSha256 } from '../vschema/canonical.js';
import type { Cluster, KeyspaceDef } from '../vschema/model.js';
import { type VtctldClient, VtctldError } from '../vtctld/client.js';
import { decide, describeDifferences } from './cas.js';
import type { DdlPhase } from './ddl-hook.js';
import { applyPayload, hashLive } from './live-hash.js';
import { applyOrder, keyspaceDependencies } from './order.js';
import {
  type DeployRecord, type KeyspaceRecord, type RecordRefusal, type RunResult, newKeyspaceRecord, newRecord, recordKeeper,
} from './record.js';
import { restoreKeyspace } from './restore.js';
import { type CallRpc, type RetryOptions, isRetriable, makeRpcPolicy } from './rpc-policy.js';
import { compareVtgateVSchema, srvHashes, srvMismatches } from './verify.js';

/** Everything a deploy needs; I/O comes in as functions. */
export interface DeployInput {
  /** Repository + commit (see README: "The deploy id"). */
  deployId: string;
  version: string;
  /** vtctld address for the record (never credentials). */
  vtctld: string;
  base: { source: string; cluster: Cluster };
  /** `findings`: every finding of `check` on head (and of reading it); errors refuse the deploy. */
  head: { source: string; cluster: Cluster; findings: readonly Finding[] };
  /** `--keyspace`: only these (empty/undefined = every keyspace of head). */
  keyspaces?: readonly string[];
  dryRun: boolean;
  allowDrift: boolean;
  client: VtctldClient;
  /** Epoch milliseconds. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  ddlPhase?: DdlPhase | null;
  /** `--vtgate-http` base URLs; each one's `/debug/vschema` is checked. */
  vtgates?: readonly string[];
  /** GETs a URL and parses its JSON (throws on HTTP or network errors). Needed when `vtgates` is set. */
  fetchJson?: (url: string) => Promise<unknown>;
  /** The git commit (and subject) whose version of the keyspace's file has this hash, if any. */
  liveMatches?: (keyspace: string, hash: string) => Promise<string | null>;
  /** Persists the record (called after every transition and write). */
  writeRecord?: (record: DeployRecord) => void | Promise<void>;
  retry?: Partial<RetryOptions>;
  /** How long verification polls SrvVSchemas and vtgates (default 30 s). */
  verifyTimeoutMs?: number;
  /** Pause between polls (default 500 ms). */
  pollIntervalMs?: number;
}

/** The record and the CLI exit code. */
export type DeployResult = RunResult;

const short = (h: string | null): string => (h && /^[0-9a-f]{64}$/.test(h) ? h.slice(0, 12) : String(h));

/** Runs a deploy. Throws only on bugs of ours; every vtctld failure ends in the record. */
export async function runDeploy(input: DeployInput): Promise<DeployResult> {
  const { client, now } = input;
  const rec = newRecord({
    kind: 'deploy', deployId: input.deployId, version: input.version, vtctld: input.vtctld,
    base: input.base.source, head: input.head.source, dryRun: input.dryRun, allowDrift: input.allowDrift, now: now(),
  });
  const { save, move, finish } = recordKeeper(rec, { now, log: input.log, writeRecord: input.writeRecord });
  const policyDeps = { now, sleep: input.sleep, log: input.log, onStep: (s: DeployRecord['steps'][number]) => rec.steps.push(s) };
  const call = makeRpcPolicy(policyDeps, input.retry);
  const head = input.head.cluster;
  const base = input.base.cluster;

  await move('start', `deploy ${input.deployId} to ${input.vtctld}${input.dryRun ? ' (dry run)' : ''}`);

  // --- preflight: nothing is written ---------------------------------------------------------
  const refusals = rec.refusals;
  for (const f of input.head.findings) {
    if (f.severity !== 'error') continue;
    refusals.push({ keyspace: f.keyspace ?? null, kind: 'finding', message: `${f.file}:${f.line}:${f.column}: ${f.rule}: ${f.message}` });
  }
  const selected = selectKeyspaces(head, input.keyspaces, refusals);
  for (const name of base.keyspaces.keys()) {
    if (!head.keyspaces.has(name)) rec.notes.push(`keyspace ${name} is in base but not in head: a deploy never deletes a keyspace or its VSchema`);
  }
  for (const name of selected) rec.keyspaces.push(newKeyspaceRecord(name));
  const byName = new Map(rec.keyspaces.map((k) => [k.name, k]));

  try {
    rec.cells = await call('GetCellInfoNames', null, () => client.getCellInfoNames());
    if (rec.cells.length === 0) refusals.push({ keyspace: null, kind: 'no-cells', message: 'vtctld knows no cells (GetCellInfoNames is empty): add one with vtctldclient AddCellInfo' });
    const inTopo = new Set(await call('GetKeyspaces', null, () => client.getKeyspaces()));
    for (const r of rec.keyspaces) {
      const headDef = head.keyspaces.get(r.name)!;
      const baseDef = base.keyspaces.get(r.name) ?? null;
      r.hashes.head = hashOf(headDef);
      r.hashes.base = baseDef ? hashOf(baseDef) : 'absent';
      if (!inTopo.has(r.name)) {
        r.decision = 'refused';
        r.reason = 'keyspace does not exist in the topo';
        refusals.push({ keyspace: r.name, kind: 'missing-keyspace', message: `keyspace ${r.name} does not exist in the topo`, command: `vtctldclient CreateKeyspace ${r.name} (and its shards with CreateShard), then deploy again` });
        continue;
      }
      const live = await call('GetVSchema', r.name, () => client.getVSchema(r.name));
      const hashed = hashLive(r.name, live);
      r.hashes.live = hashed.hash;
      r.snapshot = live ? live.vschema : null;
      r.snapshot_absent = live === null;
      r.unknown_fields = live?.unknownFields ?? [];
      const d = decide({ baseHash: r.hashes.base, headHash: r.hashes.head, liveHash: hashed.hash, unknownFields: r.unknown_fields, liveProblems: hashed.problems, allowDrift: input.allowDrift });
      r.decision = d.decision;
      r.reason = d.reason;
      if (d.drifted) {
        r.drift = describeDifferences(baseDef, hashed.def);
        r.live_matches = (await input.liveMatches?.(r.name, hashed.hash)) ?? null;
      }
      if (d.decision === 'drift') {
        const matches = r.live_matches ? ` Live matches ${r.live_matches}.` : '';
        refusals.push({ keyspace: r.name, kind: 'drift', message: `${r.name}: ${d.reason}.${matches} Differences from base:\n${r.drift.map((l) => '    ' + l).join('\n')}`, command: 'bring Git in line with live (or live with base), or deploy with --allow-drift' });
      } else if (d.decision === 'refused') {
        refusals.push({ keyspace: r.name, kind: r.unknown_fields.length ? 'unknown-fields' : 'live-unreadable', message: `${r.name}: ${d.reason}` });
      }
    }
  } catch (e) {
    if (!(e instanceof VtctldError)) throw e;
    await move('error', `vtctld: ${e.message}`);
    for (const r of rec.keyspaces) r.state = 'unchanged';
    return finish('error', `cannot talk to vtctld at ${input.vtctld}: ${e.message}; nothing was written`);
  }

  // vtctld's own validation, nothing written: ApplyVSchema with dry_run runs BuildKeyspace and the
  // strict unknown-vindex-params check before it returns (v24 go/vt/vtctl/grpcvtctldserver/server.go
  // ApplyVSchema: BuildKeyspace, then `if req.Strict …`, then `if req.DryRun { return }`).
  try {
    for (const r of rec.keyspaces) {
      if (r.decision !== 'apply') continue;
      try {
        await call('ApplyVSchema(dry_run)', r.name, () => client.applyVSchema({ keyspace: r.name, vschema: applyPayload(head.keyspaces.get(r.name)!), dryRun: true, strict: true }));
      } catch (e) {
        if (!(e instanceof VtctldError) || isRetriable(e)) throw e;
        r.decision = 'refused';
        r.reason = `vtctld rejects the head VSchema: ${e.details}`;
        refusals.push({ keyspace: r.name, kind: 'rejected', message: `${r.name}: vtctld rejects the head VSchema (ApplyVSchema dry run): ${e.details}` });
      }
    }
  } catch (e) {
    if (!(e instanceof VtctldError)) throw e;
    await move('error', `vtctld: ${e.message}`);
    for (const r of rec.keyspaces) r.state = 'unchanged';
    return finish('error', `cannot talk to vtctld at ${input.vtctld}: ${e.message}; nothing was written`);
  }

  // Breaking changes that need a workflow, unless it already ran (live == head).
  const plan = deployPlan(vschemaChanges(base, head, { tables: new Map(), vindexes: new Map() }, null), base, head);
  for (const step of plan) {
    if (step.kind !== 'workflow' || !step.keyspace) continue;
    const r = byName.get(step.keyspace);
    if (!r || r.decision === 'skip') continue;
    refusals.push({ keyspace: step.keyspace, kind: 'breaking', message: `${step.keyspace}: ${step.why}: this needs a data workflow, which vschema-guard never runs; run it, then deploy again (it skips keyspaces already at head)`, command: step.command });
  }

  const toApply = rec.keyspaces.filter((r) => r.decision === 'apply').map((r) => r.name);
  rec.order = applyOrder(head, toApply);
  rec.order.forEach((name, i) => (byName.get(name)!.order = i));
  noteOutsideDependencies(rec, head, base, selected);

  if (refusals.length) {
    for (const r of rec.keyspaces) r.state = 'unchanged';
    await move('refuse', `${refusals.length} refusal${refusals.length > 1 ? 's' : ''}: ${[...new Set(refusals.map((r) => r.kind))].join(', ')}`);
    const what = [...new Set(refusals.map((r) => (r.keyspace ? `${r.kind} in ${r.keyspace}` : r.kind)))].join(', ');
    return finish('refused', `refused before any write: ${what}`);
  }

  // --- ddl (optional) -------------------------------------------------------------------------
  if (input.ddlPhase) {
    await move('run_ddl', 'Online DDL phase');
    try {
      rec.ddl = await input.ddlPhase({ client, deployId: input.deployId, now, sleep: input.sleep, log: input.log, dryRun: input.dryRun });
    } catch (e) {
      if (!(e instanceof VtctldError)) throw e;
      await move('error', `Online DDL phase: ${e.message}`);
      for (const r of rec.keyspaces) r.state = 'unchanged';
      return finish('error', `Online DDL phase: ${e.message}; no VSchema was written`);
    }
    if (!rec.ddl.ok) {
      await move('ddl_failed', rec.ddl.message);
      for (const r of rec.keyspaces) r.state = 'unchanged';
      return finish('failed', `Online DDL phase failed: ${rec.ddl.message}; no VSchema was written`);
    }
    if (!input.dryRun) await move('ddl_ok', rec.ddl.message);
  }
  if (input.dryRun) {
    for (const r of rec.keyspaces) r.state = 'unchanged';
    await move('dry_run', `dry run: would apply ${rec.order.length ? rec.order.join(', ') : 'nothing'}`);
    return finish('planned', rec.order.length ? `would apply ${rec.order.join(' → ')}; nothing was written` : 'nothing to apply: every keyspace already equals head');
  }

  // --- applying -------------------------------------------------------------------------------
  if (!input.ddlPhase) await move('apply', rec.order.length ? `applying ${rec.order.join(' → ')}` : 'nothing to apply');
  for (const r of rec.keyspaces) if (r.decision !== 'apply') r.state = 'unchanged';
  let failure: string | null = null;
  for (const name of rec.order) {
    failure = await applyOne(client, call, byName.get(name)!, head.keyspaces.get(name)!, refusals);
    await save();
    if (failure) break;
  }
  if (failure) return rollBack(failure, 'apply_failed');
  await move('applied', rec.order.length ? `applied ${rec.order.join(', ')}` : 'nothing to apply');

  // --- verifying ------------------------------------------------------------------------------
  const verifyFailure = await verify();
  if (verifyFailure) return rollBack(verifyFailure, 'verify_failed');
  for (const name of rec.order) byName.get(name)!.state = 'verified';
  await move('verified', 'GetVSchema, SrvVSchema in every cell' + (input.vtgates?.length ? ' and vtgates' : '') + ' show head');
  return finish(rec.order.length ? 'deployed' : 'nothing-to-do', rec.order.length ? `deployed ${rec.order.join(' → ')}` : 'nothing to do: every keyspace already equals head');

  async function verify(): Promise<string | null> {
    const expected = new Map(rec.keyspaces.filter((r) => r.decision === 'apply' || r.decision === 'skip').map((r) => [r.name, r.hashes.head]));
    try {
      for (const name of rec.order) {
        const h = hashLive(name, await call('GetVSchema', name, () => client.getVSchema(name))).hash;
        if (h !== byName.get(name)!.hashes.head) return `verify: keyspace ${name} is ${short(h)} after the deploy, expected ${short(byName.get(name)!.hashes.head)}: changed by someone else meanwhile`;
      }
      const deadline = now() + (input.verifyTimeoutMs ?? 30_000);
      for (;;) {
        const seen = srvHashes(await call('GetSrvVSchemas', null, () => client.getSrvVSchemas(rec.cells)), expected);
        rec.verification.cells = seen;
        const mismatches = srvMismatches(seen, rec.cells, expected);
        if (!mismatches.length) break;
        if (now() >= deadline) {
          return `verify: SrvVSchema does not show head after ${Math.round((input.verifyTimeoutMs ?? 30_000) / 1000)} s: ${mismatches.join('; ')} ` +
            "(a cell's topo unreachable? `vtctldclient RebuildVSchemaGraph` republishes every keyspace's VSchema to the cells)";
        }
        await input.sleep(input.pollIntervalMs ?? 500);
      }
    } catch (e) {
      if (!(e instanceof VtctldError)) throw e;
      return `verify: ${e.message}`;
    }
    const defs = [...expected.keys()].map((n) => head.keyspaces.get(n)!);
    for (const url of input.vtgates ?? []) {
      const deadline = now() + (input.verifyTimeoutMs ?? 30_000);
      const target = url.replace(/\/+$/, '') + '/debug/vschema';
      let problems: string[] = [];
      for (;;) {
        try {
          if (!input.fetchJson) throw new Error('no HTTP client given');
          problems = compareVtgateVSchema(await input.fetchJson(target), defs);
        } catch (e) {
          problems = [`GET ${target}: ${(e as Error).message}`];
        }
        if (!problems.length || now() >= deadline) break;
        await input.sleep(input.pollIntervalMs ?? 500);
      }
      rec.verification.vtgates.push({ url: target, ok: !problems.length, message: problems.length ? problems.join('; ') : 'keyspaces, vindexes and tables loaded without error' });
      if (problems.length) return `verify: vtgate ${target}: ${problems.join('; ')}`;
    }
    return null;
  }

  async function rollBack(reason: string, event: 'apply_failed' | 'verify_failed'): Promise<DeployResult> {
    await move(event, reason);
    const written = rec.order.map((n) => byName.get(n)!).filter((r) => r.state === 'applied' || r.state === 'failed' || r.state === 'verified').reverse();
    const rollbackCall = makeRpcPolicy(policyDeps, input.retry); // a fresh budget and breaker
    const problems: string[] = [];
    const restored: string[] = [];
    for (const r of written) {
      const res = await restoreKeyspace(client, rollbackCall, r, [r.hashes.head, ...(r.hashes.after ? [r.hashes.after] : [])]);
      input.log(res.message);
      if (res.ok) {
        r.state = 'rolled_back';
        restored.push(r.name);
      } else {
        if (res.attempted) r.state = 'failed'; // else untouched: still what the deploy left (applied / failed)
        problems.push(res.message);
      }
      await save();
    }
    if (problems.length) {
      await move('rollback_failed', problems.join('; '));
      const states = rec.keyspaces.map((r) => `${r.name}: ${r.state}`).join(', ');
      return finish('error', `${reason}. ROLLBACK INCOMPLETE: ${problems.join('; ')}. Keyspace states: ${states}`);
    }
    await move('rollback_ok', restored.length ? `restored ${restored.join(', ')}` : 'nothing had been written');
    return finish('rolled-back', `${reason}; ${restored.length ? `rolled back ${restored.join(', ')} to their snapshots` : 'nothing had been written'}`);
  }
}

/** Applies one keyspace; returns a failure sentence or null. Sets the keyspace's state and hashes. */
async function applyOne(client: VtctldClient, call: CallRpc, r: KeyspaceRecord, def: KeyspaceDef, refusals: RecordRefusal[]): Promise<string | null> {
  const ks = r.name;
  try {
    // Re-read right before the write: the CAS window is this read → write (Vitess has no conditional write).
    const now = hashLive(ks, await call('GetVSchema', ks, () => client.getVSchema(ks))).hash;
    if (now !== r.hashes.live) {
      r.state = 'unchanged';
      refusals.push({ keyspace: ks, kind: 'concurrent-change', message: `${ks} changed between pre-flight (${short(r.hashes.live)}) and the write (${short(now)})` });
      return `keyspace ${ks} changed between pre-flight and the write (another deploy or a hand edit); not writing it`;
    }
    const res = await call('ApplyVSchema', ks, () => client.applyVSchema({ keyspace: ks, vschema: applyPayload(def), strict: true }));
    r.unknown_vindex_params = res.unknownVindexParams;
    r.hashes.after = hashLive(ks, res.vschema).hash;
    const unknown = Object.entries(res.unknownVindexParams).filter(([, p]) => p.length);
    if (unknown.length) {
      r.state = 'applied';
      return `ApplyVSchema ${ks}: unknown vindex params: ${unknown.map(([v, p]) => `${v}: ${p.join(', ')}`).join('; ')}`;
    }
    if (r.hashes.after !== r.hashes.head) {
      r.state = 'failed';
      return `ApplyVSchema ${ks}: vtctld stored ${short(r.hashes.after)}, not head ${short(r.hashes.head)}`;
    }
    r.state = 'applied';
    return null;
  } catch (e) {
    if (!(e instanceof VtctldError)) throw e;
    // ApplyVSchema may have saved and then failed to rebuild (spec §3.1 step 10): learn what is there.
    try {
      r.hashes.after = hashLive(ks, await call('GetVSchema', ks, () => client.getVSchema(ks))).hash;
    } catch {
      r.hashes.after = null;
    }
    r.state = r.hashes.after === r.hashes.live ? 'unchanged' : 'failed';
    return `${e.rpc} ${ks}: ${e.code}: ${e.details}`;
  }
}

/** The canonical hash of a file's keyspace (the deploy plan's `sha256`). */
const hashOf = (def: KeyspaceDef): string => keyspaceSha256(def);

/** `--keyspace` filtering; unknown names and an empty selection are refusals. */
function selectKeyspaces(head: Cluster, wanted: readonly string[] | undefined, refusals: RecordRefusal[]): string[] {
  const all = [...head.keyspaces.keys()].sort();
  if (all.length === 0) refusals.push({ keyspace: null, kind: 'no-input', message: 'head holds no keyspace VSchema: nothing to deploy (check --head)' });
  if (!wanted?.length) return all;
  for (const w of wanted) if (!head.keyspaces.has(w)) refusals.push({ keyspace: w, kind: 'unknown-keyspace', message: `--keyspace ${w}: head has no such keyspace (it has ${all.join(', ') || 'none'})` });
  return all.filter((n) => wanted.includes(n));
}

/** Notes keyspaces a deployed one depends on that change in Git but are not part of this deploy. */
function noteOutsideDependencies(rec: DeployRecord, head: Cluster, base: Cluster, selected: readonly string[]): void {
  const deps = keyspaceDependencies(head);
  for (const name of rec.order) {
    for (const d of deps.get(name) ?? []) {
      const b = base.keyspaces.get(d);
      const h = head.keyspaces.get(d);
      if (!selected.includes(d) && h && (!b || hashOf(b) !== hashOf(h))) rec.notes.push(`${name} references ${d}, which also changes but is not in this deploy (--keyspace)`);
    }
  }
}
