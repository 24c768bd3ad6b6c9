import { findTable, qualifiedFormError } from '../vschema/names.js';
import type { Rule } from './rule.js';

/**
 * D.3. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildRoutingRule. Vitess stores the
 * error on the rule; it surfaces when a query names `from_table`.
 */
export const routingRuleInvalid: Rule = {
  id: 'routing-rule-invalid',
  severity: 'error',
  description: 'A routing rule with several targets, a duplicate `from_table`, or a target vtgate cannot resolve.',
  docs: 'Each routing rule maps one `from_table` to exactly one qualified `keyspace.table`. A broken rule does not fail the VSchema: every query naming `from_table` fails instead. Duplicates replace the first rule with an error.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    const seen = new Set<string>();
    for (const rule of ctx.cluster.routingRules) {
      const bad = (msg: string, err: string, hint: string): void =>
        ctx.report({ message: msg, loc: rule.loc, keyspace: null, vitessError: err, hint });
      if (rule.toTables.length > 1) {
        seen.add(rule.fromTable);
        bad(
          `routing rule "${rule.fromTable}" has ${rule.toTables.length} targets`,
          `table ${rule.fromTable} has more than one target: [${rule.toTables.join(' ')}]`,
          'keep exactly one entry in to_tables',
        );
        continue;
      }
      if (rule.toTables.length === 0) {
        seen.add(rule.fromTable);
        continue; // a disabled table: see routing-rule-disabled
      }
      if (seen.has(rule.fromTable)) {
        bad(
          `routing rule "${rule.fromTable}" is defined more than once; vtgate replaces both by an error`,
          `duplicate rule for entry ${rule.fromTable}`,
          'keep a single rule per from_table',
        );
        continue;
      }
      seen.add(rule.fromTable);
      const to = rule.toTables[0]!;
      const parts = to.split('.');
      if (parts.length !== 2) {
        bad(`routing rule "${rule.fromTable}" targets "${to}", which is not "keyspace.table"`, qualifiedFormError(to), 'qualify the target: "keyspace.table"');
        continue;
      }
      const r = findTable(ctx.cluster, ctx.globals, parts[0]!.replace(/`/g, ''), parts[1]!.replace(/`/g, ''));
      if ('error' in r) {
        bad(`routing rule "${rule.fromTable}" targets "${to}": ${r.error}`, r.error, 'point to_tables at a table declared in the target keyspace');
      }
    }
  },
};
