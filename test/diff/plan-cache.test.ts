// `diff --cache DIR`: plans of earlier runs are reused without changing the report (byte for byte
// apart from the "from cache" figures), a VSchema change re-plans exactly the statements of the
// tables it touches, a corrupt, truncated, foreign or other-version pack is never trusted, and a
// pack pruned to --cache-max-mb gives the same report.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers.js';
import { run } from '../cli/run.js';

const mkdtemp = tempDirs('vg-plan-cache-');
const files = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));

/** The markdown report without its "From cache" sentence. */
const mdWithoutCache = (s: string): string => {
  const out = s.replace(/ From cache: [^_]*?\(the rest planned and stored\)\./, '').replace(/_From cache: [^_]*_\n/, '');
  expect(out).not.toBe(s);
  return out;
};
/** The JSON report without its routing.cache member. */
const jsonWithoutCache = (s: string): string => {
  const out = s.replace(/\n\s*"cache": \{\s*"hits": \d+,\s*"misses": \d+\s*\},/, '');
  expect(out).not.toBe(s);
  return out;
};
const cacheOf = (json: string): { hits: number; misses: number } => JSON.parse(json).routing.cache;

describe('diff --cache DIR', () => {
  const dir = 'fixtures/diff/primary-vindex-changed';
  const args = ['diff', '--base', `${dir}/base`, '--head', `${dir}/head`, '--queries', `${dir}/queries.sql`, '--topology', `${dir}/topology.json`];

  it('renders the same markdown and JSON with a cold cache, a warm cache and no cache', async () => {
    const cache = mkdtemp();
    for (const [format, strip] of [['markdown', mdWithoutCache], ['json', jsonWithoutCache]] as const) {
      const plain = await run([...args, '--format', format]);
      const cold = await run([...args, '--format', format, '--cache', cache]);
      const warm = await run([...args, '--format', format, '--cache', cache]);
      expect(strip(cold.out)).toBe(plain.out);
      expect(strip(warm.out)).toBe(plain.out);
      expect([cold.code, warm.code]).toEqual([plain.code, plain.code]);
      expect(warm.err).toBe('');
    }
    const cold = cacheOf((await run([...args, '--format', 'json', '--cache', mkdtemp()])).out);
    const warm = cacheOf((await run([...args, '--format', 'json', '--cache', cache])).out);
    expect(cold.hits).toBe(0);
    expect(cold.misses).toBeGreaterThan(0);
    expect(warm).toEqual({ hits: cold.misses, misses: 0 });
    expect((await run([...args, '--cache', cache])).out).toContain(`From cache: ${cold.misses} plans of ${cold.misses} (the rest planned and stored).`);
    expect((await run([...args, '--format', 'text', '--cache', cache])).out).toContain(`from cache: ${cold.misses} of ${cold.misses} plans`);
  }, 60_000);

  it('re-plans exactly the statements of the tables a VSchema change touches', async () => {
    const root = mkdtemp();
    const cache = path.join(root, 'cache');
    const ks = (cols: Record<string, string>): string => JSON.stringify({
      sharded: true, vindexes: { hash: { type: 'hash' } },
      tables: Object.fromEntries(Object.entries(cols).map(([t, c]) => [t, { column_vindexes: [{ column: c, name: 'hash' }] }])),
    });
    const write = (name: string, cols: Record<string, string>): string => {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'customer.json'), ks(cols));
      return path.join(root, name);
    };
    const base = write('base', { user: 'id', orders: 'id', items: 'id' });
    // Push 1 changes user; push 2 keeps that change and also changes orders.
    const push1 = write('push1', { user: 'user_id', orders: 'id', items: 'id' });
    const push2 = write('push2', { user: 'user_id', orders: 'user_id', items: 'id' });
    const q = path.join(root, 'queries.sql');
    fs.writeFileSync(q, [
      'select * from user where id = 1;', "select name from user where user_id = 2;",
      'select * from orders where id = 1;', 'select * from orders where user_id = 3;', 'delete from orders where id = 4;',
      'select * from items where id = 1;',
    ].join('\n'));
    const diff = async (head: string): Promise<{ hits: number; misses: number; planned: number }> => {
      const r = await run(['diff', '--base', base, '--head', head, '--queries', q, '--format', 'json', '--cache', cache]);
      expect(r.err).toBe('');
      return { ...cacheOf(r.out), planned: JSON.parse(r.out).routing.planned };
    };
    // Push 1: the 2 user statements planned at base and head.
    expect(await diff(push1)).toEqual({ hits: 0, misses: 4, planned: 2 });
    // Push 2: user's statements come from the cache at both sides; the 3 orders statements are new.
    expect(await diff(push2)).toEqual({ hits: 4, misses: 6, planned: 5 });
    expect(await diff(push2)).toEqual({ hits: 10, misses: 0, planned: 5 });
    // Push 1 again: every plan it needs was stored by an earlier run.
    expect(await diff(push1)).toEqual({ hits: 4, misses: 0, planned: 2 });
  }, 60_000);

  it('gives the same report with a corrupted, truncated, foreign-version or old-layout cache, and rewrites it', async () => {
    const cache = mkdtemp();
    const plain = await run([...args, '--format', 'json']);
    const cold = cacheOf((await run([...args, '--format', 'json', '--cache', cache])).out);
    expect(files(cache).map((f) => path.basename(f))).toEqual(['plans.vgpack']);
    const pack = path.join(cache, 'plans.vgpack');
    const good = fs.readFileSync(pack);
    const nl = good.indexOf(10);
    const header = JSON.parse(good.toString('utf8', 0, nl));
    const flipped = Buffer.from(good);
    flipped[nl + 5]! ^= 0x55;
    const damaged: Array<[string, Buffer, RegExp]> = [
      ['truncated', good.subarray(0, good.length - 7), /truncated or altered/],
      ['corrupted', flipped, /checksum mismatch/],
      ['another tool version', Buffer.concat([Buffer.from(JSON.stringify({ ...header, tool: '0.0.1' }) + '\n'), good.subarray(nl + 1)]), /written by vschema-guard 0\.0\.1/],
      ['another pack format', Buffer.concat([Buffer.from(JSON.stringify({ ...header, pack: 99 }) + '\n'), good.subarray(nl + 1)]), /pack format 99/],
      ['not a pack', Buffer.from('hello'), /not a plan pack/],
    ];
    for (const [what, bytes, problem] of damaged) {
      fs.writeFileSync(pack, bytes);
      const r = await run([...args, '--format', 'json', '--cache', cache]);
      expect(cacheOf(r.out), what).toEqual({ hits: 0, misses: cold.misses });
      expect(jsonWithoutCache(r.out), what).toBe(plain.out);
      expect(r.code, what).toBe(plain.code);
      expect(r.err, what).toMatch(new RegExp(`plan cache .*: plans\\.vgpack ignored: ${problem.source}.*; its plans are computed again`));
      // The pack was written again: the next run reads every plan.
      expect(cacheOf((await run([...args, '--format', 'json', '--cache', cache])).out), what).toEqual({ hits: cold.misses, misses: 0 });
    }
    // The one-file-per-entry layout of earlier versions: not read, deleted.
    fs.rmSync(pack);
    fs.mkdirSync(path.join(cache, '5e'));
    fs.writeFileSync(path.join(cache, '5e', `${'5e'.repeat(32)}.json`), JSON.stringify({ tool: 'vschema-guard', version: '0.1.0', key: 'k', value: {} }));
    const r = await run([...args, '--format', 'json', '--cache', cache]);
    expect(jsonWithoutCache(r.out)).toBe(plain.out);
    expect(r.err).toBe('');
    expect(files(cache).map((f) => path.basename(f))).toEqual(['plans.vgpack']);
  }, 60_000);

  it('gives the same report after pruning to --cache-max-mb, and the pack stays within it', async () => {
    const root = mkdtemp();
    const cache = path.join(root, 'cache');
    // 400 distinct statements: ≈ 800 plans, well over 1/64 MB compressed.
    const q = path.join(root, 'queries.sql');
    fs.writeFileSync(q, Array.from({ length: 400 }, (_, i) => `select c${i}, amount from payment where customer_id = ${i} and a${i} = 'x${i}';`).join('\n'));
    const big = [...args.slice(0, 5), '--queries', q, '--topology', `${dir}/topology.json`, '--format', 'json'];
    const plain = await run(big);
    const max = 1 / 64;
    const first = await run([...big, '--cache', cache, '--cache-max-mb', String(max)]);
    expect(jsonWithoutCache(first.out)).toBe(plain.out);
    expect(first.err).toMatch(/plan cache .*: this run's plans alone exceed --cache-max-mb 0\.015625: \d+ kept, \d+ planned again next time/);
    expect(fs.statSync(path.join(cache, 'plans.vgpack')).size).toBeLessThanOrEqual(max * 2 ** 20);
    const second = await run([...big, '--cache', cache, '--cache-max-mb', String(max)]);
    expect(jsonWithoutCache(second.out)).toBe(plain.out);
    const c = cacheOf(second.out);
    expect(c.hits).toBeGreaterThan(0);
    expect(c.misses).toBeGreaterThan(0);
    expect(fs.statSync(path.join(cache, 'plans.vgpack')).size).toBeLessThanOrEqual(max * 2 ** 20);
    // With the default bound everything is kept, and a warm run reads it all.
    await run([...big, '--cache', cache]);
    const warm = await run([...big, '--cache', cache]);
    expect(jsonWithoutCache(warm.out)).toBe(plain.out);
    expect(cacheOf(warm.out).misses).toBe(0);
  }, 60_000);

  it('still reports when the cache directory cannot be written', async () => {
    const root = mkdtemp();
    const blocker = path.join(root, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const plain = await run([...args, '--format', 'json']);
    const r = await run([...args, '--format', 'json', '--cache', blocker]);
    expect(jsonWithoutCache(r.out)).toBe(plain.out);
    expect(r.code).toBe(plain.code);
    expect(r.err).toMatch(/plan cache .*: plans not stored: /);
  });

  it('refuses an empty --cache and bad prune limits', async () => {
    const cases: Array<[string[], string]> = [
      [['--cache', ''], '--cache needs a directory'],
      [['--cache', 'x', '--cache-max-mb', '0'], '--cache-max-mb must be a number greater than 0, not "0"'],
      [['--cache', 'x', '--cache-max-mb', 'lots'], '--cache-max-mb must be a number greater than 0, not "lots"'],
      [['--cache', 'x', '--cache-max-age', '-1'], '--cache-max-age must be a number greater than 0, not "-1"'],
      [['--cache-max-age', '3'], '--cache-max-mb and --cache-max-age need --cache DIR'],
    ];
    for (const [extra, message] of cases) {
      const r = await run([...args, ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
    }
  });
});
