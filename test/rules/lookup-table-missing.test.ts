import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('lookup-table-missing', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('lookup-table-missing', {
      valid: [
        "{\"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"ks.lt\", \"from\": \"a\", \"to\": \"k\"}}}, \"tables\": {\"lt\": {}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {⟪\"table\": \"ks.nope\", \"from\": \"a\", \"to\": \"k\"}}}}", vitess: null },
      ],
    });
  });
});
