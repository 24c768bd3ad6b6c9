/**
 * The deploy state machine as data: one transition table and one `next()`.
 *
 * ```
 * pending → preflight → (ddl →) applying → verifying → committed
 *              │          │         │           └──────────┐
 *              │          │         └→ rolling_back ←──────┘ → rolled_back | failed
 *              │          └→ failed (DDL phase said no)
 *              ├→ failed (refused: findings, drift, breaking change, unknown fields; or vtctld unreachable)
 *              ├→ planned (--dry-run: everything up to the writes)
 *              └→ rolling_back (`vschema-guard rollback`: restore a deploy's snapshots)
 * ```
 * Terminal states: `committed`, `planned`, `rolled_back`, `failed`. Like a controller-runtime
 * reconcile, every state is safe to repeat: a re-run reads the live VSchemas again and decides anew.
 */

/** States of a deploy (or of a rollback run, which uses `pending → preflight → rolling_back → …`). */
export const DEPLOY_STATES = [
  'pending', 'preflight', 'ddl', 'applying', 'verifying', 'committed', 'planned', 'rolling_back', 'rolled_back', 'failed',
] as const;
export type DeployState = (typeof DEPLOY_STATES)[number];

/** What happened, driving the machine. */
export const DEPLOY_EVENTS = [
  'start', 'refuse', 'error', 'dry_run', 'run_ddl', 'ddl_ok', 'ddl_failed', 'apply', 'applied', 'apply_failed',
  'verified', 'verify_failed', 'rollback', 'rollback_ok', 'rollback_failed',
] as const;
export type DeployEvent = (typeof DEPLOY_EVENTS)[number];

/** The transition table: state → event → next state. Anything not listed is a bug of ours. */
export const TRANSITIONS: Readonly<Record<DeployState, Partial<Record<DeployEvent, DeployState>>>> = {
  pending: { start: 'preflight' },
  preflight: { refuse: 'failed', error: 'failed', dry_run: 'planned', run_ddl: 'ddl', apply: 'applying', rollback: 'rolling_back' },
  ddl: { ddl_ok: 'applying', ddl_failed: 'failed', error: 'failed', dry_run: 'planned' },
  applying: { applied: 'verifying', apply_failed: 'rolling_back', error: 'rolling_back' },
  verifying: { verified: 'committed', verify_failed: 'rolling_back', error: 'rolling_back' },
  rolling_back: { rollback_ok: 'rolled_back', rollback_failed: 'failed', error: 'failed' },
  committed: {},
  planned: {},
  rolled_back: {},
  failed: {},
};

/** Thrown by `next` for a transition the table does not allow (a bug, never bad input). */
export class IllegalTransition extends Error {
  constructor(readonly state: DeployState, readonly event: DeployEvent) {
    super(`deploy state machine: no transition from "${state}" on "${event}"`);
    this.name = 'IllegalTransition';
  }
}

/** The state after `event` in `state`. Throws `IllegalTransition` when the table has no such edge. */
export function next(state: DeployState, event: DeployEvent): DeployState {
  const to = TRANSITIONS[state][event];
  if (!to) throw new IllegalTransition(state, event);
  return to;
}

/** True for states a deploy ends in. */
export function isTerminal(state: DeployState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

/** Per-keyspace states in the record. */
export const KEYSPACE_STATES = ['pending', 'unchanged', 'applied', 'verified', 'rolled_back', 'failed'] as const;
/**
 * `pending`: not reached (yet); `unchanged`: nothing written on purpose (skip, refused, dry run);
 * `applied`: written, re-read hash == head; `verified`: also seen in every cell's SrvVSchema (and the
 * vtgates asked); `rolled_back`: its snapshot restored and re-read; `failed`: a write failed or left
 * content that is neither the snapshot nor head (the record's steps say what vtctld answered).
 */
export type KeyspaceState = (typeof KEYSPACE_STATES)[number];
