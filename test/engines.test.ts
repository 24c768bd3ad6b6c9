// Every installed package runs on the lowest Node that package.json's engines (and the README) promise:
// `npm ci` must not warn EBADENGINE (content-type@3 and cockatiel@4 need Node >= 22).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> };

/** The lowest major a range like ">=20", ">= 18.12", "^20.19 || >=22" needs (the smallest of its alternatives). */
function lowestMajor(range: string): number {
  return Math.min(...range.split('||').map((alt) => Number(/(\d+)/.exec(alt)?.[1] ?? 0)));
}

describe('engines', () => {
  it('no dependency needs a newer Node than package.json promises', () => {
    const ours = lowestMajor(pkg.engines.node);
    expect(ours).toBe(20);
    const offenders = Object.entries(lock.packages)
      .filter(([p, v]) => p && v.engines && !Array.isArray(v.engines) && v.engines.node && lowestMajor(v.engines.node) > ours)
      .map(([p, v]) => `${p} (${(v.engines as { node: string }).node})`);
    expect(offenders).toEqual([]);
  });
  it('CI tests every Node the README promises (20 and 24)', () => {
    const ci = fs.readFileSync('.github/workflows/ci.yml', 'utf8');
    expect(ci).toMatch(/node: \[20, 24\]/);
  });
});
