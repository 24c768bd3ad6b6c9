import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('pinned-keyspace-id-invalid', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('pinned-keyspace-id-invalid', {
      valid: [
        "{\"sharded\": true, \"tables\": {\"p\": {\"pinned\": \"80\"}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"tables\": {⟪\"p\": {\"pinned\": \"8\"}}}", vitess: "could not decode the keyspace id for pin: encoding/hex: odd length hex string" },
        { text: "{\"sharded\": true, \"tables\": {⟪\"p\": {\"pinned\": \"zz\"}}}", vitess: "could not decode the keyspace id for pin: encoding/hex: invalid byte: U+007A 'z'" },
      ],
    });
  });
});
