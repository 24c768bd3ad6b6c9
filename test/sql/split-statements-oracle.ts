/**
 * Splits SQL text into statements at top-level `;`, respecting quotes ('…', "…", `…`), comments
 * (`-- `, `#`, `/* *\/`), MySQL `DELIMITER` lines and the mysql client's own syntax (`\G`
 * terminators, `\!`-style commands, `use ks` without `;`). Keeps each statement's 1-based start line.
 * A lexer only: parsing is node-sql-parser's job.
 *
 * THE TEST ORACLE: the per-character splitter that src/sql/split-statements.ts replaced, kept verbatim
 * (test/sql/split-statements.test.ts property-tests the two equal).
 */

/** One statement of a file, with the line it starts on. */
export interface SqlStatement {
  sql: string;
  line: number;
}

/** Splits `text`; empty statements (only comments/whitespace) are dropped. */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let delimiter = ';';
  let start = 0;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const push = (end: number): void => {
    // Leading whitespace and comments belong to no statement: skip them, counting their lines.
    let s = start;
    let l = startLine;
    for (;;) {
      const m = /^(\s+|--[ \t][^\n]*|#[^\n]*|\/\*(?!vt\+)[\s\S]*?\*\/)/.exec(text.slice(s, end));
      if (!m || m[0].length === 0) break;
      for (const ch of m[0]) if (ch === '\n') l++;
      s += m[0].length;
    }
    const sql = text.slice(s, end).trim();
    if (sql && !isOnlyComments(sql)) out.push({ sql, line: l });
  };
  /**
   * mysql client commands at the start of a line with no statement pending: `\! shell`, `\c`, `\q`,
   * `\T file`... are not SQL and end at the line end; `\u ks` and `use ks` (no `;` needed) switch the
   * keyspace and are kept as `use ks`. Returns true when a line was consumed.
   */
  const clientLine = (): boolean => {
    if (text.slice(start, i).trim() !== '') return false;
    const eol = text.indexOf('\n', i);
    const rest = text.slice(i, eol < 0 ? text.length : eol);
    const use = /^[ \t]*(?:use|\\u)[ \t]+([^\s;]+)[ \t]*;?[ \t]*\r?$/i.exec(rest);
    const cmd = /^[ \t]*\\[!a-zA-Z.#]/.test(rest);
    if (!use && !cmd) return false;
    if (use) out.push({ sql: `use ${use[1]!}`, line });
    i = eol < 0 ? text.length : eol;
    start = i;
    startLine = line;
    return true;
  };
  clientLine();
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
      start = text.slice(start, i).trim() === '' ? i : start;
      if (start === i) startLine = line;
      // DELIMITER lines (mysql client) switch the terminator.
      const m = /^[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\r?\n|$)/i.exec(text.slice(i, i + 64));
      if (m && text.slice(start, i).trim() === '') {
        delimiter = m[1]!;
        i += m[0].length;
        if (m[0].endsWith('\n')) line++;
        start = i;
        startLine = line;
      } else clientLine();
      continue;
    }
    // `\G` / `\g` (mysql client: vertical / normal output) terminate a statement like the delimiter.
    if (c === '\\' && (text[i + 1] === 'G' || text[i + 1] === 'g')) {
      push(i);
      i += 2;
      start = i;
      startLine = line;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && c !== '`') i++;
        else if (text[i] === '\n') line++;
        i++;
      }
      i++;
      continue;
    }
    if ((c === '-' && text[i + 1] === '-' && /[\s]/.test(text[i + 2] ?? ' ')) || c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      push(i);
      i += delimiter.length;
      start = i;
      startLine = line;
      continue;
    }
    i++;
  }
  push(text.length);
  return out;
}

function isOnlyComments(sql: string): boolean {
  return sql.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(--\s|#)[^\n]*/g, '').trim() === '';
}
