// The action's plan cache persistence (src/action/persist-cache.ts): keys by PR and config hash,
// unique per run; restore before, save after; the cache service failing or missing is never a failure.
import { describe, expect, it } from 'vitest';
import { type CacheService, planCacheKeys, restorePlanCache, savePlanCache } from '../../src/action/persist-cache.js';

const parts = { config: '["0.1.0","fail_on: [error]"]', pr: 42, runId: '1001', runAttempt: '2' };

function fakeService(over: Partial<CacheService> = {}): CacheService & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    isFeatureAvailable: () => true,
    restoreCache: async (paths, key, restoreKeys) => (calls.push(`restore ${paths.join()} ${key} ${restoreKeys?.join('|')}`), `${restoreKeys?.[0]}999-1`),
    saveCache: async (paths, key) => (calls.push(`save ${paths.join()} ${key}`), 7),
    ...over,
  };
}
const logs = () => {
  const out = { info: [] as string[], warning: [] as string[] };
  return { out, log: { info: (m: string) => void out.info.push(m), warning: (m: string) => void out.warning.push(m) } };
};

describe('plan cache keys', () => {
  it('are unique per run, restore the same PR first, then the same config', () => {
    const k = planCacheKeys(parts);
    expect(k.key).toMatch(/^vschema-guard-plans-[0-9a-f]{16}-pr42-1001-2$/);
    expect(k.restoreKeys).toEqual([k.key.replace(/1001-2$/, ''), k.key.replace(/pr42-1001-2$/, '')]);
    expect(planCacheKeys({ ...parts, runAttempt: '3' }).key).not.toBe(k.key);
    // Another config never shares entries.
    expect(planCacheKeys({ ...parts, config: 'other' }).restoreKeys[1]).not.toBe(k.restoreKeys[1]);
    expect(planCacheKeys({ ...parts, pr: null }).key).toContain('-prnone-');
  });
});

describe('restore and save', () => {
  it('restores before and saves after under the run key', async () => {
    const svc = fakeService();
    const { out, log } = logs();
    const key = await restorePlanCache(svc, '/tmp/plans', parts, log);
    expect(key).toBe(planCacheKeys(parts).key);
    await savePlanCache(svc, '/tmp/plans', key!, log);
    expect(svc.calls).toEqual([
      `restore /tmp/plans ${key} ${planCacheKeys(parts).restoreKeys.join('|')}`,
      `save /tmp/plans ${key}`,
    ]);
    expect(out.warning).toEqual([]);
    expect(out.info[0]).toMatch(/plan cache restored from vschema-guard-plans-/);
  });

  it('uploads nothing when the run left the restored pack unchanged', async () => {
    const svc = fakeService();
    const { out, log } = logs();
    const key = await restorePlanCache(svc, '/tmp/plans', parts, log);
    await savePlanCache(svc, '/tmp/plans', key!, log, true);
    expect(svc.calls).toEqual([`restore /tmp/plans ${key} ${planCacheKeys(parts).restoreKeys.join('|')}`]);
    expect(out.info.at(-1)).toBe('vschema-guard: plan cache unchanged since it was restored: not saved again');
  });

  it('does nothing when the cache service is not available (outside GitHub Actions)', async () => {
    const svc = fakeService({ isFeatureAvailable: () => false });
    const { out, log } = logs();
    expect(await restorePlanCache(svc, '/tmp/plans', parts, log)).toBeNull();
    expect(svc.calls).toEqual([]);
    expect(out.info.join()).toMatch(/not available here/);
  });

  it('turns failures of the cache service into warnings', async () => {
    const svc = fakeService({
      restoreCache: async () => { throw new Error('cache service responded with 503'); },
      saveCache: async () => { throw new Error('Unable to reserve cache'); },
    });
    const { out, log } = logs();
    const key = await restorePlanCache(svc, '/tmp/plans', parts, log);
    expect(key).not.toBeNull();
    await expect(savePlanCache(svc, '/tmp/plans', key!, log)).resolves.toBeUndefined();
    expect(out.warning).toEqual([
      'vschema-guard: restoring the plan cache failed (the plans are computed again): cache service responded with 503',
      'vschema-guard: saving the plan cache failed (the next run plans again): Unable to reserve cache',
    ]);
  });
});
