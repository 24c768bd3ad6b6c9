import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('owner-column-count', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('owner-column-count', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"c\": {\"type\": \"consistent_lookup\", \"owner\": \"t\", \"params\": {\"from\": \"a,b\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, {\"columns\": [\"a\", \"b\"], \"name\": \"c\"}]}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}, \"c\": {\"type\": \"consistent_lookup\", \"owner\": \"t\", \"params\": {\"from\": \"a\"}}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}, ⟪{\"columns\": [\"a\", \"b\"], \"name\": \"c\"}]}}}", vitess: "owner table column count does not match vindex c" },
      ],
    });
  });
});
