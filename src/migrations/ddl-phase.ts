/**
 * The DDL phase of `vschema-guard deploy`: submit the DDL as Online DDL migrations, wait for every shard,
 * complete at the cut-over barrier, wait for COMPLETED everywhere, and only then let the deploy write the
 * VSchema. Any FAILED / CANCELLED migration or a tripped breaker ends the phase with ok=false, before any
 * VSchema is written.
 *
 * Implements the deploy's `DdlPhase` contract (`src/deploy/ddl-hook.ts`).
 */
import type { DdlPhase, DdlPhaseInput, DdlPhaseResult } from '../deploy/ddl-hook.js';
import { VtctldError } from '../vtctld/client.js';
import type { MigrationAggregate } from './aggregate.js';
import { migrationJson, type MigrationJson } from './report.js';
import type { Decision, DecisionPolicy, IssuedDirective } from './decide.js';
import {
  applySchemaRequest,
  nextSubmissionStep,
  parseDdlStrategy,
  planSubmission,
  type DdlStatement,
  type SubmissionPlan,
  type SubmissionStep,
} from './submission.js';
import { DEFAULT_WATCH, watchMigrations, type Observation, type WatchOptions } from './watch.js';

/** The DDL of one keyspace. */
export interface DdlTarget {
  keyspace: string;
  statements: DdlStatement[];
}

/** Options of {@link makeDdlPhase}. */
export interface DdlPhaseOptions {
  targets: DdlTarget[];
  /** `ddl_strategy`, default `vitess --postpone-completion`. */
  ddlStrategy: string;
  policy: DecisionPolicy;
  /** How many times an ApplySchema that failed is resubmitted (identical request). */
  submitAttempts?: number;
  watch?: Partial<Omit<WatchOptions, 'policy' | 'act' | 'follow'>>;
  /** Called with every observation (progress display, job summary). */
  onObservation?: (obs: Observation, decision: Decision) => void;
}

/** The default `--ddl-strategy`: Online DDL with the cut-over held for the all-shard barrier. */
export const DEFAULT_DDL_STRATEGY = 'vitess --postpone-completion';

/** The record of the phase, for the deploy record (`detail`). */
export interface DdlPhaseDetail {
  migrationContext: string;
  ddlStrategy: string;
  dryRun: boolean;
  keyspaces: { keyspace: string; submission: SubmissionStep['kind'] | 'error'; uuids: string[] }[];
  /** Per migration: the aggregate and per-shard rows of the last observation (`schema migrations` shape). */
  migrations: MigrationJson[];
  directives: IssuedDirective[];
  outcome: string;
  reasons: string[];
}

/** Builds the deploy's DDL phase. Throws Error on a bad strategy (before anything runs). */
export function makeDdlPhase(options: DdlPhaseOptions): DdlPhase {
  const strategy = parseDdlStrategy(options.ddlStrategy);
  const attempts = options.submitAttempts ?? 3;
  return async (input) => {
    const plans = options.targets.map((t) => planSubmission(t.keyspace, input.deployId, options.ddlStrategy, t.statements));
    const detail: DdlPhaseDetail = {
      migrationContext: input.deployId,
      ddlStrategy: options.ddlStrategy,
      dryRun: input.dryRun,
      keyspaces: plans.map((p) => ({ keyspace: p.keyspace, submission: 'submit', uuids: p.migrations.map((m) => m.uuid) })),
      migrations: [],
      directives: [],
      outcome: 'pending',
      reasons: [],
    };
    const fail = (message: string, outcome = 'failed'): DdlPhaseResult => {
      detail.outcome = outcome;
      detail.reasons.push(message);
      return { ok: false, message, detail };
    };
    const total = plans.reduce((n, p) => n + p.migrations.length, 0);
    if (total === 0) return fail('--ddl gave no statements: nothing to submit (an empty DDL file?)');
    input.log(`DDL: ${total} statement(s), strategy "${options.ddlStrategy}", migration context ${input.deployId}`);

    // 1. Submission, per keyspace: by context first; submit, or resubmit the identical request.
    for (const [i, plan] of plans.entries()) {
      for (const m of plan.migrations) input.log(`  ${plan.keyspace} ${m.uuid} ${m.file}:${m.line} ${oneLine(m.sql)}`);
      const entry = detail.keyspaces[i]!;
      const r = await submit(input, plan, attempts, strategy.direct);
      entry.submission = r.step;
      if (r.error) return fail(r.error);
    }
    if (input.dryRun) {
      detail.outcome = 'dry-run';
      return { ok: true, message: `dry run: ${describeSteps(detail)}; nothing submitted`, detail };
    }
    if (strategy.direct) {
      detail.outcome = 'done';
      return { ok: true, message: `${total} DDL statement(s) applied with the direct strategy (blocking ALTER on every primary)`, detail };
    }

    // 2. Watch until every shard of every migration is COMPLETED, or halt.
    const result = await watchMigrations(
      input,
      plans.map((p) => ({ keyspace: p.keyspace, migrationContext: p.migrationContext, expectUuids: p.migrations.map((m) => m.uuid) })),
      { ...DEFAULT_WATCH, ...options.watch, policy: options.policy, act: true, follow: true, onObservation: options.onObservation },
    );
    const migrations = result.observation?.migrations ?? [];
    detail.migrations = migrations.map(migrationJson);
    detail.directives = result.issued;
    detail.reasons.push(...(result.decision?.reasons ?? []));
    const halfDone = describeHalfDone(migrations);
    switch (result.outcome) {
      case 'done':
        detail.outcome = 'done';
        return { ok: true, message: `${migrations.length} migration(s) COMPLETED on every shard`, detail };
      case 'halt': {
        const undone = result.failedDirectives.length ? ` — WARNING, vtctld refused: ${result.failedDirectives.join('; ')}; those migrations may still be running` : '';
        return fail(`DDL halted, no VSchema written: ${result.decision?.reasons.join('; ')}${undone}${halfDone}`, 'halt');
      }
      case 'timeout':
        return fail(`DDL still running after ${Math.round((options.watch?.timeoutMs ?? DEFAULT_WATCH.timeoutMs ?? 0) / 1000)} s, no VSchema written; re-run the deploy to resume (same migration context)${halfDone}`, 'timeout');
      default:
        return fail(`vtctld failed while watching migrations: ${result.lastError?.message ?? 'no answer'}; no VSchema written; re-run the deploy to resume${halfDone}`, 'unreachable');
    }
  };
}

