import type { Rule } from './rule.js';

/** Spec E.1 rule 6 / G.9. Our own lint. */
export const tableNameAmbiguous: Rule = {
  id: 'table-name-ambiguous',
  severity: 'info',
  description: 'A table name is declared in several keyspaces: unqualified queries on it fail.',
  docs: 'Without a default keyspace (`USE ks`) or a routing rule for the name, vtgate resolves an unqualified table name across all keyspaces that do not set `require_explicit_routing`. A name declared in two of them fails with `ambiguous table reference: <t>`. Qualify queries, set `require_explicit_routing` on one keyspace, or make one a reference table of the other.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    // vtgate looks an unqualified name up in the routing rules first (vschema.go findRoutedTable):
    // a rule for `t` (primary traffic; `t@replica` only covers replicas) resolves it, which is the
    // normal state during MoveTables.
    const routed = new Set(ctx.cluster.routingRules.map((r) => r.fromTable));
    for (const [name, t] of ctx.globals) {
      if (t !== null || routed.has(name)) continue;
      const where = [...ctx.cluster.keyspaces.values()].filter((k) => !k.requireExplicitRouting && k.tables.has(name));
      for (const ks of where) {
        ctx.report({
          message: `table "${name}" is declared in keyspaces ${where.map((k) => k.name).join(', ')}: unqualified queries on it fail`,
          loc: ks.tables.get(name)!.loc, keyspace: ks.name, table: name,
          vitessError: `ambiguous table reference: ${name}`,
          hint: 'qualify queries as ks.table, or set require_explicit_routing on one keyspace',
        });
      }
    }
  },
};
