import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('auto-increment-not-sequence', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('auto-increment-not-sequence', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}, \"t\": {\"auto_increment\": {\"column\": \"id\", \"sequence\": \"s\"}}}}",
      ],
      invalid: [
        { text: "{\"tables\": {\"s\": {}, \"t\": {⟪\"auto_increment\": {\"column\": \"id\", \"sequence\": \"s\"}}}}", vitess: null },
      ],
    });
  });
});
