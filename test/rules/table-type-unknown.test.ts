import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('table-type-unknown', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('table-type-unknown', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}, \"r\": {\"type\": \"reference\"}, \"t\": {}}}",
      ],
      invalid: [
        { text: "{\"tables\": {⟪\"v\": {\"type\": \"view\"}}}", vitess: "unidentified table type view" },
      ],
    });
  });
});
