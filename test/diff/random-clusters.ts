// Random clusters and random changes to them, as VSchema files: the generators of the skip and
// signature property tests (test/diff/skip-unaffected.test.ts, signature-comparer.test.ts).
import fc from 'fast-check';

export const KS = ['customer', 'commerce', 'lookup'];
export const TABLES = ['user', 'orders', 'product', 'item', 'user_seq', 'name_idx'];
export const COLS = ['id', 'user_id', 'email', 'name'];
const VNAMES = ['hash', 'xxh', 'lk', 'md5', 'name_lk'];
const VTYPES = ['hash', 'xxhash', 'binary_md5', 'numeric', 'unicode_loose_md5', 'lookup_hash_unique', 'consistent_lookup_unique', 'consistent_lookup', 'no_such_type'];
const LOOKUP_TABLES = ['lookup.name_idx', 'name_idx', 'customer.orders', 'lookup.item'];
const SOURCES = ['commerce.product', 'product', 'customer.item', 'lookup.user'];
const SEQUENCES = ['user_seq', 'commerce.user_seq', 'lookup.user_seq'];
const RULE_FROM = ['user', 'customer.user', 'product@primary', 'orders', 'commerce.item'];
const RULE_TO = ['customer.user', 'commerce.product', 'lookup.orders', 'bad'];

type Tbl = { name: string; kind: string; cvs: Array<{ col: string; vindex: string }>; seq: string | null; source: string | null; pinned: string | null };
type Vdx = { name: string; type: string; table: string; owner: string };
type Ks = { name: string; sharded: boolean; explicit: boolean; vindexes: Vdx[]; tables: Tbl[] };
export type Cl = { keyspaces: Ks[]; rules: Array<{ from: string; to: string[] }> };

const tableArb: fc.Arbitrary<Tbl> = fc.record({
  name: fc.constantFrom(...TABLES),
  kind: fc.constantFrom('', '', '', 'reference', 'sequence'),
  cvs: fc.array(fc.record({ col: fc.constantFrom(...COLS), vindex: fc.constantFrom(...VNAMES) }), { maxLength: 2 }),
  seq: fc.option(fc.constantFrom(...SEQUENCES), { freq: 3 }),
  source: fc.option(fc.constantFrom(...SOURCES), { freq: 3 }),
  pinned: fc.option(fc.constantFrom('00', '80'), { freq: 6 }),
});
const ksArb: fc.Arbitrary<Omit<Ks, 'name'>> = fc.record({
  sharded: fc.boolean(),
  explicit: fc.constantFrom(false, false, false, true),
  vindexes: fc.uniqueArray(
    fc.record({ name: fc.constantFrom(...VNAMES), type: fc.constantFrom(...VTYPES), table: fc.constantFrom(...LOOKUP_TABLES), owner: fc.constantFrom('', ...TABLES) }),
    { selector: (v) => v.name, maxLength: 3 },
  ),
  tables: fc.uniqueArray(tableArb, { selector: (t) => t.name, maxLength: 5 }),
});
export const clusterArb: fc.Arbitrary<Cl> = fc.record({
  keyspaces: fc.uniqueArray(fc.tuple(fc.constantFrom(...KS), ksArb).map(([name, k]) => ({ name, ...k })), { selector: (k) => k.name, minLength: 1, maxLength: 3 }),
  rules: fc.array(fc.record({ from: fc.constantFrom(...RULE_FROM), to: fc.array(fc.constantFrom(...RULE_TO), { maxLength: 2 }) }), { maxLength: 2 }),
});

const MUTATIONS = [
  'toggle-sharded', 'toggle-explicit', 'remove-table', 'add-table', 'cv-vindex', 'cv-column', 'vindex-type', 'vindex-table',
  'table-kind', 'table-source', 'table-seq', 'table-pinned', 'add-rule', 'remove-rule', 'remove-keyspace', 'add-keyspace', 'move-table',
] as const;
export const mutationArb = fc.record({ kind: fc.constantFrom(...MUTATIONS), a: fc.nat(20), b: fc.nat(20), c: fc.nat(20) });

const pick = <T>(xs: readonly T[], i: number): T | undefined => (xs.length ? xs[i % xs.length] : undefined);

