// The plan pack store of `diff --cache DIR` (src/io/plan-cache.ts, src/io/plan-pack.ts): one file,
// written once per run; values read back equal; a damaged, truncated or foreign pack is ignored, never
// trusted; the prune policy (age in days of last use, size bound) with an injected clock, no sleeps;
// two runs on one directory keep both runs' plans.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers.js';
import { filePlanCache } from '../../src/io/plan-cache.js';
import { PACK_FILE, RowTable, decodePack } from '../../src/io/plan-pack.js';

const mkdtemp = tempDirs('vg-plan-pack-');

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const V = '1.2.3';
const limits = (maxAgeDays = 30, maxMb = 64) => ({ maxAgeDays, maxBytes: maxMb * 2 ** 20 });
/** A value of about `size` characters that does not compress away (a pseudo-random field). */
const value = (i: number, size = 200) => {
  let s = '';
  let x = i * 2654435761 + 1;
  while (s.length < size) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += x.toString(36);
  }
  return { format: 1, n: i, text: s.slice(0, size), 'ü': 'non-ASCII ✓' };
};
const key = (i: number) => `1|5:${V}select ${i} from t`;
/** Runs one "run": opens the cache at `now`, gets every key in `read`, puts the ones missing, flushes. */
function runOnce(dir: string, now: number, read: number[], lim = limits()) {
  const c = filePlanCache(dir, V, { now, limits: lim });
  let hits = 0;
  for (const i of read) {
    const v = c.get(key(i));
    if (v !== undefined) {
      expect(v).toEqual(value(i));
      hits++;
    } else c.put(key(i), value(i));
  }
  const f = c.flush();
  return { hits, flush: f, cache: c };
}
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
const packOf = (dir: string) => fs.readFileSync(path.join(dir, PACK_FILE));

describe('RowTable', () => {
  it('finds every row by its hash, through collisions and growth, and nothing else', () => {
    const n = 5000;
    const rows = Buffer.alloc(n * 32);
    // Hashes share their first 4 bytes in groups of 7: the same start slot, so probing is exercised.
    const hash = (i: number) => {
      const h = Buffer.alloc(16);
      h.writeUInt32LE(Math.floor(i / 7) * 2654435761 >>> 0, 0);
      h.writeUInt32LE(i, 4);
      return h;
    };
    for (let i = 0; i < n; i++) hash(i).copy(rows, i * 32);
    const t = new RowTable(() => rows);
    for (let i = 0; i < n; i++) t.add(i);
    for (let i = 0; i < n; i++) expect(t.find(hash(i))).toBe(i);
    for (let i = n; i < n + 500; i++) expect(t.find(hash(i))).toBe(-1);
  });
});

