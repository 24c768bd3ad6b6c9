import type { Rule } from './rule.js';

/** Spec D.3 (`to_tables: []`). */
export const routingRuleDisabled: Rule = {
  id: 'routing-rule-disabled',
  severity: 'info',
  description: 'A routing rule with an empty `to_tables` disables a table.',
  docs: 'A rule with no target makes every query on `from_table` fail with `table <t> has been disabled`. MoveTables uses this during a cut-over; left behind, it breaks the application.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const rule of ctx.cluster.routingRules) {
      if (rule.toTables.length > 0) continue;
      ctx.report({
        message: `routing rule disables "${rule.fromTable}": every query on it fails`,
        loc: rule.loc, keyspace: null,
        vitessError: `table ${rule.fromTable} has been disabled`,
        hint: 'remove the rule once the migration is done',
      });
    }
  },
};
