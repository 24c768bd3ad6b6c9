/**
 * THE TEST ORACLE: the string-fed slow-log reader as it was before it was fed spans of the decoded
 * text (src/corpus/slow-log.ts); test/corpus/slow-log-spans.test.ts property-tests the span path equal
 * to it (line strings from lineSplitter pushed here). The shared pieces it calls (record statements,
 * `USE` keyspace, mysqld header lines) moved unchanged to src/corpus/log-records.ts.
 */
import type { FormatReader, RawStatement } from '../../src/corpus/formats.js';
import { NONE, anyText, logHeader, recordStatements, useKeyspace } from '../../src/corpus/log-records.js';
import { simpleStatements } from '../../src/sql/simple-statements.js';

/**
 * Whether `line` is exactly `SET timestamp=<digits>;` as mysqld writes it at the start of a slow-log
 * entry: a simple statement of its own, which the reader drops (it only sets the session clock).
 */
function isTimestampLine(line: string): boolean {
  const n = line.length;
  if (n < 16 || line.charCodeAt(n - 1) !== 59 || line.charCodeAt(0) !== 83 || !line.startsWith('SET timestamp=')) return false;
  for (let i = 14; i < n - 1; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The slow-log reader fed one line string at a time (the oracle). */
export function slowLogReader(): FormatReader {
  // The lines of the current entry's statements (blank lines before them included, as they count),
  // and their line numbers (admin lines mysqld writes when it reopens the log are left out of them).
  const lines: string[] = [];
  const lineNos: number[] = [];
  // mysqld writes `use db;` into an entry when the thread's database changed: track it per thread id
  // (`# User@Host: ... Id: 42`) so later entries of that connection run in the same keyspace.
  const dbOfThread = new Map<string, string>();
  let thread = '';
  const flush = (): RawStatement[] => {
    const out: RawStatement[] = [];
    let keyspace = dbOfThread.get(thread);
    // mysqld's `SET timestamp=N;` opening an entry is never kept: the fast path leaves it out.
    const statements = (isTimestampLine(lines[0]!) ? simpleStatements(lines, 1) : null) ?? recordStatements(lines);
    for (const s of statements) {
      const use = useKeyspace(s.sql);
      if (use) dbOfThread.set(thread, (keyspace = use));
      const c = s.sql.charCodeAt(0) | 32;
      if ((c === 117 || c === 115) && /^(use\s|set\s+timestamp\s*=|set\s+insert_id\s*=|set\s+last_insert_id\s*=)/i.test(s.sql)) continue;
      if (logHeader(s.sql)) continue;
      // (A line pushed with line breaks in it counts on from its own number.)
      const line = s.line <= lineNos.length ? lineNos[s.line - 1]! : lineNos.at(-1)! + s.line - lineNos.length;
      out.push(keyspace ? { sql: s.sql, line, count: 1, keyspace } : { sql: s.sql, line, count: 1 });
    }
    lines.length = 0;
    lineNos.length = 0;
    return out;
  };
  return {
    problems: [],
    push(line, lineNo) {
      if (line.charCodeAt(0) === 35) {
        const out = lines.length && anyText(lines) ? flush() : NONE;
        if (line.startsWith('# User@Host:')) {
          const id = /^# User@Host:.*\bId:\s*(\d+)/.exec(line);
          if (id) thread = id[1]!;
        }
        return out;
      }
      if (logHeader(line)) return NONE;
      lines.push(line);
      lineNos.push(lineNo);
      return NONE;
    },
    end: () => (anyText(lines) ? flush() : NONE),
  };
}
