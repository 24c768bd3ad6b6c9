import type { Rule } from './rule.js';

/** D.2 #7. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables. */
export const primaryVindexMissing: Rule = {
  id: 'primary-vindex-missing',
  severity: 'error',
  description: 'A table of a sharded keyspace has no column_vindexes (and is not a reference or pinned table).',
  docs: 'vtgate cannot know which shard holds a row of a sharded table without a primary vindex, so it rejects the keyspace. Add a `column_vindexes` entry whose first element is a unique vindex on the sharding column, or make the table a `reference` table.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      if (!ks.sharded) continue;
      for (const t of ks.tables.values()) {
        if (t.type === 'reference' || t.pinned || t.columnVindexes.length > 0) continue;
        if (t.type !== '' && t.type !== 'sequence') continue; // unknown type reported first
        if (t.type === 'sequence') continue; // reported by sequence-in-sharded-keyspace
        ctx.report({
          message: `table "${t.name}" of sharded keyspace "${ks.name}" has no primary vindex: vtgate cannot route it`,
          loc: t.loc, keyspace: ks.name, table: t.name,
          vitessError: `missing primary col vindex for table: ${t.name}`,
          hint: 'add "column_vindexes": [{"column": "<sharding column>", "name": "<unique vindex>"}]',
        });
      }
    }
  },
};
