/**
 * Reads CREATE TABLE statements (the --schema DDL) per keyspace with node-sql-parser. Other
 * statements are ignored and unparsable ones become `ddl-syntax` findings, like vtexplain skips them.
 */
import type { Finding } from '../core/finding.js';
import { parseMysql } from '../sql/parser.js';
import { splitStatements } from '../sql/split-statements.js';
import type { DdlColumn, DdlSchema, DdlTable } from './model.js';

/** One DDL file and the keyspace it belongs to. */
export interface DdlFile {
  path: string;
  keyspace: string;
  text: string;
}

/** Parses all files; never throws. */
export function parseDdl(files: readonly DdlFile[]): { schema: DdlSchema; findings: Finding[] } {
  const schema: DdlSchema = { keyspaces: new Map() };
  const findings: Finding[] = [];
  for (const f of files) {
    const tables = schema.keyspaces.get(f.keyspace) ?? new Map<string, DdlTable>();
    schema.keyspaces.set(f.keyspace, tables);
    for (const st of splitStatements(f.text)) {
      if (!/^\s*(\/\*[\s\S]*?\*\/\s*)*create\s+(temporary\s+)?table/i.test(st.sql)) continue;
      const r = parseMysql(st.sql);
      if ('error' in r) {
        findings.push({
          rule: 'ddl-syntax', severity: 'warning', message: `cannot parse CREATE TABLE: ${r.error}`, vitess_error: null,
          file: f.path, line: st.line + r.line - 1, column: r.column, keyspace: f.keyspace, hint: null, pointer: '',
        });
        continue;
      }
      for (const node of r.ast as unknown as Array<Record<string, unknown>>) {
        const t = tableOf(node, f.path, st.line);
        if (t) tables.set(t.name, t);
      }
    }
  }
  return { schema, findings };
}

function tableOf(node: Record<string, unknown>, file: string, line: number): DdlTable | null {
  if (node.type !== 'create' || node.keyword !== 'table') return null;
  const tbl = (node.table as Array<{ table: string }> | undefined)?.[0];
  if (!tbl) return null;
  const columns: DdlColumn[] = [];
  for (const def of (node.create_definitions as Array<Record<string, unknown>> | undefined) ?? []) {
    if (def.resource !== 'column') continue;
    const colRef = def.column as { column: unknown };
    const name = typeof colRef.column === 'string' ? colRef.column : String((colRef.column as { expr?: { value?: unknown } })?.expr?.value ?? '');
    const dt = (def.definition as { dataType?: string } | undefined)?.dataType ?? '';
    columns.push({ name, dataType: dt.toUpperCase(), autoIncrement: !!def.auto_increment });
  }
  return { name: tbl.table, columns, file, line };
}
