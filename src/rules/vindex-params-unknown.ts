import { findVindexType, unknownParams } from '../vindexes/registry.js';
import type { Rule } from './rule.js';

/** Spec B.3. Source: vitessio/vitess go/vt/vtgate/vindexes/vindex.go FindUnknownParams (ApplyVSchema --strict). */
export const vindexParamsUnknown: Rule = {
  id: 'vindex-params-unknown',
  severity: 'warning',
  description: 'A vindex has params its type does not know (what `ApplyVSchema --strict` rejects).',
  docs: 'Vitess ignores params a vindex type does not know and only logs `Unknown param in vindex <name>: <param>`; usually it is a typo (`ignore_null` for `ignore_nulls`) whose intended effect silently does not happen. v19+ `vtctldclient ApplyVSchema --strict` rejects them.',
  vitessSource: 'go/vt/vtgate/vindexes/vindex.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const v of ks.vindexes.values()) {
        const t = findVindexType(v.type);
        if (!t || t.testOnly) continue;
        for (const p of unknownParams(v.type, v.params)) {
          const known = t.knownParams ?? [];
          ctx.report({
            message: `vindex "${v.name}" (${v.type}) has unknown param "${p}"${known.length ? `; known: ${known.join(', ')}` : '; this type takes no params'}`,
            loc: v.paramLocs[p] ?? v.loc, keyspace: ks.name,
            vitessError: `Unknown param in vindex ${v.name}: ${p}`,
            hint: `remove "${p}" or fix its spelling`,
          });
        }
      }
    }
  },
};
