import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('primary-vindex-not-unique', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('primary-vindex-not-unique', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"xxhash\"}, \"l\": {\"type\": \"lookup\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, {\"column\": \"e\", \"name\": \"l\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"l\": {\"type\": \"lookup_hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"column\": \"e\", \"name\": \"l\"}]}}}", vitess: "primary vindex l is not Unique for table t" },
      ],
    });
  });
});
