import type { Rule } from './rule.js';

/** D.2 #9. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (column vindexes). */
export const vindexNotFound: Rule = {
  id: 'vindex-not-found',
  severity: 'error',
  description: 'A column vindex names a vindex the keyspace does not define.',
  docs: 'Vindex names are per keyspace: a table can only use vindexes declared in the `vindexes` of its own keyspace.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      const names = [...ks.vindexes.keys()];
      for (const t of ks.tables.values()) {
        for (const cv of t.columnVindexes) {
          if (ks.vindexes.has(cv.name)) continue;
          ctx.report({
            message: `table "${t.name}" uses vindex "${cv.name}", which keyspace "${ks.name}" does not define`,
            loc: cv.loc, keyspace: ks.name, table: t.name,
            vitessError: `vindex ${cv.name} not found for table ${t.name}`,
            hint: names.length ? `define it under "vindexes", or use one of: ${names.join(', ')}` : 'define it under "vindexes" of this keyspace',
          });
        }
      }
    }
  },
};
