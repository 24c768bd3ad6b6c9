import type { Rule } from './rule.js';
import { lookupVindexes, resolveLookupTable } from './lookup-helpers.js';

/** Spec D.4 (lookup table not declared in any VSchema is accepted). Our own lint. */
export const lookupTableMissing: Rule = {
  id: 'lookup-table-missing',
  severity: 'warning',
  description: 'A lookup vindex reads a table that no keyspace defines.',
  docs: 'A lookup vindex reads and writes `params.table`. vtgate resolves it like a query table: if no keyspace declares it (or the name is ambiguous), every query and insert that uses the vindex fails. Declare the lookup table (usually in an unsharded keyspace, or sharded by its `from` column) and qualify it as `ks.table`.',
  vitessSource: null,
  check(ctx) {
    for (const { ks, v } of lookupVindexes(ctx.cluster)) {
      if (!v.params.table) continue; // lookup-params-missing
      const r = resolveLookupTable(ctx.cluster, ctx.globals, v);
      let problem = r.error;
      if (!problem && !r.table && r.keyspace && ctx.ddl?.keyspaces.get(r.keyspace) && !ctx.ddl.keyspaces.get(r.keyspace)!.has(r.name!)) {
        problem = `table ${r.name} is neither in the VSchema nor in the DDL of keyspace ${r.keyspace}`;
      }
      if (!problem) continue;
      ctx.report({
        message: `lookup vindex "${v.name}" reads "${v.params.table}", which cannot be resolved: ${problem}`,
        loc: v.paramLocs.table ?? v.loc, keyspace: ks.name,
        hint: `add "${v.params.table.split('.').pop()}" to a keyspace, or point params.table at an existing table`,
      });
    }
  },
};
