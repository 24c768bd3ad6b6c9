import type { Rule } from './rule.js';
import { lookupVindexes, resolveLookupTable } from './lookup-helpers.js';

/** Our own lint: lookup `from`/`to` columns must exist in the lookup table (VSchema columns or DDL). */
export const lookupColumnsMissing: Rule = {
  id: 'lookup-columns-missing',
  severity: 'warning',
  description: 'A lookup vindex\'s `from` or `to` column does not exist in its lookup table.',
  docs: 'The lookup queries are `select <from>, <to> from <table> where <from> in ...`; a column the table does not have fails every such query. Checked against the table\'s authoritative `columns` list or the DDL given with `--schema`.',
  vitessSource: null,
  check(ctx) {
    for (const { ks, v } of lookupVindexes(ctx.cluster)) {
      if (!v.params.table) continue;
      const r = resolveLookupTable(ctx.cluster, ctx.globals, v);
      if (!r.keyspace || !r.name) continue;
      const ddlCols = ctx.ddl?.keyspaces.get(r.keyspace)?.get(r.name)?.columns.map((c) => c.name.toLowerCase());
      const vsCols = r.table?.columnListAuthoritative ? r.table.columns.map((c) => c.name.toLowerCase()) : undefined;
      const known = ddlCols ?? vsCols;
      if (!known) continue;
      const wanted = [...(v.params.from ?? '').split(','), v.params.to ?? ''].map((s) => s.trim()).filter(Boolean);
      for (const col of wanted) {
        if (known.includes(col.toLowerCase())) continue;
        ctx.report({
          message: `lookup vindex "${v.name}" uses column "${col}", which lookup table "${r.keyspace}.${r.name}" does not have`,
          loc: v.loc, keyspace: ks.name,
          hint: `add "${col}" to ${r.name} or fix params.from / params.to`,
        });
      }
    }
  },
};