/** Submits one plan (or not), finishing a partial submission by resubmitting the identical request. */
async function submit(
  input: DdlPhaseInput,
  plan: SubmissionPlan,
  attempts: number,
  direct: boolean,
): Promise<{ step: SubmissionStep['kind'] | 'error'; error?: string }> {
  const req = applySchemaRequest(plan);
  let lastError = 'unknown error';
  let first: SubmissionStep['kind'] | null = null;
  for (let attempt = 0; ; attempt++) {
    let step: SubmissionStep;
    try {
      const shards = await input.client.findAllShardsInKeyspace(plan.keyspace);
      const rows = direct ? [] : await input.client.getSchemaMigrations({ keyspace: plan.keyspace, migrationContext: plan.migrationContext });
      step = nextSubmissionStep(plan, shards, rows);
    } catch (e) {
      if (!(e instanceof VtctldError)) throw e;
      return { step: 'error', error: `reading migration context ${plan.migrationContext}: ${e.message}` };
    }
    if (step.kind === 'refuse') return { step: 'refuse', error: step.reason };
    if (step.kind === 'submitted') {
      if (first === null) input.log(`  ${plan.keyspace}: already submitted under migration context ${plan.migrationContext}; not submitting again`);
      return { step: first ?? 'submitted' };
    }
    first ??= step.kind;
    if (step.kind === 'resubmit') {
      input.log(`  ${plan.keyspace}: partially submitted (missing ${step.missing.map((m) => `${m.uuid} on ${m.shards.join(',')}`).join('; ')}); resubmitting the identical request`);
    }
    if (input.dryRun) return { step: step.kind };
    if (attempt >= attempts) {
      return { step: 'error', error: `ApplySchema did not complete after ${attempts} attempt(s) for keyspace ${plan.keyspace}: ${lastError}` };
    }
    try {
      const res = await input.client.applySchema(req);
      input.log(`  ${plan.keyspace}: ApplySchema accepted ${res.uuidList.length} migration(s) on ${Object.keys(res.rowsAffectedByShard).length} shard(s)`);
      if (!direct) {
        lastError = 'ApplySchema succeeded but some planned rows are still missing';
        continue; // re-read by context: every planned row must now exist
      }
      return { step: step.kind };
    } catch (e) {
      if (!(e instanceof VtctldError)) throw e;
      lastError = e.message;
      input.log(`  ${e.message}`);
      if (direct) return { step: 'error', error: `${e.message} (direct strategy: no migration rows to resume from; check each shard's schema)` };
    }
  }
}

function describeSteps(detail: DdlPhaseDetail): string {
  return detail.keyspaces.map((k) => `${k.keyspace}: ${k.submission} ${k.uuids.length} migration(s)`).join(', ');
}

/** Names shards where a migration already completed: the cluster is half-changed. */
function describeHalfDone(migrations: readonly MigrationAggregate[]): string {
  const parts = migrations
    .filter((m) => m.completed > 0 && m.state !== 'COMPLETED')
    .map((m) => `${m.uuid} is already complete on ${m.shards.filter((s) => s.phase === 'COMPLETED').map((s) => s.shard).join(',')}`);
  return parts.length ? ` — WARNING, the schema is half-changed: ${parts.join('; ')}` : '';
}

function oneLine(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}
