import type { Rule } from './rule.js';

/** D.2 #8. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (columns). */
export const columnNameDuplicate: Rule = {
  id: 'column-name-duplicate',
  severity: 'error',
  description: 'Two entries of a table\'s `columns` have the same name (case-insensitive).',
  docs: 'Column names are case-insensitive in MySQL and in vtgate; a repeated name fails the keyspace.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        const seen = new Set<string>();
        for (const c of t.columns) {
          const k = c.name.toLowerCase();
          if (seen.has(k)) {
            ctx.report({
              message: `column "${c.name}" of table "${t.name}" is listed twice`,
              loc: c.loc, keyspace: ks.name, table: t.name,
              vitessError: `duplicate column name '${c.name}' for table: ${t.name}`,
              hint: 'remove the repeated column entry',
            });
          }
          seen.add(k);
        }
      }
    }
  },
};
