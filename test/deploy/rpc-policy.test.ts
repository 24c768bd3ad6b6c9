import { describe, expect, it, vi } from 'vitest';
import { makeRpcPolicy } from '../../src/deploy/rpc-policy.js';
import type { RecordStep } from '../../src/deploy/record.js';
import { VtctldError } from '../../src/vtctld/client.js';

/** A fake clock that sleeps instantly and counts every wait. */
function clock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    tick: (ms: number) => (t += ms),
    waits,
  };
}

const unavailable = (): VtctldError => new VtctldError('GetVSchema', 'UNAVAILABLE', 'connection refused', 'ks');

function setup(options = {}) {
  const c = clock();
  const steps: RecordStep[] = [];
  const logs: string[] = [];
  const call = makeRpcPolicy({ now: c.now, sleep: c.sleep, log: (l) => logs.push(l), onStep: (s) => steps.push(s) }, options);
  return { c, steps, logs, call };
}

describe('rpc policy', () => {
  it('retries transient failures with growing, jittered waits and records every attempt', async () => {
    const { c, steps, logs, call } = setup({ initialDelayMs: 100, maxDelayMs: 10_000, maxAttempts: 6 });
    let n = 0;
    const v = await call('GetVSchema', 'ks', async () => {
      c.tick(7);
      if (++n <= 4) throw unavailable();
      return 'ok';
    });
    expect(v).toBe('ok');
    expect(steps.map((s) => [s.attempt, s.ok, s.code ?? null])).toEqual([[1, false, 'UNAVAILABLE'], [2, false, 'UNAVAILABLE'], [3, false, 'UNAVAILABLE'], [4, false, 'UNAVAILABLE'], [5, true, null]]);
    expect(steps.every((s) => s.duration_ms === 7)).toBe(true);
    expect(steps[0]!.error).toBe('connection refused');
    expect(c.waits).toHaveLength(4);
    expect(c.waits.every((w) => w > 0 && w <= 10_000)).toBe(true);
    expect(logs[0]).toMatch(/^GetVSchema ks: UNAVAILABLE \(connection refused\); retry 1\/5 in \d+ ms$/);
  });

  it('waits grow exponentially (decorrelated jitter, here with the random draw fixed)', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const { c, call } = setup({ initialDelayMs: 100, maxDelayMs: 100_000, maxAttempts: 6 });
      await expect(call('GetVSchema', 'ks', async () => { throw unavailable(); })).rejects.toThrow(VtctldError);
      expect(c.waits).toHaveLength(5);
      for (let i = 1; i < c.waits.length; i++) expect(c.waits[i]!).toBeGreaterThan(c.waits[i - 1]!);
    } finally {
      random.mockRestore();
    }
  });

  it('retries CANCELLED (vtctld cancelling a topo call on our deadline) like a transient failure', async () => {
    const { steps, call } = setup();
    let n = 0;
    const v = await call('ApplyVSchema', 'ks', async () => {
      if (++n === 1) throw new VtctldError('ApplyVSchema', 'CANCELLED', 'context canceled', 'ks');
      return 'ok';
    });
    expect(v).toBe('ok');
    expect(steps.map((s) => s.code ?? 'OK')).toEqual(['CANCELLED', 'OK']);
  });

  it('retries UNKNOWN when its text is a topo timeout, interruption or overload (vtctld passing a topo.Error through)', async () => {
    const { steps, call } = setup();
    const texts = [
      'deadline exceeded: /vitess/global/keyspaces/customer/Keyspace',
      'failed to read keyspace: interrupted: /vitess/global/keyspaces/commerce/VSchema',
      'server resource exhausted: /vitess/global/cells',
    ];
    let n = 0;
    const v = await call('GetVSchema', 'ks', async () => {
      if (n < texts.length) throw new VtctldError('GetVSchema', 'UNKNOWN', texts[n++]!, 'ks');
      return 'ok';
    });
    expect(v).toBe('ok');
    expect(steps.map((s) => s.code ?? 'OK')).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'OK']);
    expect(steps[0]!.error).toBe(texts[0]);
  });

  it('does not take a validation message that merely mentions a deadline for a topo timeout', () => {
    for (const details of ['deadline exceeded', 'vindex "deadline exceeded: x" not found', 'table deadline_exceeded: not found', 'interrupted:']) {
      expect(new VtctldError('ApplyVSchema', 'UNKNOWN', details, 'ks').transient).toBe(false);
    }
    expect(new VtctldError('ApplyVSchema', 'INVALID_ARGUMENT', 'deadline exceeded: /vitess/global/x', 'ks').transient).toBe(false);
  });

  it('does not retry a non-transient error and keeps its text verbatim', async () => {
    const { c, steps, call } = setup();
    const err = new VtctldError('ApplyVSchema', 'UNKNOWN', 'vindexType "hsh" not found', 'ks');
    await expect(call('ApplyVSchema', 'ks', async () => { throw err; })).rejects.toBe(err);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.error).toBe('vindexType "hsh" not found');
    expect(c.waits).toEqual([]);
  });

  it('gives up after maxAttempts', async () => {
    const { steps, call } = setup({ maxAttempts: 3 });
    await expect(call('GetVSchema', 'ks', async () => { throw unavailable(); })).rejects.toThrow(/connection refused \(gave up after 3 attempts\)/);
    expect(steps).toHaveLength(3);
  });

  it('gives up when the total budget would be exceeded', async () => {
    const { c, call } = setup({ maxAttempts: 100, initialDelayMs: 1000, maxDelayMs: 1000, budgetMs: 3500 });
    await expect(call('GetVSchema', 'ks', async () => { throw unavailable(); })).rejects.toThrow(/retry budget of 4 s spent/);
    expect(c.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(3500);
  });

  it('opens the breaker after consecutive failures across calls, then fails fast', async () => {
    const { steps, call } = setup({ maxAttempts: 3, breakerThreshold: 4 });
    await expect(call('GetKeyspaces', null, async () => { throw unavailable(); })).rejects.toThrow(VtctldError);
    let called = 0;
    await expect(call('GetVSchema', 'ks', async () => { called++; throw unavailable(); })).rejects.toThrow(/circuit breaker open after 4 consecutive transient failures/);
    expect(called).toBe(1); // 3 + 1 = 4 failures open it; the next attempt never reaches vtctld
    expect(steps.at(-1)!.error).toMatch(/circuit breaker open/);
  });

  it('rethrows what is not a VtctldError (a bug) without recording it as a step', async () => {
    const { steps, call } = setup();
    await expect(call('GetVSchema', 'ks', async () => { throw new TypeError('boom'); })).rejects.toThrow(TypeError);
    expect(steps).toEqual([]);
  });
});
