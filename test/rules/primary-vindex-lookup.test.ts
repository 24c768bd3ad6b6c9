import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('primary-vindex-lookup', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('primary-vindex-lookup', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"xxhash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"l\": {\"type\": \"lookup_unique\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"column\": \"e\", \"name\": \"l\"}]}}}", vitess: null },
      ],
    });
  });
});
