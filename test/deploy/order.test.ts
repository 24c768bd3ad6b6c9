import { describe, expect, it } from 'vitest';
import { applyOrder, keyspaceDependencies } from '../../src/deploy/order.js';
import { V1, cluster } from './helpers.js';

describe('apply order', () => {
  it('applies the keyspace holding sequences and lookup tables before their users', () => {
    const c = cluster(V1);
    expect(Object.fromEntries([...keyspaceDependencies(c)].map(([k, v]) => [k, [...v].sort()]))).toEqual({ lookup: [], customer: ['lookup'], corder: ['lookup'] });
    expect(applyOrder(c, ['corder', 'customer', 'lookup'])).toEqual(['lookup', 'corder', 'customer']);
  });

  it('follows dependencies even against the unsharded-first tie-break', () => {
    // A sharded keyspace holding a reference source used by an unsharded one.
    const c = cluster({
      main: { sharded: true, vindexes: { h: { type: 'hash' } }, tables: { country: { type: 'reference' }, t: { column_vindexes: [{ column: 'id', name: 'h' }] } } },
      aux: { tables: { country: { type: 'reference', source: 'main.country' } } },
    });
    expect(applyOrder(c, ['aux', 'main'])).toEqual(['main', 'aux']);
  });

  it('keeps only the names asked for and tolerates cycles', () => {
    const c = cluster({
      a: { tables: { s: { type: 'sequence' }, t: { auto_increment: { column: 'id', sequence: 'b.s2' } } } },
      b: { tables: { s2: { type: 'sequence' }, u: { auto_increment: { column: 'id', sequence: 'a.s' } } } },
      z: { tables: {} },
    });
    expect(applyOrder(c, ['b', 'a'])).toEqual(['a', 'b']);
    expect(applyOrder(c, ['z', 'nope'])).toEqual(['z', 'nope']);
  });
});
