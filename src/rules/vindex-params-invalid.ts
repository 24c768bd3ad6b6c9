import { createVindexError, findVindexType } from '../vindexes/registry.js';
import type { Rule } from './rule.js';

/** D.2 #2 / spec B.2. Source: the New<Type> constructors in vitessio/vitess go/vt/vtgate/vindexes/. */
export const vindexParamsInvalid: Rule = {
  id: 'vindex-params-invalid',
  severity: 'error',
  description: 'A vindex constructor rejects its params (bad booleans, read_lock, cfc offsets, multicol layout, ...).',
  docs: 'vtgate creates each vindex with its params before it looks at tables; a rejected param fails the whole keyspace. Boolean params must be the strings "true" or "false"; see the message for the exact rule.',
  vitessSource: 'go/vt/vtgate/vindexes/{lookup,lookup_hash,consistent_lookup,cfc,multicol,numeric_static_map,region_experimental}.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const v of ks.vindexes.values()) {
        const t = findVindexType(v.type);
        if (!t || t.testOnly) continue; // reported by vindex-type-unknown
        const err = createVindexError(v.type, v.name, v.params);
        if (!err) continue;
        const param = Object.keys(v.params).find((p) => err.includes(p));
        ctx.report({
          message: `vindex "${v.name}" (${v.type}): ${err}`,
          loc: (param && v.paramLocs[param]) || v.loc,
          keyspace: ks.name,
          vitessError: err,
          hint: 'fix the param value; every param is a JSON string',
        });
      }
    }
  },
};
