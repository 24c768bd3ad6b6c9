import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('primary-vindex-missing', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('primary-vindex-missing', {
      valid: [
        "{\"tables\": {\"t\": {}}}",
        "{\"sharded\": true, \"tables\": {\"r\": {\"type\": \"reference\"}, \"p\": {\"pinned\": \"00\"}}}",
      ],
      invalid: [
        { text: "{\n  \"sharded\": true,\n  \"tables\": {\n    ⟪\"orders\": {}\n  }\n}", vitess: "missing primary col vindex for table: orders" },
      ],
    });
  });
});
