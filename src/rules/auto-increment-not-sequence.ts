import { findTable, parseTableName } from '../vschema/names.js';
import type { Rule } from './rule.js';

/** Spec D.4 (auto_increment target need not be a sequence). Our own lint. */
export const autoIncrementNotSequence: Rule = {
  id: 'auto-increment-not-sequence',
  severity: 'warning',
  description: '`auto_increment.sequence` resolves to a table that is not declared as `type: "sequence"`.',
  docs: 'vtgate fetches ids with `select next N values from <seq>`, which only works on a sequence table (declared `"type": "sequence"` and created with `comment \'vitess_sequence\'`). Vitess accepts any table here and fails at insert time.',
  vitessSource: null,
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        const ai = t.autoIncrement;
        const p = ai && parseTableName(ai.sequence);
        if (!ai || !p) continue;
        const r = findTable(ctx.cluster, ctx.globals, p.keyspace, p.table);
        if ('error' in r) continue; // sequence-unresolved
        if (!r.synthesized && r.table.type === 'sequence') continue;
        ctx.report({
          message: r.synthesized
            ? `auto_increment of "${t.name}" uses "${ai.sequence}", which keyspace "${r.table.keyspace}" does not declare as a sequence`
            : `auto_increment of "${t.name}" uses "${ai.sequence}", a ${r.table.type || 'normal'} table, not a sequence`,
          loc: ai.loc, keyspace: ks.name, table: t.name,
          hint: `declare "${p.table}": {"type": "sequence"} in keyspace "${r.table.keyspace}"`,
        });
      }
    }
  },
};
