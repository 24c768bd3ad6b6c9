import type { Rule } from './rule.js';
import { columnsOf } from './vindex-helpers.js';
import { lookupVindexes, resolveLookupTable } from './lookup-helpers.js';

/** Our own lint (spec G.6: merging requires the same vindex name). */
export const conflictingPrimaryVindex: Rule = {
  id: 'conflicting-primary-vindex',
  severity: 'warning',
  description: 'Tables of one sharded keyspace keyed by the same column name through different primary vindexes.',
  docs: 'vtgate keeps a join on one shard only when both sides are keyed through the *same* vindex (same name). If `orders.customer_id` uses `hash` and `customer.customer_id` uses `xxhash` (or another vindex name, even of the same type), rows with equal `customer_id` live on different shards and their joins always scatter. Use one vindex for one logical key.',
  vitessSource: 'go/vt/vtgate/planbuilder/operators/join_merging.go',
  check(ctx) {
    // Lookup backing tables are keyed by the lookup's `from` column and are only read by vtgate's
    // lookup queries, never joined with the data tables: their vindex choice is not a conflict.
    const backing = new Set<string>();
    for (const { v } of lookupVindexes(ctx.cluster)) {
      const r = resolveLookupTable(ctx.cluster, ctx.globals, v);
      if (r.keyspace && r.name) backing.add(`${r.keyspace}.${r.name}`);
    }
    for (const ks of ctx.cluster.keyspaces.values()) {
      if (!ks.sharded) continue;
      const byColumn = new Map<string, Map<string, string[]>>(); // column → vindex → tables
      for (const t of ks.tables.values()) {
        const cv = t.columnVindexes[0];
        if (!cv || t.type !== '' || backing.has(`${ks.name}.${t.name}`)) continue;
        const cols = columnsOf(cv);
        if (cols.length !== 1) continue;
        const col = cols[0]!.toLowerCase();
        const m = byColumn.get(col) ?? new Map<string, string[]>();
        m.set(cv.name, [...(m.get(cv.name) ?? []), t.name]);
        byColumn.set(col, m);
      }
      for (const [col, m] of byColumn) {
        if (m.size < 2) continue;
        // The vindex most tables use is the reference; report the others.
        const ranked = [...m.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const [mainVindex, mainTables] = ranked[0]!;
        for (const [vname, tables] of ranked.slice(1)) {
          for (const tname of tables) {
            const t = ks.tables.get(tname)!;
            ctx.report({
              message: `table "${tname}" is keyed by "${col}" through vindex "${vname}", but ${mainTables.slice(0, 3).join(', ')}${mainTables.length > 3 ? ', …' : ''} ${mainTables.length === 1 ? 'uses' : 'use'} "${mainVindex}": joins on ${col} between them can never stay on one shard`,
              loc: t.columnVindexes[0]!.loc, keyspace: ks.name, table: tname,
              hint: `key "${tname}" by the same vindex "${mainVindex}" (changing a primary vindex needs a resharding workflow for existing data)`,
            });
          }
        }
      }
    }
  },
};