/** Applies a mutation to a deep copy of the cluster. */
export function mutate(cl: Cl, m: { kind: (typeof MUTATIONS)[number]; a: number; b: number; c: number }): Cl {
  const out = structuredClone(cl);
  const ks = pick(out.keyspaces, m.a)!;
  const t = pick(ks.tables, m.b);
  const v = pick(ks.vindexes, m.b);
  switch (m.kind) {
    case 'toggle-sharded': ks.sharded = !ks.sharded; break;
    case 'toggle-explicit': ks.explicit = !ks.explicit; break;
    case 'remove-table': if (t) ks.tables.splice(ks.tables.indexOf(t), 1); break;
    case 'add-table': {
      const name = pick(TABLES, m.b)!;
      if (!ks.tables.some((x) => x.name === name)) ks.tables.push({ name, kind: '', cvs: [{ col: pick(COLS, m.c)!, vindex: pick(VNAMES, m.c)! }], seq: null, source: null, pinned: null });
      break;
    }
    case 'cv-vindex': if (t) t.cvs = t.cvs.length ? [{ ...t.cvs[0]!, vindex: pick(VNAMES, m.c)! }, ...t.cvs.slice(1)] : [{ col: 'id', vindex: pick(VNAMES, m.c)! }]; break;
    case 'cv-column': if (t?.cvs.length) t.cvs[0] = { ...t.cvs[0]!, col: pick(COLS, m.c)! }; break;
    case 'vindex-type': if (v) v.type = pick(VTYPES, m.c)!; break;
    case 'vindex-table': if (v) v.table = pick(LOOKUP_TABLES, m.c)!; break;
    case 'table-kind': if (t) t.kind = pick(['', 'reference', 'sequence'], m.c)!; break;
    case 'table-source': if (t) t.source = m.c % 4 === 0 ? null : pick(SOURCES, m.c)!; break;
    case 'table-seq': if (t) t.seq = m.c % 4 === 0 ? null : pick(SEQUENCES, m.c)!; break;
    case 'table-pinned': if (t) t.pinned = m.c % 3 === 0 ? null : pick(['00', '80'], m.c)!; break;
    case 'add-rule': out.rules.push({ from: pick(RULE_FROM, m.b)!, to: [pick(RULE_TO, m.c)!] }); break;
    case 'remove-rule': if (out.rules.length) out.rules.splice(m.b % out.rules.length, 1); break;
    case 'remove-keyspace': if (out.keyspaces.length > 1) out.keyspaces.splice(out.keyspaces.indexOf(ks), 1); break;
    case 'add-keyspace': {
      const name = KS.find((n) => !out.keyspaces.some((k) => k.name === n));
      if (name) out.keyspaces.push({ ...structuredClone(ks), name });
      break;
    }
    case 'move-table': {
      const to = pick(out.keyspaces, m.c)!;
      if (t && to !== ks && !to.tables.some((x) => x.name === t.name)) {
        ks.tables.splice(ks.tables.indexOf(t), 1);
        to.tables.push(t);
      }
      break;
    }
  }
  return out;
}

/** The cluster as VSchema files: one per keyspace, plus routing_rules.json. */
export function files(cl: Cl): Array<{ path: string; text: string }> {
  const out = cl.keyspaces.map((k) => ({
    path: `${k.name}.json`,
    text: JSON.stringify({
      sharded: k.sharded,
      ...(k.explicit ? { require_explicit_routing: true } : {}),
      vindexes: Object.fromEntries(k.vindexes.map((v) => [v.name, {
        type: v.type,
        ...(v.type.includes('lookup') ? { params: { table: v.table, from: 'email', to: 'keyspace_id' }, ...(v.owner ? { owner: v.owner } : {}) } : {}),
      }])),
      tables: Object.fromEntries(k.tables.map((t) => [t.name, {
        ...(t.kind ? { type: t.kind } : {}),
        ...(t.cvs.length && t.kind === '' ? { column_vindexes: t.cvs.map((cv) => ({ column: cv.col, name: cv.vindex })) } : {}),
        ...(t.seq && t.kind === '' ? { auto_increment: { column: 'id', sequence: t.seq } } : {}),
        ...(t.source && t.kind === 'reference' ? { source: t.source } : {}),
        ...(t.pinned ? { pinned: t.pinned } : {}),
      }])),
    }, null, 2),
  }));
  if (cl.rules.length) out.push({ path: 'routing_rules.json', text: JSON.stringify({ rules: cl.rules.map((r) => ({ from_table: r.from, to_tables: r.to })) }, null, 2) });
  return out;
}
