import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';
import { ruleCases } from '../helpers.js';

const ks = '"keyspaces": {"u": {"tables": {"t": {}}}, "s": {"sharded": true, "vindexes": {"h": {"type": "hash"}}, "tables": {"t2": {"column_vindexes": [{"column": "id", "name": "h"}]}}}}';

describe('routing-rule-invalid', () => {
  it('follows buildRoutingRule', () => {
    ruleCases('routing-rule-invalid', {
      valid: [`{${ks}, "routing_rules": {"rules": [{"from_table": "x", "to_tables": ["u.t"]}, {"from_table": "y@replica", "to_tables": ["s.t2"]}]}}`],
      invalid: [
        { text: `{${ks}, "routing_rules": {"rules": [⟪{"from_table": "x", "to_tables": ["u.t", "s.t2"]}]}}`, vitess: 'table x has more than one target: [u.t s.t2]' },
        { text: `{${ks}, "routing_rules": {"rules": [{"from_table": "x", "to_tables": ["u.t"]}, ⟪{"from_table": "x", "to_tables": ["u.t"]}]}}`, vitess: 'duplicate rule for entry x' },
        { text: `{${ks}, "routing_rules": {"rules": [⟪{"from_table": "x", "to_tables": ["t"]}]}}`, vitess: 'invalid table name: t, it must be of the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)' },
        { text: `{${ks}, "routing_rules": {"rules": [⟪{"from_table": "x", "to_tables": ["nope.t"]}]}}`, vitess: "VT05003: unknown database 'nope' in vschema" },
        { text: `{${ks}, "routing_rules": {"rules": [⟪{"from_table": "x", "to_tables": ["s.missing"]}]}}`, vitess: 'table missing not found' },
      ],
    });
  });
  it('accepts undeclared targets in unsharded keyspaces', () => {
    expect(check(`{${ks}, "routing_rules": {"rules": [{"from_table": "x", "to_tables": ["u.undeclared"]}]}}`).filter((f) => f.rule === 'routing-rule-invalid')).toEqual([]);
  });
});
