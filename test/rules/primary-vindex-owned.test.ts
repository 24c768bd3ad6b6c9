import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('primary-vindex-owned', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('primary-vindex-owned', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"l\": {\"type\": \"lookup_unique\", \"owner\": \"t\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, {\"column\": \"e\", \"name\": \"l\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"l\": {\"type\": \"lookup_unique\", \"owner\": \"t\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"column\": \"e\", \"name\": \"l\"}]}}}", vitess: "primary vindex l cannot be owned for table t" },
      ],
    });
  });
});
