/**
 * Compare-and-swap decisions per keyspace, as pure functions over hashes (src/deploy/live-hash.ts).
 *
 * Vitess has no conditional ApplyVSchema (`SaveVSchema` writes with version nil,
 * go/vt/topo/vschema.go; vitessio/vitess#6148, #17398), so the swap is guarded client side: decide on
 * the live hash, re-read right before the write, verify after it, and serialize deploys outside (a
 * workflow `concurrency:` group).
 */
import { atomizeChangeset, diff } from 'json-diff-ts';
import { canonicalKeyspace } from '../vschema/canonical.js';
import type { KeyspaceDef } from '../vschema/model.js';
import { ABSENT, matchesBase } from './live-hash.js';
import type { Decision } from './record.js';

/** What the decision looks at. */
export interface CasInput {
  baseHash: string;
  headHash: string;
  liveHash: string;
  /** Fields the live VSchema holds that our proto does not know. */
  unknownFields: readonly string[];
  /** Loader problems of the live VSchema (a shape our model rejects). */
  liveProblems: readonly string[];
  allowDrift: boolean;
}

/** The decision and one sentence why. `drifted` is true when live was neither base nor head. */
export interface CasDecision {
  decision: Decision;
  reason: string;
  drifted: boolean;
}

/**
 * live == head → `skip` (already deployed; a re-run is a no-op); live holds unknown fields → `refused`
 * (a full-object ApplyVSchema would silently delete them); live == base → `apply`; otherwise
 * `drift` (someone changed production outside Git), or `apply` with `--allow-drift`.
 */
export function decide(i: CasInput): CasDecision {
  if (i.liveHash === i.headHash) return { decision: 'skip', reason: 'live VSchema already equals head', drifted: false };
  if (i.unknownFields.length) {
    return {
      decision: 'refused', drifted: false,
      reason: `live VSchema holds fields this tool does not know (${i.unknownFields.join(', ')}); ApplyVSchema would silently delete them. Upgrade vschema-guard or apply by hand.`,
    };
  }
  if (i.liveProblems.length) {
    return { decision: 'refused', drifted: false, reason: `live VSchema could not be read as a keyspace VSchema: ${i.liveProblems.join('; ')}` };
  }
  if (matchesBase(i.baseHash, i.liveHash)) {
    return { decision: 'apply', reason: i.baseHash === ABSENT ? 'new keyspace VSchema: live is empty or absent' : 'live VSchema equals base', drifted: false };
  }
  if (i.allowDrift) return { decision: 'apply', reason: 'live VSchema differs from base (drift), applying anyway: --allow-drift', drifted: true };
  return { decision: 'drift', reason: 'live VSchema differs from base and from head: it was changed outside Git', drifted: true };
}

/** One line per difference between `from` (e.g. base) and `to` (e.g. live), paths in proto names. */
export function describeDifferences(from: KeyspaceDef | null, to: KeyspaceDef | null, limit = 50): string[] {
  const a = from ? canonicalKeyspace(from) : {};
  const b = to ? canonicalKeyspace(to) : {};
  const atoms = atomizeChangeset(diff(a, b));
  const show = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));
  const lines = atoms.map((c) => {
    const path = c.path.replace(/^\$\.?/, '') || '(keyspace)';
    if (c.type === 'ADD') return `+ ${path}: ${show(c.value)}`;
    if (c.type === 'REMOVE') return `- ${path}: ${show(c.value)}`;
    return `~ ${path}: ${show(c.oldValue)} → ${show(c.value)}`;
  });
  if (!from && !to) return [];
  if (!from) lines.unshift('(base side: no VSchema)');
  if (!to) lines.unshift('(live side: no VSchema node)');
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more`] : lines;
}
