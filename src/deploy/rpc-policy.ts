/**
 * How the deploy calls vtctld: every attempt recorded as a step; transient failures
 * (`VtctldError.transient`: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED — a restarting or
 * overloaded vtctld —, and UNKNOWN with a topo timeout text) retried with exponential backoff and decorrelated jitter (cockatiel's
 * `ExponentialBackoff`), within a total time budget, behind a consecutive-failure circuit breaker
 * (cockatiel's `CircuitBreakerPolicy` + `ConsecutiveBreaker`) shared by all calls of one run, so a
 * vtctld that is down hard stops the run quickly instead of every call burning its own retries.
 *
 * The retry loop itself is ours so the waits go through the injected `sleep` and the budget through
 * the injected clock (tests never really wait); cockatiel's RetryPolicy sleeps with setTimeout.
 */
import { BrokenCircuitError, ConsecutiveBreaker, ExponentialBackoff, circuitBreaker, handleWhen, type IBackoff } from 'cockatiel';
import { VtctldError } from '../vtctld/client.js';
import { type RecordStep, iso } from './record.js';

/**
 * Worth retrying: `VtctldError.transient` (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, or UNKNOWN
 * with the topo server's own timeout text, `TOPO_TRANSIENT`), and
 * CANCELLED: our client never cancels a call itself, and vtctld v24 answers CANCELLED when the deadline
 * it received cut a topo operation short (seen against a real vtctld with etcd frozen: ApplyVSchema
 * fails CANCELLED where GetVSchema fails DEADLINE_EXCEEDED). A retried full-object ApplyVSchema is
 * idempotent.
 */
export function isRetriable(e: unknown): boolean {
  return e instanceof VtctldError && (e.transient || e.code === 'CANCELLED');
}

/** Retry settings (milliseconds). */
export interface RetryOptions {
  /** Attempts per call, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Total time all retries of one run may take (waits and attempts); past it a call fails. */
  budgetMs: number;
  /** Consecutive transient failures (over all calls) that open the breaker. */
  breakerThreshold: number;
}

/** Defaults: 6 attempts, 250 ms doubling to 5 s, 2 min in all, breaker at 12 consecutive failures. */
export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, initialDelayMs: 250, maxDelayMs: 5_000, budgetMs: 120_000, breakerThreshold: 12 };

/** What a policy needs from outside. */
export interface PolicyDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: string) => void;
  /** Receives every attempt (the record's `steps`). */
  onStep: (step: RecordStep) => void;
}

/** Calls one RPC with retries; throws the last `VtctldError` (or a non-transient one at once). */
export type CallRpc = <T>(rpc: string, keyspace: string | null, fn: () => Promise<T>) => Promise<T>;

/** Builds the call function for one run (one budget, one breaker). */
export function makeRpcPolicy(deps: PolicyDeps, options: Partial<RetryOptions> = {}): CallRpc {
  const o = { ...DEFAULT_RETRY, ...options };
  const started = deps.now();
  const breaker = circuitBreaker(handleWhen(isRetriable), {
    halfOpenAfter: o.maxDelayMs * 4,
    breaker: new ConsecutiveBreaker(o.breakerThreshold),
  });
  return async function call<T>(rpc: string, keyspace: string | null, fn: () => Promise<T>): Promise<T> {
    let backoff: IBackoff<unknown> | undefined;
    const factory = new ExponentialBackoff({ initialDelay: o.initialDelayMs, maxDelay: o.maxDelayMs });
    for (let attempt = 1; ; attempt++) {
      const t0 = deps.now();
      try {
        const value = await breaker.execute(() => fn());
        deps.onStep({ rpc, keyspace, attempt, at: iso(t0), duration_ms: deps.now() - t0, ok: true });
        return value;
      } catch (e) {
        const err = e instanceof BrokenCircuitError
          ? new VtctldError(rpc, 'UNAVAILABLE', `circuit breaker open after ${o.breakerThreshold} consecutive transient failures; not calling vtctld again in this run`, keyspace)
          : e;
        if (!(err instanceof VtctldError)) throw err;
        deps.onStep({ rpc, keyspace, attempt, at: iso(t0), duration_ms: deps.now() - t0, ok: false, code: err.code, error: err.details });
        if (e instanceof BrokenCircuitError || !isRetriable(err)) throw err;
        backoff = backoff ? backoff.next(undefined) : factory.next();
        const wait = backoff.duration;
        const spent = deps.now() - started;
        if (attempt >= o.maxAttempts) throw withNote(err, `gave up after ${attempt} attempts`);
        if (spent + wait > o.budgetMs) throw withNote(err, `gave up: retry budget of ${Math.round(o.budgetMs / 1000)} s spent`);
        deps.log(`${rpc}${keyspace ? ` ${keyspace}` : ''}: ${err.code} (${err.details}); retry ${attempt}/${o.maxAttempts - 1} in ${Math.round(wait)} ms`);
        await deps.sleep(wait);
      }
    }
  };
}

function withNote(e: VtctldError, note: string): VtctldError {
  return new VtctldError(e.rpc, e.code, `${e.details} (${note})`, e.keyspace);
}
