import { resolveColumnVindex, columnsOf } from './vindex-helpers.js';
import type { Rule } from './rule.js';

const INTEGRAL = /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT|YEAR|BIT)$/;
const NUMERIC_VINDEXES = new Set(['hash', 'numeric', 'reverse_bits', 'numeric_static_map']);
const TEXT = /^(CHAR|VARCHAR|TEXT|TINYTEXT|MEDIUMTEXT|LONGTEXT|ENUM|SET)$/;

/** Spec C.1 / D.5 ChooseVindexForType (integral → xxhash, text → unicode_loose_md5, binary → binary_md5). */
export const vindexColumnType: Rule = {
  id: 'vindex-column-type',
  severity: 'warning',
  description: 'A vindex type that does not fit the column\'s MySQL type (with --schema).',
  docs: '`hash`, `numeric`, `reverse_bits` and `numeric_static_map` map only unsigned-integer-like values: on a text column, `\'abc\'` maps to no shard (queries return nothing, inserts fail `could not map [VARCHAR("abc")] to a keyspace id`). Byte-hashing vindexes (`xxhash`, `binary_md5`) on a text column are case- and collation-sensitive where MySQL compares case-insensitively: use `unicode_loose_md5` / `unicode_loose_xxhash` there.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go ChooseVindexForType',
  check(ctx) {
    if (!ctx.ddl) return;
    for (const ks of ctx.cluster.keyspaces.values()) {
      const ddl = ctx.ddl.keyspaces.get(ks.name);
      if (!ddl || !ks.sharded) continue;
      for (const t of ks.tables.values()) {
        const dt = ddl.get(t.name);
        if (!dt) continue;
        for (const cv of t.columnVindexes) {
          const { type } = resolveColumnVindex(ks, cv);
          const colName = columnsOf(cv)[0];
          const col = colName && dt.columns.find((c) => c.name.toLowerCase() === colName.toLowerCase());
          if (!type || !col) continue;
          let problem: string | null = null;
          if (NUMERIC_VINDEXES.has(type.name) && !INTEGRAL.test(col.dataType)) {
            problem = `${type.name} maps only integer values, but "${col.name}" is ${col.dataType}: other values map to no shard`;
          } else if ((type.name === 'xxhash' || type.name === 'binary_md5') && TEXT.test(col.dataType)) {
            problem = `${type.name} hashes raw bytes, but "${col.name}" is ${col.dataType} compared case-insensitively by MySQL: 'A' and 'a' land on different shards`;
          }
          if (!problem) continue;
          ctx.report({
            message: `vindex "${cv.name}" of "${t.name}": ${problem}`,
            loc: cv.loc, keyspace: ks.name, table: t.name,
            hint: INTEGRAL.test(col.dataType) ? 'use xxhash or hash' : TEXT.test(col.dataType) ? 'use unicode_loose_md5 or unicode_loose_xxhash' : 'use binary_md5 or xxhash',
          });
        }
      }
    }
  },
};
