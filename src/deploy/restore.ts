/**
 * Restoring one keyspace to its snapshot (the live VSchema recorded before a deploy's first write),
 * with the same compare-and-swap as the deploy: only when live is still what that deploy wrote.
 * Used by the deploy's own rollback after a failure and by `vschema-guard rollback`.
 */
import { type VtctldClient, VtctldError } from '../vtctld/client.js';
import { EMPTY_HASH, hashLive } from './live-hash.js';
import type { KeyspaceRecord } from './record.js';
import type { CallRpc } from './rpc-policy.js';

/** Result for one keyspace; `state` is written into the keyspace record by the caller. */
export interface RestoreResult {
  ok: boolean;
  /** True when nothing was written because live already equals the snapshot. */
  already: boolean;
  /** True when live was not what the deploy wrote (a CAS refusal: nothing written). */
  refused: boolean;
  /** True when an ApplyVSchema was sent (so the content may have changed even if it failed). */
  attempted: boolean;
  message: string;
}

/** The hash a restored keyspace must have: the snapshot's, or the empty VSchema's when there was no node. */
export function restoredHash(r: KeyspaceRecord): string {
  return r.snapshot_absent ? EMPTY_HASH : r.hashes.live;
}

/**
 * Restores `r` when live is one of `written` (the hashes the deploy may have left: head, or what a
 * failed write left). Re-reads before and after the write; never throws a VtctldError (a failed RPC
 * is a failed result), rethrows anything else.
 */
export async function restoreKeyspace(client: VtctldClient, call: CallRpc, r: KeyspaceRecord, written: readonly string[]): Promise<RestoreResult> {
  const ks = r.name;
  const target = restoredHash(r);
  let attempted = false;
  try {
    const live = hashLive(ks, await call('GetVSchema', ks, () => client.getVSchema(ks))).hash;
    if (live === target || (r.snapshot_absent && live === r.hashes.live)) {
      return { ok: true, already: true, refused: false, attempted: false, message: `${ks}: live already equals the snapshot` };
    }
    if (!written.includes(live)) {
      return {
        ok: false, already: false, refused: true, attempted: false,
        message: `${ks}: live VSchema (${live.slice(0, 12)}) is not what this deploy wrote (${written.map((h) => h.slice(0, 12)).join(' or ')}): it was changed since; not overwriting it`,
      };
    }
    if (!r.snapshot_absent && !r.snapshot) {
      return { ok: false, already: false, refused: true, attempted: false, message: `${ks}: the record holds no snapshot to restore` };
    }
    const payload = r.snapshot_absent ? {} : r.snapshot!;
    attempted = true;
    await call('ApplyVSchema', ks, () => client.applyVSchema({ keyspace: ks, vschema: payload, strict: false }));
    const after = hashLive(ks, await call('GetVSchema', ks, () => client.getVSchema(ks))).hash;
    r.hashes.after = after;
    if (after !== target) return { ok: false, already: false, refused: false, attempted, message: `${ks}: after restoring, live is ${after.slice(0, 12)}, expected ${target.slice(0, 12)}` };
    const note = r.snapshot_absent ? ' (it had no VSchema node before; an empty VSchema was applied, which vtgate treats alike)' : '';
    return { ok: true, already: false, refused: false, attempted, message: `${ks}: restored to ${target.slice(0, 12)}${note}` };
  } catch (e) {
    if (!(e instanceof VtctldError)) throw e;
    return { ok: false, already: false, refused: false, attempted, message: `${ks}: ${(e as Error).message}` };
  }
}
