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
  it('is quiet when a routing rule resolves the name (the normal state during MoveTables)', () => {
    ruleCases('table-name-ambiguous', {
      valid: [
        '{"keyspaces": {"a": {"tables": {"t": {}}}, "b": {"tables": {"t": {}}}}, "routing_rules": {"rules": [{"from_table": "t", "to_tables": ["a.t"]}, {"from_table": "b.t", "to_tables": ["a.t"]}]}}',
      ],
      invalid: [
        // A rule for another tablet type only leaves primary traffic ambiguous.
        { text: '{"keyspaces": {"a": {"tables": {⟪"t": {}}}, "b": {"tables": {⟪"t": {}}}}, "routing_rules": {"rules": [{"from_table": "t@replica", "to_tables": ["a.t"]}]}}' },
      ],
    });
  });
});
