import type { Rule } from './rule.js';
import { isOwnedBy, primaryVindexes } from './vindex-helpers.js';

/** D.2 #13. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (primary vindex check). */
export const primaryVindexOwned: Rule = {
  id: 'primary-vindex-owned',
  severity: 'error',
  description: 'The primary vindex is a lookup vindex owned by the same table.',
  docs: 'An owned lookup vindex is written from the row\'s keyspace id, which comes from the primary vindex: it cannot be the primary vindex itself. Make a functional vindex primary and keep the lookup secondary, or drop `owner`.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const { ks, t, cv, vindex, type } of primaryVindexes(ctx.cluster)) {
      if (!type || type.testOnly || !type.unique || !isOwnedBy(vindex, type, t)) continue;
      ctx.report({
        message: `primary vindex "${cv.name}" of table "${t.name}" is a lookup owned by "${t.name}"`,
        loc: cv.loc, keyspace: ks.name, table: t.name,
        vitessError: `primary vindex ${cv.name} cannot be owned for table ${t.name}`,
        hint: 'make a functional vindex primary and list the lookup second, or remove "owner"',
      });
    }
  },
};
