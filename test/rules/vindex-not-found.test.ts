import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('vindex-not-found', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('vindex-not-found', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"column\": \"id\", \"name\": \"hsh\"}]}}}", vitess: "vindex hsh not found for table t" },
      ],
    });
  });
});
