// `diff --cache DIR`: plans of earlier runs are reused without changing the report (byte for byte
// apart from the "from cache" figures), a VSchema change re-plans exactly the statements of the
// tables it touches, and a corrupt, unreadable or other-version entry is never trusted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../cli/run.js';

const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mkdtemp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-plan-cache-'));
  tmp.push(d);
  return d;
};
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

  it('ignores corrupt, truncated and other-version entries and plans those statements again', async () => {
    const cache = mkdtemp();
    const plain = await run([...args, '--format', 'json']);
    const cold = cacheOf((await run([...args, '--format', 'json', '--cache', cache])).out);
    const entries = files(cache);
    expect(entries.length).toBe(cold.misses);
    expect(entries.every((f) => /[0-9a-f]{64}\.json$/.test(f))).toBe(true);
    // Damage every entry a different way.
    entries.forEach((f, i) => {
      const text = fs.readFileSync(f, 'utf8');
      const j = JSON.parse(text);
      const bad = [
        () => text.slice(0, text.length >> 1),
        () => 'not json',
        () => JSON.stringify({ ...j, version: '0.0.0-other' }),
        () => JSON.stringify({ ...j, value: { ...j.value, format: 999 } }),
        () => JSON.stringify({ ...j, value: { ...j.value, report: { ...j.value.report, fanout: 'everywhere' } } }),
        () => JSON.stringify({ ...j, key: 'another key' }),
      ][i % 6]!;
      fs.writeFileSync(f, bad());
    });
    const r = await run([...args, '--format', 'json', '--cache', cache]);
    expect(cacheOf(r.out)).toEqual({ hits: 0, misses: cold.misses });
    expect(jsonWithoutCache(r.out)).toBe(plain.out);
    expect(r.err).toMatch(/plan cache .*: \d+ unreadable or outdated entr(y|ies) ignored \(planned again\)/);
    // The damaged entries were rewritten: the next run reads them all.
    expect(cacheOf((await run([...args, '--format', 'json', '--cache', cache])).out)).toEqual({ hits: cold.misses, misses: 0 });
  }, 60_000);

  it('still reports when the cache directory cannot be written', async () => {
    const root = mkdtemp();
    const blocker = path.join(root, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const plain = await run([...args, '--format', 'json']);
    const r = await run([...args, '--format', 'json', '--cache', blocker]);
    expect(jsonWithoutCache(r.out)).toBe(plain.out);
    expect(r.code).toBe(plain.code);
    expect(r.err).toMatch(/plan cache .*: \d+ plans? not stored: /);
  });

  it('refuses an empty --cache', async () => {
    const r = await run([...args, '--cache', '']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--cache needs a directory');
  });
});
