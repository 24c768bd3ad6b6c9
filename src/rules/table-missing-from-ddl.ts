import type { Rule } from './rule.js';

/** Our own lint: VSchema tables that the DDL (--schema) of their keyspace does not create. */
export const tableMissingFromDdl: Rule = {
  id: 'table-missing-from-ddl',
  severity: 'warning',
  description: 'A VSchema table has no CREATE TABLE in the DDL given for its keyspace.',
  docs: 'A VSchema table without a MySQL table makes every query routed to it fail on the tablets (`Table \'vt_ks.t\' doesn\'t exist`). Apply the DDL before the VSchema.',
  vitessSource: null,
  check(ctx) {
    if (!ctx.ddl) return;
    for (const [ksName, tables] of ctx.ddl.keyspaces) {
      const ks = ctx.cluster.keyspaces.get(ksName);
      if (!ks) continue;
      for (const t of ks.tables.values()) {
        if (tables.has(t.name)) continue;
        ctx.report({
          message: `table "${t.name}" is in the VSchema of "${ksName}" but the DDL does not create it`,
          loc: t.loc, keyspace: ksName, table: t.name,
          hint: `add CREATE TABLE ${t.name} to the schema of "${ksName}" (and apply it before the VSchema)`,
        });
      }
    }
  },
};
