/**
 * Verification after the writes: the SrvVSchema of every cell carries the head VSchema of every
 * deployed keyspace (polled with a deadline on the injected clock: ApplyVSchema rebuilds the
 * SrvVSchemas, go/vt/topo/srv_vschema.go `RebuildSrvVSchema`, but a cell may lag or fail), and
 * optionally each vtgate's `/debug/vschema` shows the keyspaces loaded without error.
 *
 * vtgate's `/debug/vschema` is its *built* VSchema (go/vt/vtgate/executor.go `ServeHTTP` →
 * `vindexes.VSchema` JSON: per keyspace `sharded`, `tables` as built Table objects, `vindexes` as
 * built vindex objects, and `error` when BuildKeyspace failed), not the proto JSON, so no hash can be
 * compared. What can be compared, and is: the keyspace is present, has no `error`, `sharded` agrees,
 * the vindex names equal head's, and every table of head is present (schema tracking may add more).
 */
import type { KeyspaceDef } from '../vschema/model.js';
import type { LiveVSchema } from '../vtctld/client.js';
import { hashLive } from './live-hash.js';

/** cell → keyspace → hash seen (`missing` when the cell's SrvVSchema lacks the keyspace or the cell has none). */
export type CellHashes = Record<string, Record<string, string>>;

/** Hashes the keyspaces `expected` names in each cell's SrvVSchema. */
export function srvHashes(srv: Record<string, Record<string, LiveVSchema> | null>, expected: ReadonlyMap<string, string>): CellHashes {
  const out: CellHashes = {};
  for (const [cell, keyspaces] of Object.entries(srv)) {
    out[cell] = {};
    for (const ks of expected.keys()) {
      const live = keyspaces?.[ks];
      out[cell]![ks] = live ? hashLive(ks, live).hash : 'missing';
    }
  }
  return out;
}

/** Mismatches of `seen` against `expected` (keyspace → hash) over `cells`, one sentence each. */
export function srvMismatches(seen: CellHashes, cells: readonly string[], expected: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const cell of cells) {
    const got = seen[cell];
    if (!got) {
      out.push(`cell ${cell}: no SrvVSchema`);
      continue;
    }
    for (const [ks, hash] of expected) {
      if (got[ks] !== hash) out.push(`cell ${cell}: keyspace ${ks} is ${short(got[ks] ?? 'missing')}, expected ${short(hash)}`);
    }
  }
  return out;
}

const short = (h: string): string => (/^[0-9a-f]{64}$/.test(h) ? h.slice(0, 12) : h);

/** Compares a vtgate's `/debug/vschema` JSON with the head keyspaces; returns the problems (empty = ok). */
export function compareVtgateVSchema(body: unknown, head: readonly KeyspaceDef[]): string[] {
  const problems: string[] = [];
  const kss = (body as { keyspaces?: Record<string, unknown> } | null)?.keyspaces;
  if (!kss || typeof kss !== 'object') return ['the response has no "keyspaces" object (is this vtgate\'s /debug/vschema?)'];
  for (const def of head) {
    const ks = kss[def.name] as { sharded?: boolean; tables?: Record<string, unknown>; vindexes?: Record<string, unknown>; error?: string } | undefined;
    if (!ks) {
      problems.push(`keyspace ${def.name} is not loaded`);
      continue;
    }
    if (ks.error) problems.push(`keyspace ${def.name} has a VSchema error in vtgate: ${ks.error}`);
    if (Boolean(ks.sharded) !== def.sharded) problems.push(`keyspace ${def.name}: sharded is ${Boolean(ks.sharded)}, head says ${def.sharded}`);
    const vindexes = Object.keys(ks.vindexes ?? {}).sort();
    const want = [...def.vindexes.keys()].sort();
    if (vindexes.join(',') !== want.join(',')) problems.push(`keyspace ${def.name}: vindexes [${vindexes.join(', ')}], head has [${want.join(', ')}]`);
    const tables = new Set(Object.keys(ks.tables ?? {}));
    const missing = [...def.tables.keys()].filter((t) => !tables.has(t));
    if (missing.length) problems.push(`keyspace ${def.name}: tables not loaded: ${missing.join(', ')}`);
  }
  return problems;
}
