import { findVindexType } from '../vindexes/registry.js';
import type { Rule } from './rule.js';

/** D.2 #1. Source: vitessio/vitess go/vt/vtgate/vindexes/vindex.go CreateVindex. */
export const vindexTypeUnknown: Rule = {
  id: 'vindex-type-unknown',
  severity: 'error',
  description: 'A vindex uses a type vtgate does not register.',
  docs: 'vtgate builds every vindex of a keyspace before its tables; an unknown `type` makes the whole keyspace fail to load (`vindexType "x" not found`). Use one of the registered types (hash, xxhash, lookup_unique, ...); type names are case-sensitive.',
  vitessSource: 'go/vt/vtgate/vindexes/vindex.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const v of ks.vindexes.values()) {
        const t = findVindexType(v.type);
        if (t && !t.testOnly) continue;
        const known = ['hash', 'xxhash', 'binary_md5', 'unicode_loose_md5', 'numeric', 'lookup_unique', 'lookup', 'consistent_lookup_unique'];
        ctx.report({
          message: `vindex "${v.name}" has unknown type "${v.type}"${t?.testOnly ? ' (a Vitess planner test type)' : ''}`,
          loc: v.loc,
          keyspace: ks.name,
          vitessError: `vindexType "${v.type}" not found`,
          hint: `use a registered type, e.g. ${known.join(', ')}`,
        });
      }
    }
  },
};
