import type { Rule } from './rule.js';

/** D.2 #5. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables. */
export const tableTypeUnknown: Rule = {
  id: 'table-type-unknown',
  severity: 'error',
  description: 'A table `type` other than "", "sequence" or "reference".',
  docs: 'Only normal tables (no `type`), `sequence` and `reference` tables exist; anything else fails the keyspace (`unidentified table type view`).',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        if (t.type === '' || t.type === 'sequence' || t.type === 'reference') continue;
        ctx.report({
          message: `table "${t.name}" has unknown type "${t.type}"`,
          loc: t.loc, keyspace: ks.name, table: t.name,
          vitessError: `unidentified table type ${t.type}`,
          hint: 'remove `type` for a normal table, or use "sequence" or "reference"',
        });
      }
    }
  },
};
