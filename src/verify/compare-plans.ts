/**
 * `verify`: a simulated plan next to the plan a live vtgate describes for the same statement. Pure.
 * A divergence is `rejected` (vtgate refuses a statement the simulation planned), `worse` (vtgate's
 * plan reaches more shards: scatter > multi > single), `better` (fewer), or `different` (same fanout,
 * other routes). Equal route multisets (variant@keyspace, as the conformance scorer counts them) agree.
 */
import { fanoutOf, type Fanout, type StatementPlan } from '../simulate/simulate.js';
import type { OutRoute } from '../simulate/types.js';
import type { PlanRoute } from './vtgate-plan.js';

/** What vtgate answered for one statement: its route nodes, or its error. */
export type VtgateAnswer = { routes: PlanRoute[]; error: null } | { routes: null; error: string };

/** How a statement compares. */
export type Verdict = 'same' | 'rejected' | 'worse' | 'better' | 'different' | 'both-rejected' | 'simulation-error';

/** One statement verified. */
export interface Verified {
  verdict: Verdict;
  simulated: { routes: string[]; fanout: Fanout | null; error: string | null };
  vtgate: { routes: string[]; fanout: Fanout | null; error: string | null };
}

const RANK: Record<Fanout, number> = { single: 0, multi: 1, scatter: 2 };
const key = (r: { variant: string; keyspace: string }): string => `${r.variant}@${r.keyspace}`;
const sorted = (xs: string[]): string => [...xs].sort().join(' ');

/** Compares the simulation of a statement with vtgate's answer. */
export function comparePlans(sim: StatementPlan, vt: VtgateAnswer): Verified {
  const simulated = { routes: sim.routes.map((r) => `${r.operator}:${key(r)}`), fanout: sim.error ? null : sim.fanout, error: sim.error };
  if (vt.error !== null) {
    const vtgate = { routes: [], fanout: null, error: vt.error };
    return { verdict: sim.error ? 'both-rejected' : 'rejected', simulated, vtgate };
  }
  const asOut = vt.routes.map((r) => ({ operator: r.operator, variant: r.variant, keyspace: r.keyspace, vindex: null, values: [] }) as unknown as OutRoute);
  // vtgate's lookup reads carry no values here: only a Scatter read changes the fanout.
  const vtFanout = fanoutOf(markLookups(asOut).map((r) => (r.role === 'lookup' && r.variant !== 'Scatter' ? { ...r, role: undefined, variant: 'Unsharded' as const } : r)));
  const vtgate = { routes: vt.routes.map((r) => `${r.operator}:${key(r)}`), fanout: vtFanout, error: null };
  if (sim.error) return { verdict: 'simulation-error', simulated, vtgate };
  if (sorted(sim.routes.map(key)) === sorted(vt.routes.map(key))) return { verdict: 'same', simulated, vtgate };
  const d = RANK[vtFanout] - RANK[sim.fanout];
  return { verdict: d > 0 ? 'worse' : d < 0 ? 'better' : 'different', simulated, vtgate };
}

/** Marks the inputs of each VindexLookup (lookup read, destination) so their fanout counts like ours. */
function markLookups(routes: OutRoute[]): OutRoute[] {
  return routes.map((r, i) => {
    if (routes[i - 1]?.operator === 'VindexLookup') return { ...r, role: 'lookup' };
    if (routes[i - 2]?.operator === 'VindexLookup' && r.variant === 'ByDestination') return { ...r, role: 'destination' };
    return r;
  });
}

/** True when the verdict fails `verify` (exit 1): vtgate rejects the statement or routes it worse. */
export function failsVerify(v: Verdict): boolean {
  return v === 'rejected' || v === 'worse';
}
