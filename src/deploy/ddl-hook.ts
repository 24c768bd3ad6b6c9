/**
 * The contract between the deploy (`vschema-guard deploy`, src/deploy/) and the Online DDL phase
 * (src/migrations/): the deploy runs an optional injected `DdlPhase` after pre-flight and before any
 * VSchema write (deploy record state `ddl`). A result with `ok: false` stops the deploy before any
 * VSchema is written: the deploy ends in state `failed` and the CLI exits 1.
 *
 * The phase gets everything it needs as parameters (client, clock, sleep, log), so it stays pure over
 * the `VtctldClient` interface and tests drive its time.
 */
import type { VtctldClient } from '../vtctld/client.js';

/** What the deploy hands the DDL phase. */
export interface DdlPhaseInput {
  /** The deploy's vtctld client (same connection, deadlines and credentials as the VSchema writes). */
  client: VtctldClient;
  /**
   * The deploy id: repository + commit (e.g. `acme/shop@4f1c2e…`), stable across re-runs of the same
   * commit, so it can serve as the Online DDL `migration_context` and make resubmission idempotent.
   */
  deployId: string;
  /** Current time in milliseconds since the epoch (injected clock). */
  now: () => number;
  /** Waits `ms` milliseconds (injected: tests do not really wait). */
  sleep: (ms: number) => Promise<void>;
  /** One progress line for the user (no trailing newline). */
  log: (line: string) => void;
  /** `--dry-run`: plan and print, submit nothing. */
  dryRun: boolean;
}

/** What the DDL phase reports back; `detail` is stored verbatim in the deploy record (`ddl.detail`). */
export interface DdlPhaseResult {
  /** false stops the deploy before any VSchema write (state `failed`, exit 1). */
  ok: boolean;
  /** One human sentence: what was done or why it stopped. */
  message: string;
  /** JSON-serialisable detail for the record (migrations, uuids, per-shard statuses…). */
  detail: unknown;
}

/** The Online DDL phase of a deploy. May throw a `VtctldError` for a tool/connection error (exit 2). */
export type DdlPhase = (input: DdlPhaseInput) => Promise<DdlPhaseResult>;
