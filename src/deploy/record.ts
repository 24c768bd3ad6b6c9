/**
 * The deploy record: a JSON document that says what a deploy (or a rollback) saw, decided, wrote and
 * left, written to disk after every transition so a killed run still leaves a true account. Its
 * schema is `DEPLOY_RECORD_SCHEMA` (`vschema-guard schema record`). Never holds credentials: the
 * vtctld address only.
 *
 * The helpers here are pure: they return new values or append to the record passed in; the caller
 * decides when to write it.
 */
import type { VSchemaJson } from '../vtctld/client.js';
import { type DeployEvent, type DeployState, type KeyspaceState, next } from './state-machine.js';

/** Version of the record format; bumped on incompatible changes. */
export const RECORD_FORMAT = 1;

/** Per keyspace CAS decision (src/deploy/cas.ts). */
export type Decision = 'skip' | 'apply' | 'drift' | 'refused';

/** One RPC attempt. */
export interface RecordStep {
  rpc: string;
  keyspace: string | null;
  /** 1-based attempt number of this call. */
  attempt: number;
  /** ISO-8601 time the attempt started (injected clock). */
  at: string;
  duration_ms: number;
  ok: boolean;
  /** gRPC status name when it failed (`UNAVAILABLE`, `UNKNOWN`, …). */
  code?: string;
  /** vtctld's error text, verbatim. */
  error?: string;
}

/** One transition of the state machine. */
export interface RecordTransition {
  from: DeployState;
  to: DeployState;
  event: DeployEvent;
  at: string;
  /** Why, in one sentence. */
  reason: string;
}

/** What the deploy knows about one keyspace. */
export interface KeyspaceRecord {
  name: string;
  decision: Decision;
  /** One sentence: why this decision. */
  reason: string;
  state: KeyspaceState;
  /** Canonical SHA-256 hashes (`absent` = no VSchema node; `none` = not known). */
  hashes: { base: string; head: string; live: string; after: string | null };
  /**
   * The live VSchema before any write (proto field names): the rollback point. null when the keyspace
   * had no VSchema node (`snapshot_absent`) or was never read.
   */
  snapshot: VSchemaJson | null;
  snapshot_absent: boolean;
  /** Fields in the live VSchema our proto does not know (never overwritten). */
  unknown_fields: string[];
  /** v20+ ApplyVSchema `unknown_vindex_params` (vindex → params). */
  unknown_vindex_params: Record<string, string[]>;
  /** What differs between live and base when drifted, one line per change. */
  drift: string[];
  /** The git commit (and subject) whose version of the file live matches, when one does. */
  live_matches: string | null;
  /** Position in the apply order (0-based), null when not applied. */
  order: number | null;
}

/** A refusal found in pre-flight (or a rollback's CAS). */
export interface RecordRefusal {
  keyspace: string | null;
  /** `finding`, `breaking`, `drift`, `unknown-fields`, `missing-keyspace`, `no-cells`, `concurrent-change`, `rollback-cas`, … */
  kind: string;
  message: string;
  /** A command the operator runs (MoveTables/Reshard…), when there is one. */
  command?: string;
}

/** Outcome of the run, which gives the exit code. */
export type Outcome = 'deployed' | 'nothing-to-do' | 'planned' | 'restored' | 'refused' | 'rolled-back' | 'failed' | 'error';

/**
 * Exit codes by outcome: 0 deployed / nothing to do / planned (dry run) / restored (rollback command);
 * 1 refused (findings, drift, breaking, unknown fields, CAS) / rolled back / failed (the DDL phase said
 * no); 2 error (vtctld unreachable, a tool error, or a rollback that could not finish).
 */
export const EXIT_CODES: Record<Outcome, 0 | 1 | 2> = {
  deployed: 0, 'nothing-to-do': 0, planned: 0, restored: 0, refused: 1, 'rolled-back': 1, failed: 1, error: 2,
};

