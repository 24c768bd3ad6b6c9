// An unreachable GitHub API costs a bounded time: retries stop after the budget, and it is said once.
import { describe, expect, it } from 'vitest';
import { budgetedFetch } from '../../src/action/github-api.js';

describe('budgetedFetch', () => {
  it('retries within the budget, then answers at once with a 400 and says so once', async () => {
    let t = 0;
    const logs: string[] = [];
    let calls = 0;
    const refused = (async () => {
      calls++;
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const f = budgetedFetch((m) => logs.push(m), 10_000, () => t, refused);
    await expect(f('http://x/a', {})).rejects.toThrow('fetch failed');
    t = 9_000;
    await expect(f('http://x/a', {})).rejects.toThrow('fetch failed');
    t = 10_000;
    const r = await f('http://x/b', {});
    expect(r.status).toBe(400);
    expect((await f('http://x/c', {})).status).toBe(400);
    expect(calls).toBe(2);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/GitHub API is unreachable.*10 s.*giving up/);
  });
  it('passes answers through while the API answers', async () => {
    const ok = (async () => new Response('{}', { status: 200 })) as unknown as typeof fetch;
    const f = budgetedFetch(() => undefined, 10_000, () => 0, ok);
    expect((await f('http://x', {})).status).toBe(200);
  });
});
