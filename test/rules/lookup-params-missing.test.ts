import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('lookup-params-missing', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('lookup-params-missing', {
      valid: [
        "{\"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"t\", \"from\": \"a\", \"to\": \"keyspace_id\"}}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {⟪\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"t\"}}}}", vitess: null },
      ],
    });
  });
});
