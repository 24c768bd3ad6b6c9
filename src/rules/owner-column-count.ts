import type { Rule } from './rule.js';
import { columnsOf, isOwnedBy, lookupFromColumns, resolveColumnVindex } from './vindex-helpers.js';

/** D.2 #14. Source: vitessio/vitess go/vt/vtgate/vindexes/consistent_lookup.go SetOwnerInfo. */
export const ownerColumnCount: Rule = {
  id: 'owner-column-count',
  severity: 'error',
  description: 'A consistent lookup vindex is owned through a different number of columns than its `from` lists.',
  docs: 'A consistent lookup writes one lookup row per owner row from the owner\'s columns; their number must equal the `from` columns of the vindex.',
  vitessSource: 'go/vt/vtgate/vindexes/consistent_lookup.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        t.columnVindexes.forEach((cv, i) => {
          const { vindex, type } = resolveColumnVindex(ks, cv);
          if (!vindex || !type || !type.wantsOwnerInfo || !isOwnedBy(vindex, type, t)) return;
          if (i === 0 && type.unique) return; // primary-vindex-owned comes first
          const from = lookupFromColumns(vindex);
          const cols = columnsOf(cv);
          if (cols.length === 0 || from.length === cols.length) return;
          ctx.report({
            message: `lookup vindex "${cv.name}" has ${from.length} "from" column(s) but owner table "${t.name}" maps ${cols.length}`,
            loc: cv.loc, keyspace: ks.name, table: t.name,
            vitessError: `owner table column count does not match vindex ${cv.name}`,
            hint: 'list as many columns in params.from as in the column vindex',
          });
        });
      }
    }
  },
};
