/**
 * Splits SQL text into statements at top-level `;`, respecting quotes ('…', "…", `…`), comments
 * (`-- `, `#`, `/* *\/`), MySQL `DELIMITER` lines and the mysql client's own syntax (`\G`
 * terminators, `\!`-style commands, `use ks` without `;`). Keeps each statement's 1-based start line.
 * A lexer only: parsing is node-sql-parser's job.
 *
 * One pass over character codes: no per-character slicing; a string is cut only for a statement, a
 * line that may be a client command and a line that may be a `DELIMITER` line. The per-character
 * version it replaced is kept as the test oracle (test/sql/split-statements-oracle.ts) and the two
 * are property-tested equal.
 */
import { isSpace } from '../corpus/scan.js';

/** One statement of a file, with the line it starts on. */
export interface SqlStatement {
  sql: string;
  line: number;
}

const NL = 10;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const BACKTICK = 96;
const SQUOTE = 39;
const DQUOTE = 34;

const USE_LINE = /^[ \t]*(?:use|\\u)[ \t]+([^\s;]+)[ \t]*;?[ \t]*\r?$/i;
const CLIENT_COMMAND = /^[ \t]*\\[!a-zA-Z.#]/;
const DELIMITER_LINE = /^[ \t]*DELIMITER[ \t]+(\S+)[ \t]*(?:\r?\n|$)/i;

/** Index of the first character at or after `i` that is not a space or a tab. */
function skipBlanks(text: string, i: number): number {
  let j = i;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c !== SPACE && c !== TAB) return j;
    j++;
  }
}

/** Splits `text`; empty statements (only comments/whitespace) are dropped. */
export function splitStatements(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  const n = text.length;
  let delimiter = ';';
  let delim0 = 59;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let i = 0;
  // Whether text[start, i) holds anything but whitespace (the old `text.slice(start, i).trim() !== ''`).
  let dirty = false;
  const push = (end: number): void => {
    // Leading whitespace and comments belong to no statement: skip them, counting their lines.
    let s = start;
    let l = startLine;
    for (;;) {
      const c = text.charCodeAt(s);
      if (s >= end) break;
      if (isSpace(c)) {
        while (s < end && isSpace(text.charCodeAt(s))) {
          if (text.charCodeAt(s) === NL) l++;
          s++;
        }
        continue;
      }
      if ((c === DASH && text.charCodeAt(s + 1) === DASH && s + 2 < end && (text.charCodeAt(s + 2) === SPACE || text.charCodeAt(s + 2) === TAB)) || c === HASH) {
        while (s < end && text.charCodeAt(s) !== NL) s++;
        continue;
      }
      if (c === SLASH && s + 1 < end && text.charCodeAt(s + 1) === STAR && !(s + 5 <= end && text.startsWith('vt+', s + 2))) {
        const close = text.indexOf('*/', s + 2);
        if (close < 0 || close + 2 > end) break;
        for (let k = s; k < close; k++) if (text.charCodeAt(k) === NL) l++;
        s = close + 2;
        continue;
      }
      break;
    }
    let e = end;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e === s) return;
    const sql = text.slice(s, e);
    const c0 = sql.charCodeAt(0);
    // Only text starting with a comment can be nothing but comments.
    if ((c0 === SLASH || c0 === DASH || c0 === HASH) && isOnlyComments(sql)) return;
    out.push({ sql, line: l });
  };
  /**
   * mysql client commands at the start of a line with no statement pending: `\! shell`, `\c`, `\q`,
   * `\T file`... are not SQL and end at the line end; `\u ks` and `use ks` (no `;` needed) switch the
   * keyspace and are kept as `use ks`. Returns true when a line was consumed.
   */
  const clientLine = (): void => {
    if (dirty) return;
    const c = text.charCodeAt(skipBlanks(text, i));
    if (c !== BACKSLASH && c !== 117 && c !== 85) return; // \ u U
    const nl = text.indexOf('\n', i);
    const eol = nl < 0 ? n : nl;
    const rest = text.slice(i, eol);
    const use = USE_LINE.exec(rest);
    if (!use && !CLIENT_COMMAND.test(rest)) return;
    if (use) out.push({ sql: `use ${use[1]!}`, line });
    i = eol;
    start = i;
    startLine = line;
    dirty = false;
  };
  clientLine();
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) {
      line++;
      i++;
      if (!dirty) {
        start = i;
        startLine = line;
      }
      // DELIMITER lines (mysql client) switch the terminator.
      const d = text.charCodeAt(skipBlanks(text, i));
      const m = (d === 68 || d === 100) && !dirty ? DELIMITER_LINE.exec(text.slice(i, i + 64)) : null; // D d
      if (m) {
        delimiter = m[1]!;
        delim0 = delimiter.charCodeAt(0);
        i += m[0].length;
        if (m[0].endsWith('\n')) line++;
        start = i;
        startLine = line;
      } else clientLine();
      continue;
    }
    if (!isSpace(c)) dirty = true;
    // `\G` / `\g` (mysql client: vertical / normal output) terminate a statement like the delimiter.
    if (c === BACKSLASH && (text.charCodeAt(i + 1) === 71 || text.charCodeAt(i + 1) === 103)) {
      push(i);
      i += 2;
      start = i;
      startLine = line;
      dirty = false;
      continue;
    }
    if (c === SQUOTE || c === DQUOTE || c === BACKTICK) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === c) break;
        if (d === BACKSLASH && c !== BACKTICK) i++;
        else if (d === NL) line++;
        i++;
      }
      i++;
      continue;
    }
    if ((c === DASH && text.charCodeAt(i + 1) === DASH && (i + 2 >= n || isSpace(text.charCodeAt(i + 2)))) || c === HASH) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (text.charCodeAt(k) === NL) line++;
      i = stop;
      continue;
    }
    if (c === delim0 && (delimiter.length === 1 || text.startsWith(delimiter, i))) {
      push(i);
      i += delimiter.length;
      start = i;
      startLine = line;
      dirty = false;
      continue;
    }
    i++;
  }
  push(n);
  return out;
}

function isOnlyComments(sql: string): boolean {
  return sql.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(--\s|#)[^\n]*/g, '').trim() === '';
}
