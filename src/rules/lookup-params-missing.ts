import type { Rule } from './rule.js';
import { lookupVindexes } from './lookup-helpers.js';

/** Spec B.2/D.4 (lookup table/from/to are not enforced in v18). Our own lint. */
export const lookupParamsMissing: Rule = {
  id: 'lookup-params-missing',
  severity: 'warning',
  description: 'A lookup vindex lacks `table`, `from` or `to`.',
  docs: 'Vitess v18 accepts a lookup vindex without `table`, `from` or `to`, and then generates broken SQL at query time. Every lookup vindex needs all three.',
  vitessSource: 'go/vt/vtgate/vindexes/lookup_internal.go',
  check(ctx) {
    for (const { ks, v } of lookupVindexes(ctx.cluster)) {
      const missing = ['table', 'from', 'to'].filter((p) => !v.params[p]);
      if (missing.length === 0) continue;
      ctx.report({
        message: `lookup vindex "${v.name}" has no ${missing.map((m) => `"${m}"`).join(', ')} param: its lookup queries cannot work`,
        loc: v.loc, keyspace: ks.name,
        hint: 'set params.table ("ks.lookup_table"), params.from (column(s) of the value) and params.to (keyspace_id column)',
      });
    }
  },
};
