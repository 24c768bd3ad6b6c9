import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('sequence-in-sharded-keyspace', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('sequence-in-sharded-keyspace', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}}}",
        "{\"sharded\": true, \"tables\": {\"s\": {\"type\": \"sequence\", \"pinned\": \"00\"}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"tables\": {⟪\"s\": {\"type\": \"sequence\"}}}", vitess: "sequence table has to be in an unsharded keyspace or must be pinned: s" },
      ],
    });
  });
});
