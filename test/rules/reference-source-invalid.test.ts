import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('reference-source-invalid', () => {
  it('follows buildKeyspaceReferences', () => {
    ruleCases('reference-source-invalid', {
      valid: [
        JSON.stringify({ keyspaces: { u: { tables: { src: {} } }, s: { sharded: true, tables: { ref: { type: 'reference', source: 'u.src' } } } } }),
        // unqualified source with the same name resolves to the source table (spec E.1 rule 6)
        JSON.stringify({ keyspaces: { u: { tables: { r: {} } }, s: { sharded: true, tables: { r: { type: 'reference', source: 'r' } } } } }),
      ],
      invalid: [
        {
          text: '{"keyspaces": {"s": {"sharded": true, "tables": {"src": {"type": "reference"}, ⟪"ref": {"type": "reference", "source": "s.src"}}}}}',
          vitess: 'source "s.src" may not reference a table in the same keyspace as table: ref',
        },
        {
          text: '{"keyspaces": {"s": {"sharded": true, "tables": {⟪"ref": {"type": "reference", "source": "u.src"}}}}}',
          vitess: 'source "u.src" references a non-existent keyspace "u"',
        },
        {
          text: '{"keyspaces": {"u": {}, "s": {"sharded": true, "tables": {⟪"ref": {"type": "reference", "source": "u.src"}}}}}',
          vitess: 'source "u.src" references a table "src" that is not present in the VSchema of keyspace "u"',
        },
        {
          text: '{"keyspaces": {"u": {"tables": {"src": {}}}, "s": {"sharded": true, "tables": {"a": {"type": "reference", "source": "u.src"}, ⟪"b": {"type": "reference", "source": "u.src"}}}}}',
          vitess: 'source "u.src" may not be referenced more than once per keyspace: a, b',
        },
        {
          text: '{"keyspaces": {"u": {"tables": {"x": {"type": "reference", "source": "v.x"}}}, "v": {"tables": {"x": {}}}, "s": {"sharded": true, "tables": {⟪"r": {"type": "reference", "source": "u.x"}}}}}',
          vitess: 'reference chaining is not allowed r => u.x => v.x: r',
        },
        {
          text: '{"keyspaces": {"u1": {"tables": {"src": {}}}, "u2": {"tables": {"src": {}}}, "s": {"sharded": true, "tables": {⟪"r": {"type": "reference", "source": "src"}}}}}',
          vitess: 'ambiguous table reference: src',
        },
        {
          text: '{"keyspaces": {"s": {"sharded": true, "tables": {⟪"r": {"type": "reference", "source": "a.b.c"}}}}}',
          vitess:
            'invalid source "a.b.c" for reference table: r; invalid table name: a.b.c, it must be of the unqualified form <table_name> or the qualified form <keyspace_name>.<table_name> (dots are not allowed in either name)',
        },
      ],
    });
  });
});
