import type { Rule } from './rule.js';
import { resolveColumnVindex } from './vindex-helpers.js';

/** D.2 #15. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables. */
export const multiColumnVindexNotPrimary: Rule = {
  id: 'multi-column-vindex-not-primary',
  severity: 'error',
  description: 'A multi-column vindex type (multicol, region_*) used at a secondary position.',
  docs: 'Multi-column vindexes (`multicol`, `region_experimental`, `region_json`) can only be the primary vindex (first in column_vindexes).',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        t.columnVindexes.slice(1).forEach((cv) => {
          const { type } = resolveColumnVindex(ks, cv);
          if (!type || type.testOnly || !type.multiColumn) return;
          ctx.report({
            message: `multi-column vindex "${cv.name}" (${type.name}) is not the primary vindex of table "${t.name}"`,
            loc: cv.loc, keyspace: ks.name, table: t.name,
            vitessError: `multi-column vindex ${cv.name} should be a primary vindex for table ${t.name}`,
            hint: 'move it to the first position of column_vindexes',
          });
        });
      }
    }
  },
};
