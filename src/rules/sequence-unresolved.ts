import { findTable, parseTableName } from '../vschema/names.js';
import type { Rule } from './rule.js';

/** D.2 #22. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go resolveAutoIncrement. */
export const sequenceUnresolved: Rule = {
  id: 'sequence-unresolved',
  severity: 'error',
  description: '`auto_increment.sequence` names a table vtgate cannot resolve.',
  docs: 'vtgate resolves each auto_increment sequence like a table name in a query: `seq` must be unique across keyspaces (or the VSchema has one unsharded keyspace), `ks.seq` must name an existing keyspace. If it fails, the table is removed from the keyspace and the keyspace gets this error. Qualify the sequence: `"sequence": "commerce.customer_seq"`.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        const ai = t.autoIncrement;
        if (!ai) continue;
        const parsed = parseTableName(ai.sequence);
        const cause = !parsed
          ? `invalid table name: ${ai.sequence}`
          : (() => {
              const r = findTable(ctx.cluster, ctx.globals, parsed.keyspace, parsed.table);
              return 'error' in r ? r.error : null;
            })();
        if (!cause) continue;
        ctx.report({
          message: `auto_increment of table "${t.name}" uses sequence "${ai.sequence}", which cannot be resolved: ${cause}`,
          loc: ai.loc, keyspace: ks.name, table: t.name,
          vitessError: `cannot resolve sequence ${ai.sequence}: ${cause}`,
          hint: 'declare the sequence table (type "sequence") in an unsharded keyspace and qualify it as "ks.seq"',
        });
      }
    }
  },
};
