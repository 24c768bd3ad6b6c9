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
});
