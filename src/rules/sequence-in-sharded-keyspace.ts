import type { Rule } from './rule.js';

/** D.2 #4. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (TypeSequence). */
export const sequenceInShardedKeyspace: Rule = {
  id: 'sequence-in-sharded-keyspace',
  severity: 'error',
  description: 'A sequence table in a sharded keyspace that is not pinned.',
  docs: 'A sequence hands out ids from a single row, so it must live on one shard: put it in an unsharded keyspace (usual) or pin it. vtgate rejects the keyspace otherwise.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      if (!ks.sharded) continue;
      for (const t of ks.tables.values()) {
        if (t.type !== 'sequence' || t.pinned) continue;
        ctx.report({
          message: `sequence table "${t.name}" is in sharded keyspace "${ks.name}" and not pinned`,
          loc: t.loc, keyspace: ks.name, table: t.name,
          vitessError: `sequence table has to be in an unsharded keyspace or must be pinned: ${t.name}`,
          hint: 'move the sequence table to an unsharded keyspace (and point auto_increment.sequence at ks.seq)',
        });
      }
    }
  },
};
