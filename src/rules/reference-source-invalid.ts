import type { TableDef } from '../vschema/model.js';
import { findTable, parseTableName, sourceFormError } from '../vschema/names.js';
import type { Rule } from './rule.js';

/**
 * D.2 #3 and #16–#21. Source: vitessio/vitess go/vt/vtgate/vindexes/vschema.go buildTables
 * (parseQualifiedTable) and buildKeyspaceReferences / findKeyspaceAndTableBySource.
 */
export const referenceSourceInvalid: Rule = {
  id: 'reference-source-invalid',
  severity: 'error',
  description: 'A reference table\'s `source` is malformed, unresolvable, in the same keyspace, of the wrong type, shared or chained.',
  docs: 'A reference table with a `source` is a copy of a table of another keyspace (kept in sync by a Materialize workflow) and writes go to the source. The source must be `ks.table` (or a unique unqualified name) of another keyspace, declared in that keyspace\'s VSchema, a normal or reference table without a source of its own, and referenced at most once per keyspace.',
  vitessSource: 'go/vt/vtgate/vindexes/vschema.go',
  check(ctx) {
    for (const ks of ctx.cluster.keyspaces.values()) {
      const referenced = new Map<string, string>(); // "srcks.srct" → first reference table name
      for (const t of ks.tables.values()) {
        if (t.type !== 'reference' || !t.source) continue;
        const bad = (msg: string, err: string, hint: string): void =>
          ctx.report({ message: msg, loc: t.loc, keyspace: ks.name, table: t.name, vitessError: err, hint });
        const parsed = parseTableName(t.source);
        if (!parsed) {
          bad(
            `reference table "${t.name}" has malformed source "${t.source}"`,
            `invalid source "${t.source}" for reference table: ${t.name}; ${sourceFormError(t.source)}`,
            'write the source as "keyspace.table"',
          );
          continue;
        }
        let srcKs = parsed.keyspace;
        if (srcKs === '') {
          const found = findTable(ctx.cluster, ctx.globals, '', parsed.table);
          if ('error' in found) {
            bad(`reference table "${t.name}": source "${t.source}" cannot be resolved: ${found.error}`, found.error, 'qualify the source: "keyspace.table"');
            continue;
          }
          srcKs = found.table.keyspace;
        }
        const label = `${srcKs}.${parsed.table}`;
        if (srcKs === ks.name) {
          bad(
            `reference table "${t.name}" has its source "${label}" in its own keyspace`,
            `source "${label}" may not reference a table in the same keyspace as table: ${t.name}`,
            'a reference source must be in another keyspace',
          );
          continue;
        }
        const sks = ctx.cluster.keyspaces.get(srcKs);
        if (!sks) {
          bad(
            `reference table "${t.name}" has its source in keyspace "${srcKs}", which does not exist`,
            `source "${label}" references a non-existent keyspace "${srcKs}"`,
            'fix the keyspace name of the source',
          );
          continue;
        }
        const st: TableDef | undefined = sks.tables.get(parsed.table);
        if (!st) {
          bad(
            `reference table "${t.name}": source table "${parsed.table}" is not declared in keyspace "${srcKs}"`,
            `source "${label}" references a table "${parsed.table}" that is not present in the VSchema of keyspace "${srcKs}"`,
            `declare "${parsed.table}" in the VSchema of "${srcKs}" (also needed in an unsharded keyspace)`,
          );
          continue;
        }
        if (st.type !== '' && st.type !== 'reference') {
          bad(
            `reference table "${t.name}": source "${label}" is a ${st.type} table`,
            `source "${label}" may not reference a table of type "${st.type}": ${t.name}`,
            'point the source at a normal or reference table',
          );
          continue;
        }
        const other = referenced.get(label);
        if (other !== undefined) {
          const names = [other, t.name].sort();
          bad(
            `reference tables "${names[0]}" and "${names[1]}" of keyspace "${ks.name}" share the source "${label}"`,
            `source "${label}" may not be referenced more than once per keyspace: ${names[0]}, ${names[1]}`,
            'keep one reference table per source and keyspace',
          );
          continue;
        }
        referenced.set(label, t.name);
        if (st.source) {
          bad(
            `reference table "${t.name}" points at "${label}", which itself has the source "${st.source}"`,
            `reference chaining is not allowed ${t.name} => ${label} => ${st.source}: ${t.name}`,
            `point the source directly at "${st.source}"`,
          );
        }
      }
    }
  },
};
