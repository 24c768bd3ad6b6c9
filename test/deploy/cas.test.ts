import { describe, expect, it } from 'vitest';
import { decide, describeDifferences } from '../../src/deploy/cas.js';
import { ABSENT, EMPTY_HASH, applyPayload, hashLive, hashVSchemaJson } from '../../src/deploy/live-hash.js';
import { keyspaceSha256 } from '../../src/vschema/canonical.js';
import { V1, V2, keyspace } from './helpers.js';

const B = 'b'.repeat(64);
const H = 'c'.repeat(64);
const X = 'd'.repeat(64);
const base = { baseHash: B, headHash: H, unknownFields: [], liveProblems: [], allowDrift: false };

describe('compare-and-swap decisions', () => {
  it.each([
    ['live == head → skip (a re-run is a no-op)', { liveHash: H }, 'skip', false],
    ['live == base → apply', { liveHash: B }, 'apply', false],
    ['live elsewhere → drift', { liveHash: X }, 'drift', true],
    ['live elsewhere with --allow-drift → apply, flagged as drift', { liveHash: X, allowDrift: true }, 'apply', true],
    ['unknown fields → refused even when live == base', { liveHash: B, unknownFields: ['tables.t.columns[0]#12'] }, 'refused', false],
    ['unknown fields with --allow-drift → still refused', { liveHash: X, unknownFields: ['#9'], allowDrift: true }, 'refused', false],
    ['unknown fields but live == head → skip (nothing is written)', { liveHash: H, unknownFields: ['#9'] }, 'skip', false],
    ['live the loader cannot read → refused', { liveHash: 'none', liveProblems: ['/tables: expected an object'] }, 'refused', false],
    ['new keyspace: base absent, live absent → apply', { baseHash: ABSENT, liveHash: ABSENT }, 'apply', false],
    ['new keyspace: base absent, live empty (CreateKeyspace) → apply', { baseHash: ABSENT, liveHash: EMPTY_HASH }, 'apply', false],
    ['new keyspace: base absent, live has content → drift', { baseHash: ABSENT, liveHash: X }, 'drift', true],
    ['base empty VSchema, live absent → drift (absent is not empty)', { baseHash: EMPTY_HASH, liveHash: ABSENT }, 'drift', true],
  ])('%s', (_name, over, decision, drifted) => {
    const d = decide({ ...base, ...over });
    expect(d.decision).toBe(decision);
    expect(d.drifted).toBe(drifted);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it('names the unknown fields in the refusal', () => {
    expect(decide({ ...base, liveHash: B, unknownFields: ['multi_tenant_spec#6', 'tables.t#12'] }).reason).toContain('multi_tenant_spec#6, tables.t#12');
  });
});

describe('hashing like with like', () => {
  it('hashes a live VSchema (proto names) as the file it came from', () => {
    for (const [name, v] of Object.entries({ ...V1, ...Object.fromEntries(Object.entries(V2).map(([k, x]) => [k + '2', x])) })) {
      const def = keyspace(name, v);
      expect(hashLive(name, { vschema: applyPayload(def), unknownFields: [] }).hash).toBe(keyspaceSha256(def));
    }
  });

  it('is independent of key order, lowerCamel spelling and explicit defaults, not of array order', () => {
    const a = hashVSchemaJson('k', { sharded: true, vindexes: { h: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'h' }] } } }).hash;
    const b = hashVSchemaJson('k', { tables: { t: { columnVindexes: [{ name: 'h', column: 'id' }], pinned: '' } }, vindexes: { h: { type: 'hash', params: {} } }, sharded: true, requireExplicitRouting: false }).hash;
    expect(b).toBe(a);
    const two = (order: string[]): string => hashVSchemaJson('k', { tables: { t: { columns: order.map((n) => ({ name: n })) } } }).hash;
    expect(two(['a', 'b'])).not.toBe(two(['b', 'a']));
  });

  it('covers multi_tenant_spec and the schema-tracking column fields', () => {
    const plain = hashVSchemaJson('k', { tables: { t: { columns: [{ name: 'a' }] } } }).hash;
    expect(hashVSchemaJson('k', { tables: { t: { columns: [{ name: 'a', nullable: false }] } } }).hash).not.toBe(plain);
    expect(hashVSchemaJson('k', { tables: { t: { columns: [{ name: 'a', collation_name: 'utf8mb4_bin' }] } } }).hash).not.toBe(plain);
    expect(hashVSchemaJson('k', { multi_tenant_spec: { tenant_id_column_name: 'tid' }, tables: { t: { columns: [{ name: 'a' }] } } }).hash).not.toBe(plain);
    const def = keyspace('k', { multi_tenant_spec: { tenant_id_column_name: 'tid', tenant_id_column_type: 'INT64' }, tables: { t: { columns: [{ name: 'a', size: 3, values: ['x', 'y'] }] } } });
    expect(applyPayload(def)).toEqual({ multi_tenant_spec: { tenant_id_column_name: 'tid', tenant_id_column_type: 'INT64' }, tables: { t: { columns: [{ name: 'a', size: 3, values: ['x', 'y'] }] } } });
  });

  it('keeps absent and empty apart', () => {
    expect(hashLive('k', null).hash).toBe(ABSENT);
    expect(hashLive('k', { vschema: {}, unknownFields: [] }).hash).toBe(EMPTY_HASH);
    expect(EMPTY_HASH).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('drift description', () => {
  it('lists what live changed relative to base, in proto names', () => {
    const lines = describeDifferences(keyspace('customer', V1.customer!), keyspace('customer', { ...V1.customer!, vindexes: { hash: { type: 'xxhash' } } }));
    expect(lines).toEqual(['~ vindexes.hash.type: "hash" → "xxhash"']);
    const added = describeDifferences(keyspace('lookup', V1.lookup!), keyspace('lookup', V2.lookup!));
    expect(added).toEqual(['+ tables.product_seq: {"type":"sequence"}']);
    expect(describeDifferences(null, keyspace('lookup', V1.lookup!))[0]).toBe('(base side: no VSchema)');
  });
});
