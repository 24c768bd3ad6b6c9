import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('lookup-owner-invalid', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('lookup-owner-invalid', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"l\": {\"type\": \"lookup\", \"owner\": \"t\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, {\"column\": \"e\", \"name\": \"l\"}]}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {⟪\"l\": {\"type\": \"lookup\", \"owner\": \"ghost\"}, ⟪\"h\": {\"type\": \"hash\", \"owner\": \"t\"}}, \"tables\": {\"t\": {}}}", vitess: null },
      ],
    });
  });
});
