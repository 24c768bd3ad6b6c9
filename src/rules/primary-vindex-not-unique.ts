import type { Rule } from './rule.js';
import { primaryVindexes } from './vindex-helpers.js';

/** D.2 #12. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (primary vindex check). */
export const primaryVindexNotUnique: Rule = {
  id: 'primary-vindex-not-unique',
  severity: 'error',
  description: 'The first column vindex (the primary vindex) is not unique.',
  docs: 'The primary vindex decides the one shard a row lives on, so it must map a value to at most one keyspace id. Non-unique vindexes (`lookup`, `lookup_hash`, `consistent_lookup`) can only be secondary. Put a unique vindex (`hash`, `xxhash`, `lookup_unique`, ...) first.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const { ks, t, cv, vindex, type } of primaryVindexes(ctx.cluster)) {
      if (!vindex || !type || type.testOnly || type.unique) continue;
      ctx.report({
        message: `primary vindex "${cv.name}" of table "${t.name}" is ${type.name}, which is not unique: a row could map to several shards`,
        loc: cv.loc, keyspace: ks.name, table: t.name,
        vitessError: `primary vindex ${cv.name} is not Unique for table ${t.name}`,
        hint: 'put a unique vindex (hash, xxhash, lookup_unique, ...) first in column_vindexes',
      });
    }
  },
};
