import { findVindexType, isBackfilling } from '../vindexes/registry.js';
import type { Rule } from './rule.js';

/** Spec B.1 LookupBackfill / E.3: backfilling vindexes are never used for routing. */
export const lookupWriteOnly: Rule = {
  id: 'lookup-write-only',
  severity: 'info',
  description: 'A lookup vindex is `write_only` (backfilling): queries on its column do not use it.',
  docs: 'While a lookup vindex is being backfilled (`write_only: "true"`), vtgate maintains its rows but never routes through it: queries filtering on its column scatter (unique lookups) or go to all shards (non-unique). Drop `write_only` once the LookupVindex workflow has completed.',
  vitessSource: 'go/vt/vtgate/planbuilder/operators/sharded_routing.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const v of ks.vindexes.values()) {
        const t = findVindexType(v.type);
        if (!t?.lookup || v.params.write_only !== 'true') continue;
        ctx.report({
          message: `lookup vindex "${v.name}" is write_only: queries filtering on its column ${isBackfilling(t, v.params) ? 'scatter' : 'go to every shard'} until it is made readable`,
          loc: v.paramLocs.write_only ?? v.loc, keyspace: ks.name,
          hint: 'remove write_only after the backfill (LookupVindex externalize) completes',
        });
      }
    }
  },
};
