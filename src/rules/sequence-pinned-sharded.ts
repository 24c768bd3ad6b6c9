import type { Rule } from './rule.js';

/** Spec D.2 #4 (the pinned exception). Our own lint. */
export const sequencePinnedSharded: Rule = {
  id: 'sequence-pinned-sharded',
  severity: 'warning',
  description: 'A sequence table lives (pinned) in a sharded keyspace.',
  docs: 'Vitess accepts a pinned sequence in a sharded keyspace, but its single row then sits on one shard of a sharded keyspace: resharding moves it and every id fetch competes with that shard\'s traffic. The usual place is an unsharded keyspace.',
  vitessSource: null,
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      if (!ks.sharded) continue;
      for (const t of ks.tables.values()) {
        if (t.type !== 'sequence' || !t.pinned) continue;
        ctx.report({
          message: `sequence table "${t.name}" is pinned in sharded keyspace "${ks.name}"`,
          loc: t.loc, keyspace: ks.name, table: t.name,
          hint: 'move the sequence to an unsharded keyspace',
        });
      }
    }
  },
};
