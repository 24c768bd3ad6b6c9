import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('vindex-unused', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('vindex-unused', {
      valid: [
        "{\"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {⟪\"h\": {\"type\": \"hash\"}}, \"tables\": {}}", vitess: null },
      ],
    });
  });
});