/** The whole record. */
export interface DeployRecord {
  format: typeof RECORD_FORMAT;
  kind: 'deploy' | 'rollback';
  deploy_id: string;
  /** For a rollback record: the deploy id it restores. */
  rollback_of: string | null;
  tool: { name: 'vschema-guard'; version: string };
  /** `host:port` only, never credentials. */
  vtctld: string;
  base: { source: string };
  head: { source: string };
  dry_run: boolean;
  allow_drift: boolean;
  started_at: string;
  finished_at: string | null;
  state: DeployState;
  outcome: Outcome | null;
  /** One sentence for humans. */
  message: string;
  cells: string[];
  /** Keyspaces in apply order (the ones written). */
  order: string[];
  keyspaces: KeyspaceRecord[];
  refusals: RecordRefusal[];
  ddl: { ok: boolean; message: string; detail: unknown } | null;
  verification: { cells: Record<string, Record<string, string>>; vtgates: Array<{ url: string; ok: boolean; message: string }> };
  transitions: RecordTransition[];
  steps: RecordStep[];
  /** Plain notes (keyspaces removed from git but not deleted, dependencies outside --keyspace …). */
  notes: string[];
}

/** A fresh record in state `pending`. */
export function newRecord(init: {
  kind: DeployRecord['kind'];
  deployId: string;
  rollbackOf?: string | null;
  version: string;
  vtctld: string;
  base: string;
  head: string;
  dryRun: boolean;
  allowDrift: boolean;
  now: number;
}): DeployRecord {
  return {
    format: RECORD_FORMAT, kind: init.kind, deploy_id: init.deployId, rollback_of: init.rollbackOf ?? null,
    tool: { name: 'vschema-guard', version: init.version }, vtctld: init.vtctld,
    base: { source: init.base }, head: { source: init.head }, dry_run: init.dryRun, allow_drift: init.allowDrift,
    started_at: iso(init.now), finished_at: null, state: 'pending', outcome: null, message: '',
    cells: [], order: [], keyspaces: [], refusals: [], ddl: null, verification: { cells: {}, vtgates: [] },
    transitions: [], steps: [], notes: [],
  };
}

/** ISO-8601 of an epoch-milliseconds time. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Applies `event` to the record's state (throws IllegalTransition on a bug) and appends the transition. */
export function transition(record: DeployRecord, event: DeployEvent, now: number, reason: string): DeployState {
  const from = record.state;
  const to = next(from, event);
  record.state = to;
  record.transitions.push({ from, to, event, at: iso(now), reason });
  return to;
}

/** A keyspace entry with nothing known yet. */
export function newKeyspaceRecord(name: string): KeyspaceRecord {
  return {
    name, decision: 'skip', reason: '', state: 'pending',
    hashes: { base: 'none', head: 'none', live: 'none', after: null },
    snapshot: null, snapshot_absent: false, unknown_fields: [], unknown_vindex_params: {}, drift: [], live_matches: null, order: null,
  };
}

/** What a deploy or rollback run returns: its record and the CLI exit code. */
export interface RunResult {
  record: DeployRecord;
  exitCode: 0 | 1 | 2;
}

/** The record-keeping of one run: every change is written out before the run goes on. */
export interface RecordKeeper {
  /** Writes the record as it stands. */
  save(): Promise<void>;
  /** Applies a state-machine event, logs `[state] reason` and writes the record. */
  move(event: DeployEvent, reason: string): Promise<void>;
  /** Sets the outcome, message and end time, writes the record, and returns it with its exit code. */
  finish(outcome: Outcome, message: string): Promise<RunResult>;
}

/**
 * Binds a record to its clock, its log and its writer (`writeRecord` absent = keep it in memory only).
 * Shared by `runDeploy` and `runRollback` so both write the record after every transition.
 */
export function recordKeeper(
  rec: DeployRecord,
  deps: { now: () => number; log: (line: string) => void; writeRecord?: (record: DeployRecord) => void | Promise<void> },
): RecordKeeper {
  const save = async (): Promise<void> => {
    await deps.writeRecord?.(rec);
  };
  return {
    save,
    async move(event, reason) {
      transition(rec, event, deps.now(), reason);
      deps.log(`[${rec.state}] ${reason}`);
      await save();
    },
    async finish(outcome, message) {
      rec.outcome = outcome;
      rec.message = message;
      rec.finished_at = iso(deps.now());
      await save();
      return { record: rec, exitCode: EXIT_CODES[outcome] };
    },
  };
}
