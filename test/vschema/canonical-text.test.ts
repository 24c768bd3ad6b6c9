import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSource } from '../../src/vschema/build-model.js';
import { canonicalKeyspace, canonicalText, keyspaceSha256, sameCanonical } from '../../src/vschema/canonical.js';
import { loadClusters } from '../../src/vschema/load.js';
import { V1, V2, keyspace } from '../deploy/helpers.js';

describe('canonical text (memoised per keyspace object)', () => {
  it('is the same for the same VSchema written another way, differs for another VSchema, and the hash follows it', () => {
    const a = keyspace('customer', V1.customer!);
    const reordered = keyspace('customer', JSON.parse(JSON.stringify({ tables: V1.customer!.tables, vindexes: V1.customer!.vindexes, sharded: true })));
    const b = keyspace('customer', V2.customer!);
    expect(canonicalText(a)).toBe(canonicalText(reordered));
    expect(canonicalText(a)).not.toBe(canonicalText(b));
    expect(keyspaceSha256(a)).toBe(keyspaceSha256(reordered));
    expect(keyspaceSha256(a)).not.toBe(keyspaceSha256(b));
    // Asked again (memoised), the answers do not change, and each keyspace keeps its own.
    expect(canonicalText(a)).toBe(JSON.stringify(canonicalKeyspace(a)));
    expect(canonicalText(b)).toBe(JSON.stringify(canonicalKeyspace(b)));
    expect(keyspaceSha256(b)).toBe(keyspaceSha256(keyspace('customer', V2.customer!)));
  });

  it('equal texts exactly when the canonical objects are deep-equal (random tables and vindexes)', () => {
    const vschema = fc.record({
      sharded: fc.boolean(),
      vindexes: fc.dictionary(fc.constantFrom('hash', 'xxhash', 'lk'), fc.record({ type: fc.constantFrom('hash', 'xxhash', 'binary') }), { maxKeys: 2 }),
      tables: fc.dictionary(fc.constantFrom('t1', 't2', 'T1', 't3'), fc.record({ column_vindexes: fc.array(fc.record({ column: fc.constantFrom('id', 'c'), name: fc.constantFrom('hash', 'xxhash') }), { maxLength: 2 }) }, { requiredKeys: [] }), { maxKeys: 3 }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(vschema, vschema, (x, y) => {
      const a = keyspace('ks', x as never);
      const b = keyspace('ks', y as never);
      expect(canonicalText(a) === canonicalText(b)).toBe(isDeepStrictEqual(canonicalKeyspace(a), canonicalKeyspace(b)));
    }), { numRuns: 300 });
  });
});

describe('sameSource / sameCanonical', () => {
  it('knows keyspaces built from the same text (one parse shared by two files), whatever the files are called', () => {
    const text = JSON.stringify(V1.customer, null, 2);
    const reordered = JSON.stringify({ tables: V1.customer!.tables, vindexes: V1.customer!.vindexes, sharded: true });
    const parseCache = new Map();
    const load = (path: string, t: string, name = 'customer') => loadClusters([{ path, text: t }], { keyspaceNameFor: () => name, parseCache }).clusters[0]!.keyspaces.get(name)!;
    const base = load('base/customer.json', text);
    const head = load('head/customer.json', text);
    const other = load('head/customer.json', reordered);
    const renamed = load('head/other.json', text, 'other');
    expect(sameSource(base, head)).toBe(true);
    expect(sameSource(base, other)).toBe(false);
    expect(sameSource(base, renamed)).toBe(false);
    expect(sameCanonical(base, other)).toBe(true);
    expect(sameCanonical(base, load('x.json', JSON.stringify(V2.customer)))).toBe(false);
    // Without a shared parse, the same text is told by its contents.
    const alone = loadClusters([{ path: 'c.json', text }], { keyspaceNameFor: () => 'customer' }).clusters[0]!.keyspaces.get('customer')!;
    expect(sameSource(base, alone)).toBe(false);
    expect(sameCanonical(base, alone)).toBe(true);
  });
});