describe('plan pack store', () => {
  it('reads back every value a run stored, from one file written at flush', () => {
    const dir = path.join(mkdtemp(), 'cache');
    const cold = runOnce(dir, T0, range(0, 3000));
    expect(cold.hits).toBe(0);
    expect(cold.flush).toMatchObject({ entries: 3000, used: 3000, kept: 0, expired: 0, overSize: 0, usedDropped: 0 });
    expect(fs.readdirSync(dir)).toEqual([PACK_FILE]);
    expect(fs.statSync(path.join(dir, PACK_FILE)).size).toBe(cold.flush!.bytes);
    const warm = runOnce(dir, T0 + 1000, range(0, 3000));
    expect(warm.hits).toBe(3000);
    expect(warm.cache.problem).toBeNull();
    expect(warm.cache.rejected).toBe(0);
    // Nothing is written before flush, and a second flush does nothing.
    const c = filePlanCache(path.join(dir, 'sub'), V, { now: T0 });
    c.put(key(1), value(1));
    expect(fs.existsSync(path.join(dir, 'sub'))).toBe(false);
    expect(c.flush()).not.toBeNull();
    expect(c.flush()).toBeNull();
  });

  it('stores one entry for a key put twice or read and put', () => {
    const dir = mkdtemp();
    const c = filePlanCache(dir, V, { now: T0 });
    c.put(key(1), value(1));
    c.put(key(1), value(1));
    expect(c.flush()!.entries).toBe(1);
    const d = filePlanCache(dir, V, { now: T0 });
    expect(d.get(key(1))).toEqual(value(1));
    expect(d.get(key(1))).toEqual(value(1));
    d.put(key(1), value(1));
    expect(d.flush()!.entries).toBe(1);
  });

  it('stores a value put under two keys in a row once, and keeps it shared when it is carried over', () => {
    const dir = mkdtemp();
    const rawOf = () => {
      const d = decodePack(packOf(dir), V);
      if (!('pack' in d)) throw new Error(d.problem);
      return d.pack.blocks.reduce((s, b) => s + b[1], 0);
    };
    const c = filePlanCache(dir, V, { now: T0 });
    c.put(key(1), value(7));
    c.put(key(2), value(7));
    c.put(key(3), value(8));
    c.put(key(4), value(7));
    expect(c.flush()!.entries).toBe(4);
    const one = (i: number) => Buffer.byteLength(JSON.stringify(value(i)));
    expect(rawOf()).toBe(2 * one(7) + one(8));
    // A later run that uses none of them copies them, still shared.
    expect(runOnce(dir, T0 + DAY, []).flush).toMatchObject({ entries: 4, kept: 4 });
    expect(rawOf()).toBe(2 * one(7) + one(8));
    // A run that reads them all (base and head in a row) keeps them shared too.
    const d = filePlanCache(dir, V, { now: T0 + 2 * DAY });
    expect([1, 2, 3, 4].map((i) => d.get(key(i)))).toEqual([value(7), value(7), value(8), value(7)]);
    expect(d.flush()).toMatchObject({ entries: 4, used: 4 });
    expect(rawOf()).toBe(2 * one(7) + one(8));
    const e = filePlanCache(dir, V, { now: T0 + 3 * DAY });
    expect([4, 3, 2, 1].map((i) => e.get(key(i)))).toEqual([value(7), value(8), value(7), value(7)]);
  });

  it('ignores a truncated, extended, damaged, foreign or other-version pack and writes a good one', () => {
    const dir = mkdtemp();
    runOnce(dir, T0, range(0, 500));
    const good = packOf(dir);
    const nl = good.indexOf(10);
    const header = JSON.parse(good.toString('utf8', 0, nl));
    const withHeader = (h: object) => Buffer.concat([Buffer.from(JSON.stringify(h) + '\n'), good.subarray(nl + 1)]);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 10]! ^= 0xff;
    const cases: Array<[string, Buffer, RegExp]> = [
      ['truncated', good.subarray(0, good.length - 100), /truncated or altered/],
      ['cut in the header', good.subarray(0, nl >> 1), /no header line/],
      ['extended', Buffer.concat([good, Buffer.from('more')]), /truncated or altered/],
      ['a flipped byte', flipped, /checksum mismatch/],
      ['another pack format', withHeader({ ...header, pack: 3 }), /pack format 3, this version reads format 2/],
      ['another tool version', withHeader({ ...header, tool: '9.9.9' }), /written by vschema-guard 9\.9\.9, this is 1\.2\.3/],
      ['a malformed header', withHeader({ ...header, blocks: 'x' }), /malformed header/],
      ['another file', Buffer.from('{"hello": 1}\nworld'), /not a plan pack/],
      ['not JSON', Buffer.from('\u0000\u0001binary\n'), /header is not JSON/],
      ['empty', Buffer.alloc(0), /empty file/],
    ];
    for (const [what, bytes, problem] of cases) {
      fs.writeFileSync(path.join(dir, PACK_FILE), bytes);
      const r = runOnce(dir, T0, range(0, 500));
      expect(r.hits, what).toBe(0);
      expect(r.cache.problem, what).toMatch(problem);
      expect(r.flush!.entries, what).toBe(500);
      // The pack written over it is good: the next run reads everything.
      expect(runOnce(dir, T0, range(0, 500)).hits, what).toBe(500);
    }
    expect(decodePack(good, V)).toHaveProperty('pack');
  });

  it('drops entries no run used for maxAgeDays; a use renews an entry', () => {
    const dir = mkdtemp();
    runOnce(dir, T0, range(0, 100));
    // Day 20: half of them used again.
    expect(runOnce(dir, T0 + 20 * DAY, range(0, 50)).flush).toMatchObject({ used: 50, kept: 50, expired: 0 });
    // Day 29.9: nothing used; everything is younger than 30 days.
    expect(runOnce(dir, T0 + 29.9 * DAY, []).flush).toMatchObject({ entries: 100, used: 0, kept: 100, expired: 0 });
    // Day 31: the 50 last used on day 0 are gone, those of day 20 stay.
    expect(runOnce(dir, T0 + 31 * DAY, []).flush).toMatchObject({ entries: 50, kept: 50, expired: 50 });
    expect(runOnce(dir, T0 + 31 * DAY, range(0, 100)).hits).toBe(50);
    // A shorter bound given by the user.
    expect(runOnce(dir, T0 + 33 * DAY, [], limits(1)).flush).toMatchObject({ entries: 0, expired: 100 });
  });

  it('leaves the pack as it is when a run stores nothing and renews no stamp older than a day', () => {
    const dir = mkdtemp();
    const file = path.join(dir, PACK_FILE);
    runOnce(dir, T0, range(0, 100));
    const first = packOf(dir);
    const ino = fs.statSync(file).ino;
    // Two hours later, every plan read back, none new: not rewritten (the same file, byte for byte).
    const warm = runOnce(dir, T0 + 2 * 3_600_000, range(0, 60));
    expect(warm.hits).toBe(60);
    expect(warm.flush).toEqual({ entries: 100, bytes: first.length, used: 60, usedDropped: 0, kept: 40, expired: 0, overSize: 0, legacyRemoved: 0, unchanged: true });
    expect(fs.statSync(file).ino).toBe(ino);
    expect(packOf(dir).equals(first)).toBe(true);
    // A day and more later the stamps of what is used are renewed: rewritten, and the renewal counts.
    const renewed = runOnce(dir, T0 + 2 * DAY, range(0, 60));
    expect(renewed.flush!.unchanged).toBeUndefined();
    expect(packOf(dir).equals(first)).toBe(false);
    expect(runOnce(dir, T0 + 31 * DAY, []).flush).toMatchObject({ entries: 60, expired: 40 });
    // A new plan: rewritten.
    expect(runOnce(dir, T0 + 31 * DAY, range(0, 61)).flush).toMatchObject({ entries: 61, used: 61 });
    // Nothing used, but an entry past the age bound, or a pack over a lowered size bound: rewritten.
    expect(runOnce(dir, T0 + 31 * DAY + 1000, []).flush!.unchanged).toBe(true);
    expect(runOnce(dir, T0 + 62 * DAY, []).flush).toMatchObject({ entries: 0, expired: 61 });
    runOnce(dir, T0 + 62 * DAY, range(0, 100));
    const big = packOf(dir).length;
    const cut = runOnce(dir, T0 + 62 * DAY + 1000, [], { maxAgeDays: 30, maxBytes: Math.floor(big / 2) }).flush!;
    expect(cut.unchanged).toBeUndefined();
    expect(cut.overSize).toBeGreaterThan(0);
    // A pack another run replaced meanwhile is merged, not left.
    const a = filePlanCache(dir, V, { now: T0 + 62 * DAY + 2000 });
    expect(a.get(key(1))).toEqual(value(1));
    runOnce(dir, T0 + 62 * DAY + 3000, range(100, 110));
    expect(a.flush()!.unchanged).toBeUndefined();
  });

  it('keeps the file within maxBytes, most recently used first, this run before older ones', () => {
    const dir = mkdtemp();
    const small = limits(30, 0.25); // 256 KiB
    // Four runs of 600 distinct entries (~ 200 kB raw, incompressible-ish) a day apart.
    for (let r = 0; r < 4; r++) {
      const f = runOnce(dir, T0 + r * DAY, range(r * 600, (r + 1) * 600), small).flush!;
      expect(f.bytes).toBeLessThanOrEqual(small.maxBytes);
      expect(fs.statSync(path.join(dir, PACK_FILE)).size).toBe(f.bytes);
      expect(f.used).toBe(600);
    }
    // The last run's entries are all there; of older runs, the most recent are kept first.
    const c = filePlanCache(dir, V, { now: T0 + 4 * DAY, limits: small });
    const has = (i: number) => c.get(key(i)) !== undefined;
    expect(range(1800, 2400).every(has)).toBe(true);
    expect(range(0, 600).some(has)).toBe(false);
    const kept = [range(600, 1200), range(1200, 1800)].map((r) => r.filter(has).length);
    expect(kept[1]).toBeGreaterThanOrEqual(kept[0]!);
    expect(kept[1]).toBeGreaterThan(0);
  });

  it('says when this run alone exceeds maxBytes and keeps what fits', () => {
    const dir = mkdtemp();
    const tiny = limits(30, 0.2); // 205 KiB
    const f = runOnce(dir, T0, range(0, 3000), tiny).flush!;
    expect(f.bytes).toBeLessThanOrEqual(tiny.maxBytes);
    expect(f.usedDropped).toBeGreaterThan(0);
    expect(f.used + f.usedDropped).toBe(3000);
    // The first looked-up entries are the ones kept.
    const r = runOnce(dir, T0, range(0, 3000), tiny);
    expect(r.hits).toBe(f.used);
    const c = filePlanCache(dir, V, { now: T0, limits: tiny });
    expect(c.get(key(0))).toEqual(value(0));
  });

  it('two runs on one directory keep both runs\u2019 plans (the later one merges the pack the earlier wrote)', () => {
    const dir = mkdtemp();
    runOnce(dir, T0, range(0, 100));
    const a = filePlanCache(dir, V, { now: T0 + 1000 });
    const b = filePlanCache(dir, V, { now: T0 + 2000 });
    for (const i of range(100, 200)) a.put(key(i), value(i));
    for (const i of range(200, 300)) b.put(key(i), value(i));
    expect(b.get(key(5))).toEqual(value(5));
    expect(a.flush()!.entries).toBe(200);
    expect(b.flush()).toMatchObject({ entries: 300, used: 101, kept: 199 });
    expect(b.rejected).toBe(0);
    expect(runOnce(dir, T0 + 3000, range(0, 300)).hits).toBe(300);
    expect(fs.readdirSync(dir)).toEqual([PACK_FILE]);
  });

  it('deletes the old one-file-per-entry layout and stale temporary files, nothing else', () => {
    const dir = mkdtemp();
    const h = 'ab'.repeat(32);
    fs.mkdirSync(path.join(dir, 'ab'));
    fs.mkdirSync(path.join(dir, 'cd'));
    fs.mkdirSync(path.join(dir, 'notes'));
    fs.writeFileSync(path.join(dir, 'ab', `${h}.json`), '{}');
    fs.writeFileSync(path.join(dir, 'ab', `${h}.json.123.0badf00d.tmp`), '{');
    fs.writeFileSync(path.join(dir, 'cd', `${'cd'.repeat(32)}.json`), '{}');
    fs.writeFileSync(path.join(dir, 'cd', 'mine.txt'), 'keep');
    fs.writeFileSync(path.join(dir, 'notes', `${h}.json`), 'keep');
    const stale = path.join(dir, `${PACK_FILE}.77.deadbeef.tmp`);
    const fresh = path.join(dir, `${PACK_FILE}.78.deadbeef.tmp`);
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'x');
    fs.utimesSync(stale, new Date(T0 - 2 * 3_600_000), new Date(T0 - 2 * 3_600_000));
    fs.utimesSync(fresh, new Date(T0 - 60_000), new Date(T0 - 60_000));
    const r = runOnce(dir, T0, range(0, 10));
    expect(r.flush!.legacyRemoved).toBe(3);
    expect(fs.readdirSync(dir).sort()).toEqual(['cd', 'notes', PACK_FILE, path.basename(fresh)].sort());
    expect(fs.readdirSync(path.join(dir, 'cd'))).toEqual(['mine.txt']);
    expect(fs.readdirSync(path.join(dir, 'notes'))).toEqual([`${h}.json`]);
  });

  it('never throws when the directory cannot be made or read', () => {
    const root = mkdtemp();
    const blocker = path.join(root, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const c = filePlanCache(blocker, V, { now: T0 });
    expect(c.problem).toMatch(/cannot be read/);
    expect(c.get(key(1))).toBeUndefined();
    c.put(key(1), value(1));
    expect(c.flush()).toBeNull();
    expect(c.failedWrites).toBe(1);
    expect(c.writeError).toMatch(/EEXIST|ENOTDIR/);
  });
});
