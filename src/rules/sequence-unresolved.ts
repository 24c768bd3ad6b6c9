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
          hint: sequenceHint(parsed, cause),
        });
      }
    }
  },
};

/** The fix for the actual cause: a keyspace whose file is missing, a missing declaration, or an ambiguous name. */
function sequenceHint(parsed: { keyspace: string; table: string } | null, cause: string): string {
  if (!parsed) return 'write the sequence as "seq" or "ks.seq" (dots are not allowed in either name)';
  if (cause.startsWith('VT05003')) return `keyspace "${parsed.keyspace}" is not in the files checked: pass its VSchema file too (the sequence table is declared there), or fix the keyspace name`;
  if (cause.startsWith('ambiguous')) return `"${parsed.table}" is declared in several keyspaces: qualify it as "ks.${parsed.table}"`;
  if (parsed.keyspace) return `declare "${parsed.table}" with "type": "sequence" in keyspace "${parsed.keyspace}" (usually an unsharded one)`;
  return `no keyspace of the files checked declares "${parsed.table}": if it is in another keyspace, that keyspace's VSchema file may be missing from this run (pass it too); otherwise declare it with "type": "sequence" in an unsharded keyspace`;
}
