/**
 * The MySQL slow query log reader (`--input-type slowlog`), fed spans of the decoded text
 * (../io/read-lines.ts forEachSpan): an entry is `# Time:` / `# User@Host:` / `# Query_time:` header
 * lines, then its statements (mysqld opens them with `SET timestamp=N;`, and writes `use db;` when the
 * thread's database changed). Most lines are never cut into strings: header lines are looked at
 * with charCodeAt (and a sticky regex for the thread id), and the common entry — `SET timestamp=N;`
 * then one simple statement — gives its statement's text cut from the decoded chunk; the lines of
 * any other entry become strings and take the general path (../sql/split-statements.ts).
 *
 * Same statements, problems and line numbers as the string-fed reader it replaced
 * (test/corpus/slow-log-oracle.ts; property-tested in test/corpus/slow-log-spans.test.ts).
 */
import { simpleStatementAt, simpleStatements } from '../sql/simple-statements.js';
import type { FormatReader, RawStatement } from './formats.js';
import { NONE, logHeader, recordStatements, useKeyspace } from './log-records.js';
import { isDigit, isSpace } from './scan.js';

/** The statements mysqld writes to set up a session, never queries of the application. */
const SESSION_SETUP = /^(use\s|set\s+timestamp\s*=|set\s+insert_id\s*=|set\s+last_insert_id\s*=)/i;

/** Whether `sql` is one of {@link SESSION_SETUP}: the regex only for what starts `us` or `set` (`select`, `update` do not get it). */
function sessionSetup(sql: string): boolean {
  const c = sql.charCodeAt(0) | 32;
  const c1 = sql.charCodeAt(1) | 32;
  if (c === 117 ? c1 !== 115 : c !== 115 || c1 !== 101 || (sql.charCodeAt(2) | 32) !== 116) return false;
  return SESSION_SETUP.test(sql);
}

/** A `# User@Host:` line's thread id, as mysqld writes it (`... Id: 42`). */
const USER_HOST_ID = /^# User@Host:.*\bId:\s*(\d+)/;
/** The same from `lastIndex` of a longer text: a match that ends past the line is no answer. */
const USER_HOST_ID_AT = /# User@Host:.*\bId:\s*(\d+)/y;

/**
 * The thread id of a `# User@Host: ... Id: 42` line, `text.slice(start, end)`: what
 * `/^# User@Host:.*\bId:\s*(\d+)/` captures (`.*` is greedy and stops at a line terminator, so the
 * last `Id:` before any `\n`, `\r`, U+2028, U+2029 wins), or null (not such a line, or no id).
 */
export function userHostThread(text: string, start: number, end: number): string | null {
  const to = userHostThreadEnd(text, start, end);
  return to < 0 ? null : text.slice(threadStart(text, to), to);
}

/**
 * Where the thread id of the `# User@Host:` line `text.slice(start, end)` ends (see
 * {@link userHostThread}; its digits run back from there), or -1. Matched in `text` itself, so no
 * match array and no line string; the line is cut only when the match runs on past it (`\s*` may
 * cross a line break: then an earlier `Id:` of the line, or none, is the answer).
 */
function userHostThreadEnd(text: string, start: number, end: number): number {
  USER_HOST_ID_AT.lastIndex = start;
  if (!USER_HOST_ID_AT.test(text)) return -1;
  // The match ends with the id's digits (`\d+` is greedy, and what comes before them is no digit).
  if (USER_HOST_ID_AT.lastIndex <= end) return USER_HOST_ID_AT.lastIndex;
  const m = USER_HOST_ID.exec(text.slice(start, end));
  return m === null ? -1 : start + m[0].length;
}

/** The first of the digits that end at `to` in `text`. */
function threadStart(text: string, to: number): number {
  let from = to;
  while (isDigit(text.charCodeAt(from - 1))) from--;
  return from;
}

/** `SET timestamp=<digits>;` from `lastIndex` (a sticky regex reads a chunk faster than a charCodeAt loop). */
const TIMESTAMP_AT = /SET timestamp=\d+;/y;

/**
 * Whether `text.slice(start, end)` is exactly `SET timestamp=<digits>;` as mysqld writes it at the
 * start of an entry: a simple statement of its own, which the reader drops (it only sets the session clock).
 */
function isTimestamp(text: string, start: number, end: number): boolean {
  if (end - start < 16 || text.charCodeAt(end - 1) !== 59) return false;
  TIMESTAMP_AT.lastIndex = start;
  return TIMESTAMP_AT.test(text) && TIMESTAMP_AT.lastIndex === end;
}

/** Whether `text.slice(start, end)` has a character that is not whitespace (its `trim()` is not empty). */
function hasText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A slow-log reader: `pushSpan` for the read path, `push(line)` the same for one line string. A
 * statement's `line` is its own line in the file; `keyspace` is the one its thread last switched to
 * with `use db;` (absent when none). Never throws, and has no problems to report: what is not a
 * header or mysqld's own line is a statement line.
 */
