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

/**
 * A line that is one simple statement: outside quotes no `'"`#\\`, no `--`, no `/*`, no line break,
 * exactly one `;`, followed by whitespace only (no line break); quoted runs without escapes, doubled quotes or line
 * breaks are skipped whole (a `;` or comment mark inside is text). Alternatives start with distinct
 * characters, so matching is linear.
 */
const SIMPLE_LINE = /^(?:[^'"`#\\;\n/-]|-(?!-)|\/(?!\*)|'[^'\\\n]*'(?!')|"[^"\\\n]*"(?!")|`[^`\\\n]*`(?!`))*;[^\S\n]*$/;
/**
 * {@link SIMPLE_LINE} for a line inside a longer text: matched from `lastIndex` (sticky), trailing
 * whitespace stops at any line break, and the caller checks that the match ends where the line does
 * (a match that runs on past it, say over a `\r`, is no answer).
 */
const SIMPLE_AT = /(?:[^'"`#\\;\n/-]|-(?!-)|\/(?!\*)|'[^'\\\n]*'(?!')|"[^"\\\n]*"(?!")|`[^`\\\n]*`(?!`))*;[^\S\n\r\u2028\u2029]*/y;
/** A line of whitespace only (no line break). */
const BLANK_LINE = /^[^\S\n]*$/;
/** The first character that is not whitespace. */
const NOT_SPACE = /\S/;

/**
 * The statements of `lines` (line numbers 1-based within them) when each line is blank or one simple
 * statement, else null. Strings are cut from the lines (no copy). `from`: lines before it are left
 * out (the caller knows each is one simple statement it does not want).
 */
export function simpleStatements(lines: readonly string[], from = 0): SqlStatement[] | null {
  const out: SqlStatement[] = [];
  for (let k = from; k < lines.length; k++) {
    const line = lines[k]!;
    if (!SIMPLE_LINE.test(line)) {
      if (BLANK_LINE.test(line)) continue;
      return null;
    }
    const first = line.search(NOT_SPACE);
    const semi = line.lastIndexOf(';');
    if (semi === first) return null;
    // `use ks` / `DELIMITER x` lines are the mysql client's: the general splitter decides.
    const c0 = line.charCodeAt(first) | 32;
    if ((c0 === 117 || c0 === 100) && /^(?:use|delimiter)/i.test(line.slice(first, first + 9))) return null;
    let end = semi;
    while (isSpace(line.charCodeAt(end - 1))) end--;
    out.push({ sql: line.slice(first, end), line: k + 1 });
  }
  return out;
}

/**
 * The statement of the one line `text.slice(start, end)` when {@link simpleStatements} takes that line
 * as one simple statement — the same text, cut from `text` — else null. Null also for some lines
 * it does take (a U+2028 after the `;`): a caller then asks simpleStatements or the general split,
 * which give the same statements. Spares the caller cutting the line itself.
 */
export function simpleStatementAt(text: string, start: number, end: number): string | null {
  SIMPLE_AT.lastIndex = start;
  if (!SIMPLE_AT.test(text) || SIMPLE_AT.lastIndex !== end) return null;
  let first = start;
  while (isSpace(text.charCodeAt(first))) first++;
  let semi = end - 1;
  while (semi > start && text.charCodeAt(semi) !== 59) semi--;
  if (semi === first) return null;
  const c0 = text.charCodeAt(first) | 32;
  if ((c0 === 117 || c0 === 100) && /^(?:use|delimiter)/i.test(text.slice(first, Math.min(first + 9, end)))) return null;
  let last = semi;
  while (isSpace(text.charCodeAt(last - 1))) last--;
  return text.slice(first, last);
}
