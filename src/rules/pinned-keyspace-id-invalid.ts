import { goHexDecode } from '../vindexes/go-errors.js';
import type { Rule } from './rule.js';

/** D.2 #6. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables (hex.DecodeString). */
export const pinnedKeyspaceIdInvalid: Rule = {
  id: 'pinned-keyspace-id-invalid',
  severity: 'error',
  description: '`pinned` is not a valid hex keyspace id.',
  docs: '`pinned` is the hex keyspace id of the shard that holds the table, e.g. "80" for the shard 80-. It must be an even number of hex digits.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      for (const t of ks.tables.values()) {
        if (!t.pinned) continue;
        const r = goHexDecode(t.pinned);
        if (typeof r !== 'string') continue;
        ctx.report({
          message: `table "${t.name}" is pinned to "${t.pinned}", which is not hex: ${r}`,
          loc: t.loc, keyspace: ks.name, table: t.name,
          vitessError: `could not decode the keyspace id for pin: ${r}`,
          hint: 'write the keyspace id as an even number of hex digits, e.g. "80"',
        });
      }
    }
  },
};
