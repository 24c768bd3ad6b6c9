import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('conflicting-primary-vindex', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('conflicting-primary-vindex', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"a\": {\"column_vindexes\": [{\"column\": \"cid\", \"name\": \"h\"}]}, \"b\": {\"column_vindexes\": [{\"column\": \"cid\", \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"x\": {\"type\": \"xxhash\"}}, \"tables\": {\"a\": {\"column_vindexes\": [{\"column\": \"cid\", \"name\": \"h\"}]}, \"b\": {\"column_vindexes\": [{\"column\": \"cid\", \"name\": \"h\"}]}, \"c\": {\"column_vindexes\": [⟪{\"column\": \"CID\", \"name\": \"x\"}]}}}", vitess: null },
      ],
    });
  });
  it('leaves lookup backing tables alone: they are keyed by the lookup column, never joined on it', () => {
    const ks = {
      sharded: true,
      vindexes: {
        hash: { type: 'hash' }, md5: { type: 'binary_md5' },
        customer_lookup: { type: 'consistent_lookup_unique', params: { table: 'customer_lookup', from: 'customer_id', to: 'keyspace_id' }, owner: 'corder' },
      },
      tables: {
        customer: { column_vindexes: [{ column: 'customer_id', name: 'hash' }] },
        corder: { column_vindexes: [{ column: 'corder_id', name: 'hash' }, { column: 'customer_id', name: 'customer_lookup' }] },
        customer_lookup: { column_vindexes: [{ column: 'customer_id', name: 'md5' }] },
      },
    };
    ruleCases('conflicting-primary-vindex', { valid: [JSON.stringify(ks)], invalid: [] });
  });
});
