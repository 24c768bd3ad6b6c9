import type { Rule } from './rule.js';

/** Spec D.4 (auto_increment column not in `columns` is accepted). Our own lint. */
export const autoIncrementColumnMissing: Rule = {
  id: 'auto-increment-column-missing',
  severity: 'warning',
  description: 'The `auto_increment.column` is not a column of the table (authoritative columns or DDL).',
  docs: 'vtgate adds the auto_increment column to every INSERT and fills it from the sequence; a column the table does not have makes every insert fail.',
  vitessSource: null,
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        const ai = t.autoIncrement;
        if (!ai) continue;
        const ddl = ctx.ddl?.keyspaces.get(ks.name)?.get(t.name);
        const known = ddl ? ddl.columns.map((c) => c.name.toLowerCase()) : t.columnListAuthoritative ? t.columns.map((c) => c.name.toLowerCase()) : null;
        if (!known) continue;
        if (!ai.column) {
          ctx.report({ message: `auto_increment of "${t.name}" names no column`, loc: ai.loc, keyspace: ks.name, table: t.name, hint: 'set auto_increment.column' });
        } else if (!known.includes(ai.column.toLowerCase())) {
          ctx.report({
            message: `auto_increment column "${ai.column}" is not a column of "${t.name}"${ddl ? ' (per the DDL)' : ''}`,
            loc: ai.loc, keyspace: ks.name, table: t.name,
            hint: 'name the id column the sequence should fill',
          });
        }
      }
    }
  },
};
