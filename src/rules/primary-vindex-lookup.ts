import type { Rule } from './rule.js';
import { primaryVindexes } from './vindex-helpers.js';

/** Spec D.4 / D.5 (lookup primary vindex accepted; VReplication needs a functional one). */
export const primaryVindexLookup: Rule = {
  id: 'primary-vindex-lookup',
  severity: 'info',
  description: 'The primary vindex is a lookup vindex.',
  docs: 'A lookup primary vindex is legal, but an INSERT only works when its lookup row already exists, and VReplication workflows (MoveTables, Reshard) need a functional unique vindex to compute keyspace ids (`could not find a vindex to compute keyspace id for table <t>`).',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const { ks, t, cv, type } of primaryVindexes(ctx.cluster)) {
      if (!ks.sharded || !type?.lookup || !type.unique || type.testOnly) continue;
      ctx.report({
        message: `primary vindex "${cv.name}" of "${t.name}" is a lookup (${type.name}): inserts need the lookup row first, and resharding cannot compute keyspace ids`,
        loc: cv.loc, keyspace: ks.name, table: t.name,
        hint: 'prefer a functional primary vindex (xxhash, hash) and keep the lookup secondary',
      });
    }
  },
};
