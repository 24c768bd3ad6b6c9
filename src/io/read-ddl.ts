/**
 * Reads the DDL files of `deploy --ddl` (action input `ddl`): each entry is `[KEYSPACE=]PATH`, PATH a
 * file or a glob (picomatch, relative to `root`). Statements are split one per element with
 * `splitStatements` (quotes, comments, DELIMITER), keeping file and line.
 */
import path from 'node:path';
import { findFiles } from './glob-files.js';
import { readText } from './read-inputs.js';
import { splitStatements } from '../sql/split-statements.js';

/** One DDL statement with its file, line and target keyspace (null: not named by the entry). */
export interface DdlFileStatement {
  keyspace: string | null;
  sql: string;
  file: string;
  line: number;
}

const GLOB = /[*?[\]{}]/;

/** Reads every entry; throws Error naming the entry for a missing file, a glob matching nothing or an empty file. */
export function readDdlStatements(entries: readonly string[], root: string): DdlFileStatement[] {
  const out: DdlFileStatement[] = [];
  for (const entry of entries) {
    const m = /^([A-Za-z0-9_-]+)=(.+)$/.exec(entry);
    const keyspace = m ? m[1]! : null;
    const spec = m ? m[2]! : entry;
    const files = GLOB.test(spec) ? findFiles(root, [spec]).map((f) => path.join(root, f)) : [path.resolve(root, spec)];
    if (files.length === 0) throw new Error(`--ddl ${entry}: the glob matches no file under ${root}`);
    for (const file of files) {
      const r = readText(file);
      if ('finding' in r) throw new Error(`--ddl ${entry}: ${r.finding.message}`);
      const stmts = splitStatements(r.text);
      const shown = path.relative(root, file) || file;
      if (stmts.length === 0) throw new Error(`--ddl ${shown}: no SQL statement in the file`);
      for (const s of stmts) out.push({ keyspace, sql: s.sql, file: shown, line: s.line });
    }
  }
  return out;
}
