import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('vindex-type-unknown', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('vindex-type-unknown', {
      valid: [
        "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {⟪\"h\": {\"type\": \"Hash\"}}}", vitess: "vindexType \"Hash\" not found" },
        { text: "{\n  \"vindexes\": {\n    ⟪\"a\": {\"type\": \"nope\"},\n    ⟪\"b\": {\"type\": \"hash_test\"}\n  }\n}", vitess: "vindexType \"nope\" not found" },
      ],
    });
  });
});
