import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('sequence-pinned-sharded', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('sequence-pinned-sharded', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"tables\": {⟪\"s\": {\"type\": \"sequence\", \"pinned\": \"00\"}}}", vitess: null },
      ],
    });
  });
});
