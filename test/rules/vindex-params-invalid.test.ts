import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('vindex-params-invalid', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('vindex-params-invalid', {
      valid: [
        "{\"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {\"autocommit\": \"true\", \"read_lock\": \"shared\"}}}}",
        "{\"vindexes\": {\"m\": {\"type\": \"multicol\", \"params\": {\"column_count\": \"2\"}}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {\"l\": {\"type\": \"lookup_unique\", \"params\": {⟪\"write_only\": \"yes\"}}}}", vitess: "write_only value must be 'true' or 'false': 'yes'" },
        { text: "{\"vindexes\": {\"c\": {\"type\": \"cfc\", \"params\": {\"hash\": \"md5\", ⟪\"offsets\": \"[3,2]\"}}}}", vitess: "invalid offsets [3,2] to CFC vindex c. expected sorted positive ints in brackets" },
        { text: "{\"vindexes\": {⟪\"m\": {\"type\": \"multicol\"}}}", vitess: "number of columns not provided in the parameter 'column_count'" },
      ],
    });
  });
});
