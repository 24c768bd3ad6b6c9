/**
 * Hashing for compare-and-swap, like with like: a live VSchema (from GetVSchema, proto field names)
 * goes through the same loader as the files in Git (`loadClusters` → model → `canonicalKeyspace` →
 * `keyspaceSha256`), so a live keyspace and a file that mean the same VSchema have the same hash
 * (spec vitess-deploy.md §3.5). A keyspace with no VSchema node hashes to the sentinel `absent`.
 */
import { canonicalKeyspace, keyspaceSha256 } from '../vschema/canonical.js';
import { loadClusters } from '../vschema/load.js';
import type { KeyspaceDef } from '../vschema/model.js';
import type { LiveVSchema, VSchemaJson } from '../vtctld/client.js';

/** Hash of "no VSchema node" (GetVSchema NoNode): distinct from the hash of an empty VSchema. */
export const ABSENT = 'absent';

/** Hash of the empty VSchema `{}`: what `CreateKeyspace` writes. */
export const EMPTY_HASH = hashVSchemaJson('empty', {}).hash;

/** A keyspace VSchema value loaded for comparison. */
export interface HashedVSchema {
  /** Canonical SHA-256, or `absent`. */
  hash: string;
  /** The model (null when absent). */
  def: KeyspaceDef | null;
  /** Loader errors (a shape our model rejects), as `pointer: message`. */
  problems: string[];
}

/** Loads a keyspace VSchema JSON value (proto or lowerCamel names) and hashes it like a file. */
export function hashVSchemaJson(keyspace: string, vschema: VSchemaJson): HashedVSchema {
  const loaded = loadClusters([{ path: `vtctld:${keyspace}`, text: JSON.stringify(vschema) }], { keyspaceNameFor: () => keyspace });
  const def = loaded.clusters[0]?.keyspaces.get(keyspace) ?? null;
  const problems = loaded.findings.filter((f) => f.severity === 'error').map((f) => `${f.pointer || '/'}: ${f.message}`);
  if (!def) return { hash: 'none', def: null, problems: problems.length ? problems : ['not a keyspace VSchema'] };
  return { hash: keyspaceSha256(def), def, problems };
}

/** Hashes what GetVSchema returned (null = no VSchema node). */
export function hashLive(keyspace: string, live: LiveVSchema | null): HashedVSchema {
  if (!live) return { hash: ABSENT, def: null, problems: [] };
  return hashVSchemaJson(keyspace, live.vschema);
}

/** The object sent to ApplyVSchema for a keyspace: its canonical JSON, so what is hashed is what is written. */
export function applyPayload(def: KeyspaceDef): VSchemaJson {
  return canonicalKeyspace(def) as VSchemaJson;
}

/**
 * True when a live hash counts as "base" for a keyspace whose base side has no VSchema (new in Git):
 * the topo then holds no node, or the empty VSchema CreateKeyspace wrote.
 */
export function matchesBase(baseHash: string, liveHash: string): boolean {
  if (baseHash === ABSENT) return liveHash === ABSENT || liveHash === EMPTY_HASH;
  return liveHash === baseHash;
}
