import type { Rule } from './rule.js';

/** Spec D.4 (unused vindexes are accepted). Our own lint. */
export const vindexUnused: Rule = {
  id: 'vindex-unused',
  severity: 'warning',
  description: 'A vindex no table of its keyspace uses.',
  docs: 'A vindex that no `column_vindexes` entry names does nothing. Often it is a leftover of a rename, or the table that should use it lost its entry.',
  vitessSource: null,
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      const used = new Set<string>();
      for (const t of ks.tables.values()) for (const cv of t.columnVindexes) used.add(cv.name);
      for (const v of ks.vindexes.values()) {
        if (used.has(v.name)) continue;
        ctx.report({
          message: `vindex "${v.name}" is not used by any table of keyspace "${ks.name}"`,
          loc: v.loc, keyspace: ks.name,
          hint: 'remove it, or add it to the column_vindexes of the table that should use it',
        });
      }
    }
  },
};
