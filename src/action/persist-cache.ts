/**
 * Persisting the plan cache directory (the `cache` input) between runs of the action with the
 * GitHub Actions cache service (@actions/cache): restored before the report is built, saved after.
 * Cache entries are immutable, so each run saves under a new key (PR, config hash, run id and
 * attempt) and restores the newest entry of the same PR, else of any PR with the same config hash
 * (GitHub scopes restores to the PR's branch and its base branch). Every failure of the cache
 * service is a warning: the plans are then simply computed again.
 */
import { createHash } from 'node:crypto';

/** The part of @actions/cache used (injected so tests drive it). */
export interface CacheService {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], primaryKey: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

/** What the keys are made of. */
export interface CacheKeyParts {
  /** Tool version, config file text (empty when none) and the inputs that shape the plans. */
  config: string;
  /** Pull request number (null outside a pull request). */
  pr: number | null;
  /** GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT: the saved key is unique per run. */
  runId: string;
  runAttempt: string;
}

/** The key saved by this run and the prefixes restored from, most specific first. */
export function planCacheKeys(p: CacheKeyParts): { key: string; restoreKeys: string[] } {
  const hash = createHash('sha256').update(p.config).digest('hex').slice(0, 16);
  const base = `vschema-guard-plans-${hash}-`;
  const pr = `${base}pr${p.pr ?? 'none'}-`;
  return { key: `${pr}${p.runId}-${p.runAttempt}`, restoreKeys: [pr, base] };
}

/** Messages go to the log (info) or as warnings. */
export interface CacheLog {
  info(m: string): void;
  warning(m: string): void;
}

/**
 * Restores `dir` (absolute) under the keys; returns the key to save under after the run, or null when
 * the cache service is not available (then nothing is saved either). Never throws.
 */
export async function restorePlanCache(svc: CacheService, dir: string, parts: CacheKeyParts, log: CacheLog): Promise<string | null> {
  let available = false;
  try {
    available = svc.isFeatureAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    log.info(`vschema-guard: the Actions cache service is not available here: the plan cache ${dir} is used as it is, not restored or saved`);
    return null;
  }
  const { key, restoreKeys } = planCacheKeys(parts);
  try {
    const hit = await svc.restoreCache([dir], key, restoreKeys);
    log.info(hit ? `vschema-guard: plan cache restored from ${hit}` : 'vschema-guard: no saved plan cache for this PR or config yet');
  } catch (e) {
    log.warning(`vschema-guard: restoring the plan cache failed (the plans are computed again): ${(e as Error).message ?? String(e)}`);
  }
  return key;
}

/**
 * Saves `dir` under `key` (from restorePlanCache). `unchanged`: the run left the pack as it was
 * restored (src/io/plan-cache.ts PlanCacheFlush.unchanged), so the entry it came from already holds
 * it: nothing is uploaded. Never throws.
 */
export async function savePlanCache(svc: CacheService, dir: string, key: string, log: CacheLog, unchanged = false): Promise<void> {
  if (unchanged) {
    log.info('vschema-guard: plan cache unchanged since it was restored: not saved again');
    return;
  }
  try {
    await svc.saveCache([dir], key);
    log.info(`vschema-guard: plan cache saved as ${key}`);
  } catch (e) {
    log.warning(`vschema-guard: saving the plan cache failed (the next run plans again): ${(e as Error).message ?? String(e)}`);
  }
}
