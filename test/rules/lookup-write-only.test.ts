import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('lookup-write-only', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('lookup-write-only', {
      valid: [
        "{\"vindexes\": {\"l\": {\"type\": \"lookup_unique\", \"params\": {\"write_only\": \"false\"}}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {\"l\": {\"type\": \"lookup_unique\", \"params\": {⟪\"write_only\": \"true\"}}}}", vitess: null },
      ],
    });
  });
});
