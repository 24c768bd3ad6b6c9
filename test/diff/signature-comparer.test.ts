// signatureComparer (src/diff/routing-signature.ts) answers exactly `base.of(n) === head.of(n)` for
// every name either side declares, over random clusters, random changes (several keyspaces left
// as they were) and random topologies, whether it decided from the keyspaces' identity or built both.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routingSignatures, signatureComparer } from '../../src/diff/routing-signature.js';
import { makeContext } from '../../src/simulate/context.js';
import { buildTopology } from '../../src/topology/topology.js';
import { loadClusters, mergeClusters } from '../../src/vschema/load.js';
import { type Cl, clusterArb, files, mutate, mutationArb } from './random-clusters.js';

function side(cl: Cl, topology: unknown) {
  const cluster = mergeClusters(loadClusters(files(cl), { keyspaceNameFor: (p) => (p === 'routing_rules.json' ? undefined : p.replace(/\.json$/, '')) }).clusters, 'x');
  return routingSignatures(makeContext(cluster), buildTopology(cluster, topology).topology);
}

describe('signatureComparer', () => {
  it('gives exactly the comparison of the signatures (property)', () => {
    let names = 0;
    let differ = 0;
    const topologies = [null, { customer: 4, commerce: ['-40', '40-'] }, { customer: 2 }];
    fc.assert(
      fc.property(clusterArb, fc.array(mutationArb, { maxLength: 3 }), fc.nat(2), fc.nat(2), (base, muts, tb, th) => {
        const head = muts.reduce(mutate, base);
        const bs = side(base, topologies[tb]);
        const hs = side(head, topologies[th]);
        // A fresh pair for the direct comparison: the comparer must not depend on what was built before.
        const bs2 = side(base, topologies[tb]);
        const hs2 = side(head, topologies[th]);
        const same = signatureComparer(bs, hs);
        for (const n of new Set([...bs.declared(), ...hs.declared()])) {
          names++;
          const expected = bs2.of(n) === hs2.of(n);
          if (!expected) differ++;
          expect(same(n), n).toBe(expected);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
    // Both answers occur often.
    expect(differ).toBeGreaterThan(names / 50);
    expect(names - differ).toBeGreaterThan(names / 5);
  });

  it('the same keyspace with its tables in another order is compared by its signatures (they list tables in file order)', () => {
    const ref = (name: string) => ({ name, kind: 'reference', cvs: [], seq: null, source: 'commerce.product', pinned: null });
    const ks = (tables: ReturnType<typeof ref>[]): Cl => ({ keyspaces: [{ name: 'lookup', sharded: false, explicit: false, vindexes: [], tables }, { name: 'commerce', sharded: false, explicit: false, vindexes: [], tables: [{ ...ref('product'), kind: '', source: null }] }], rules: [] });
    const a = side(ks([ref('item'), ref('user')]), null);
    const b = side(ks([ref('user'), ref('item')]), null);
    expect(a.of('product') === b.of('product')).toBe(false);
    expect(signatureComparer(a, b)('product')).toBe(false);
  });

  it('the same keyspace under another topology (shards) is not the same', () => {
    const cl: Cl = { keyspaces: [{ name: 'customer', sharded: true, explicit: false, vindexes: [{ name: 'hash', type: 'hash', table: '', owner: '' }], tables: [{ name: 'user', kind: '', cvs: [{ col: 'id', vindex: 'hash' }], seq: null, source: null, pinned: null }] }], rules: [] };
    const same = signatureComparer(side(cl, { customer: 2 }), side(cl, { customer: 4 }));
    expect(same('user')).toBe(false);
    expect(signatureComparer(side(cl, { customer: 2 }), side(cl, { customer: 2 }))('user')).toBe(true);
  });
});
