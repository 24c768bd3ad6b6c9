import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('routing-rule-disabled', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('routing-rule-disabled', {
      valid: [
        "{\"rules\": [{\"from_table\": \"a\", \"to_tables\": [\"ks.a\"]}]}",
      ],
      invalid: [
        { text: "{\"rules\": [⟪{\"from_table\": \"a\", \"to_tables\": []}]}", vitess: "table a has been disabled" },
      ],
    });
  });
});