export function slowLogReader(): FormatReader {
  // The lines of the current entry's statements (blank lines before them included, as they count),
  // and their line numbers (admin lines mysqld writes when it reopens the log are left out of them).
  let lines: string[] = [];
  let lineNos: number[] = [];
  // Whether the entry has a line with text (else a header line does not end it: blank lines are
  // carried into the next one), and whether `lines[0]` is the entry's `SET timestamp=N;`.
  let text = false;
  let stamped = false;
  // The common entry — `SET timestamp=N;` then one simple statement — is kept as spans, its lines
  // cut only if more come: 1 = the timestamp line so far (`ts*`), 2 = and the statement (`st*`,
  // `sql` its text), 0 = not such an entry (`lines` holds it all).
  let quick = 0;
  let tsText = '';
  let tsStart = 0;
  let tsEnd = 0;
  let tsNo = 0;
  let stText = '';
  let stStart = 0;
  let stEnd = 0;
  let stNo = 0;
  let sql = '';
  // mysqld writes `use db;` into an entry when the thread's database changed: track it per thread id
  // (`# User@Host: ... Id: 42`) so later entries of that connection run in the same keyspace.
  const dbOfThread = new Map<string, string>();
  // The id of the thread of the entry, `thread` or (when `threadText` is set) the digits of
  // `threadText` that end at `threadEnd`: cut only when asked for (most logs never ask).
  let thread = '';
  let threadText = '';
  let threadEnd = 0;
  const threadId = (): string => {
    if (threadText !== '') {
      thread = threadText.slice(threadStart(threadText, threadEnd), threadEnd);
      threadText = '';
    }
    return thread;
  };
  let keyspace: string | undefined;
  /** Statement `sql` of line `line` as read, or null when mysqld wrote it (session set-up, log headers). */
  const statement = (sql: string, line: number): RawStatement | null => {
    const use = useKeyspace(sql);
    if (use) dbOfThread.set(threadId(), (keyspace = use));
    if (sessionSetup(sql)) return null;
    if (logHeader(sql)) return null;
    return keyspace ? { sql, line, count: 1, keyspace } : { sql, line, count: 1 };
  };
  /** The common entry turned out otherwise: its lines into `lines`. */
  const cut = (): void => {
    lines.push(tsText.slice(tsStart, tsEnd));
    lineNos.push(tsNo);
    if (quick === 2) {
      lines.push(stText.slice(stStart, stEnd));
      lineNos.push(stNo);
    }
    stamped = true;
    quick = 0;
    tsText = stText = '';
  };
  const flush = (): readonly RawStatement[] => {
    text = false;
    const q = quick;
    if (q !== 0) {
      quick = 0;
      tsText = stText = '';
      // (The timestamp line alone gives nothing.)
      if (q === 1) return NONE;
    }
    keyspace = dbOfThread.size === 0 ? undefined : dbOfThread.get(threadId());
    if (q === 2) {
      // (An array of one: a pushed-to empty array would take room for 17.)
      const one = statement(sql, stNo);
      return one === null ? NONE : [one];
    }
    const out: RawStatement[] = [];
    // mysqld's `SET timestamp=N;` opening an entry is never kept: the fast path leaves it out.
    const statements = (stamped ? simpleStatements(lines, 1) : null) ?? recordStatements(lines);
    for (const s of statements) {
      // (A line pushed with line breaks in it counts on from its own number.)
      const one = statement(s.sql, s.line <= lineNos.length ? lineNos[s.line - 1]! : lineNos.at(-1)! + s.line - lineNos.length);
      if (one !== null) out.push(one);
    }
    // (New arrays cost less than emptying these.)
    lines = [];
    lineNos = [];
    stamped = false;
    return out;
  };
  const pushSpan = (src: string, start: number, end: number, lineNo: number): readonly RawStatement[] => {
    const c = start < end ? src.charCodeAt(start) : -1;
    if (c === 35) {
      // A header line (`# Time:`, `# User@Host:`, `# Query_time:`, ...) ends the entry before it.
      const out = text ? flush() : NONE;
      if (src.charCodeAt(start + 2) === 85) {
        const to = userHostThreadEnd(src, start, end);
        if (to >= 0) {
          threadText = src;
          threadEnd = to;
        }
      }
      return out;
    }
    if (quick === 0 && lines.length === 0 && c === 83 && isTimestamp(src, start, end)) {
      quick = 1;
      text = true;
      tsText = src;
      tsStart = start;
      tsEnd = end;
      tsNo = lineNo;
      return NONE;
    }
    if (quick !== 0) {
      // (A line that may be mysqld's own header, `/…` or `T…`, takes the long way.)
      if (quick === 1 && c >= 0 && c !== 47 && c !== 84) {
        const one = simpleStatementAt(src, start, end);
        if (one !== null) {
          quick = 2;
          sql = one;
          stText = src;
          stStart = start;
          stEnd = end;
          stNo = lineNo;
          return NONE;
        }
      }
      cut();
    }
    const line = src.slice(start, end);
    if (logHeader(line)) return NONE;
    if (!text) text = c >= 0 && (!isSpace(c) || hasText(src, start + 1, end));
    lines.push(line);
    lineNos.push(lineNo);
    return NONE;
  };
  return {
    problems: [],
    pushSpan,
    push: (line, lineNo) => pushSpan(line, 0, line.length, lineNo),
    end: () => (text ? flush() : NONE),
  };
}
