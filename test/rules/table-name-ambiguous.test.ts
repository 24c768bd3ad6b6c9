import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('table-name-ambiguous', () => {
  it('reports names declared in several routable keyspaces', () => {
    ruleCases('table-name-ambiguous', {
      valid: [
        '{"keyspaces": {"a": {"tables": {"t": {}}}, "b": {"require_explicit_routing": true, "tables": {"t": {}}}}}',
        '{"keyspaces": {"a": {"tables": {"t": {}}}, "b": {"sharded": true, "tables": {"t": {"type": "reference", "source": "a.t"}}}}}',
      ],
      invalid: [{ text: '{"keyspaces": {"a": {"tables": {⟪"t": {}}}, "b": {"tables": {⟪"t": {}}}}}', vitess: 'ambiguous table reference: t' }],
    });
  });
});
