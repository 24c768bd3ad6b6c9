import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('vindex-params-unknown', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('vindex-params-unknown', {
      valid: [
        "{\"vindexes\": {\"m\": {\"type\": \"multicol\", \"params\": {\"column_count\": \"1\", \"x\": \"y\"}}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {\"h\": {\"type\": \"hash\", \"params\": {⟪\"foo\": \"1\"}}}}", vitess: "Unknown param in vindex h: foo" },
        { text: "{\"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"x\", ⟪\"ignore_null\": \"true\"}}}}", vitess: "Unknown param in vindex l: ignore_null" },
      ],
    });
  });
});
