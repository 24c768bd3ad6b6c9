import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('column-name-duplicate', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('column-name-duplicate', {
      valid: [
        "{\"tables\": {\"t\": {\"columns\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}}}",
      ],
      invalid: [
        { text: "{\"tables\": {\"t\": {\"columns\": [{\"name\": \"a\"}, ⟪{\"name\": \"A\"}]}}}", vitess: "duplicate column name 'A' for table: t" },
      ],
    });
  });
});
