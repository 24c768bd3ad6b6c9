import type { Rule } from './rule.js';

/** D.2 #10 and #11. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables. */
export const columnVindexColumns: Rule = {
  id: 'column-vindex-columns',
  severity: 'error',
  description: 'A column vindex sets both `column` and `columns`, or neither.',
  docs: 'A column vindex names its column(s) exactly once: `column` for one column, or `columns` for a multi-column vindex.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        for (const cv of t.columnVindexes) {
          if (!ks.vindexes.has(cv.name)) continue; // vindex-not-found comes first in Vitess
          if (cv.column && cv.columns.length > 0) {
            ctx.report({
              message: `column vindex "${cv.name}" of table "${t.name}" sets both "column" and "columns"`,
              loc: cv.loc, keyspace: ks.name, table: t.name,
              vitessError: `can't use column and columns at the same time in vindex (${cv.name}) and table (${t.name})`,
              hint: 'keep only "column" (one column) or only "columns" (several)',
            });
          } else if (!cv.column && cv.columns.length === 0) {
            ctx.report({
              message: `column vindex "${cv.name}" of table "${t.name}" names no column`,
              loc: cv.loc, keyspace: ks.name, table: t.name,
              vitessError: `must specify at least one column for vindex (${cv.name}) and table (${t.name})`,
              hint: 'add "column": "<column>"',
            });
          }
        }
      }
    }
  },
};
