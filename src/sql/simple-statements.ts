/**
 * The fast path of statement splitting for the common log record: every line blank or one whole
 * statement ended by `;` (a slow log's `SET timestamp=…;` then the query). Such text splits into
 * exactly its lines, so no general split is needed; anything this cannot be sure of — escapes or
 * doubled quotes in a quoted run, comments, backslashes, a second `;`, a statement over several lines, `use`/`DELIMITER` lines, a `\n` inside a line —
 * returns null and the caller uses splitStatements (./split-statements.ts), which is the reference:
 * for every input where this returns statements, splitStatements of the lines joined by `\n` gives
 * the same (property-tested in test/sql/simple-statements.test.ts).
 */
import { isSpace } from '../corpus/scan.js';
import type { SqlStatement } from './split-statements.js';

const PLAIN = 0;
const BLANK = 1;
const BREAK = 2;
const SPECIAL = 3;
/** What each ASCII character is to the loop below: whitespace, `\n`, a character to look at, or plain. */
const KIND = new Uint8Array(128);
for (const c of [9, 11, 12, 13, 32]) KIND[c] = BLANK;
KIND[10] = BREAK;
for (const ch of '\'"`#\\-/;') KIND[ch.charCodeAt(0)] = SPECIAL;

/**
 * The statements of `lines` (line numbers 1-based within them) when each line is blank or one simple
 * statement, else null. Strings are cut from the lines (no copy).
 */
export function simpleStatements(lines: readonly string[]): SqlStatement[] | null {
  const out: SqlStatement[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const n = line.length;
    let first = -1;
    let semi = -1;
    let last = -1;
    for (let i = 0; i < n; i++) {
      const c = line.charCodeAt(i);
      const kind = c < 128 ? KIND[c]! : isSpace(c) ? BLANK : PLAIN;
      if (kind === PLAIN) {
        if (first < 0) first = i;
        last = i;
        continue;
      }
      if (kind === BLANK) continue;
      // A line break inside a line (never from a line reader) would shift the line numbers.
      if (kind === BREAK) return null;
      if (first < 0) first = i;
      last = i;
      switch (c) {
        case 39: // '
        case 34: // "
        case 96: {
          // ` — a quoted run without escapes, doubled quotes or line breaks is skipped whole, as the
          // general splitter skips it (a `;` or comment mark inside is text); anything else: unsure.
          const close = line.indexOf(c === 39 ? "'" : c === 34 ? '"' : '`', i + 1);
          if (close < 0 || line.charCodeAt(close + 1) === c) return null;
          for (let j = i + 1; j < close; j++) {
            const d = line.charCodeAt(j);
            if (d === 92 || d === 10) return null;
          }
          i = close;
          last = close;
          break;
        }
        case 35: // #
        case 92: // \
          return null;
        case 45: // -- (a comment when a space follows)
          if (line.charCodeAt(i + 1) === 45) return null;
          break;
        case 47: // /*
          if (line.charCodeAt(i + 1) === 42) return null;
          break;
        case 59: // ;
          if (semi >= 0) return null;
          semi = i;
          break;
      }
    }
    if (first < 0) continue;
    if (semi !== last || semi === first) return null;
    // `use ks` / `DELIMITER x` lines are the mysql client's: the general splitter decides.
    const c0 = line.charCodeAt(first) | 32;
    if ((c0 === 117 || c0 === 100) && /^(?:use|\\u|delimiter)/i.test(line.slice(first, first + 9))) return null;
    let end = semi;
    while (isSpace(line.charCodeAt(end - 1))) end--;
    out.push({ sql: line.slice(first, end), line: k + 1 });
  }
  return out;
}
