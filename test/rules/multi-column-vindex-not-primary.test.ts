import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('multi-column-vindex-not-primary', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('multi-column-vindex-not-primary', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"r\": {\"type\": \"region_experimental\", \"params\": {\"region_bytes\": \"1\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"columns\": [\"c\", \"id\"], \"name\": \"r\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"r\": {\"type\": \"region_experimental\", \"params\": {\"region_bytes\": \"1\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, ⟪{\"columns\": [\"c\", \"id\"], \"name\": \"r\"}]}}}", vitess: "multi-column vindex r should be a primary vindex for table t" },
      ],
    });
  });
});
