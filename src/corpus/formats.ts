/**
 * Query corpus formats, as line-fed state machines (pure): the I/O layer streams a file line by
 * line into `push()`, so memory stays bounded however long the log is.
 *
 * - `sql`: statements separated by `;` (comments, multi-line statements, DELIMITER);
 * - `lines`: one statement per line;
 * - `slowlog`: MySQL slow query log (`# Time:` / `# User@Host:` / `# Query_time:` headers);
 * - `generallog`: MySQL general query log (`<time>\t<id> Query\t<sql>`);
 * - `vtgatelog`: vtgate query log, text format (tab-separated, SQL is field 13, Go-quoted) or
 *   JSON lines (`{"SQL": ...}`), as written by `--querylog-format`;
 * - `json`: `[{"sql": ..., "count": N}]` (also `query`/`SQL`, `frequency`/`calls`) or JSON lines;
 * - `csv`: a header with a SQL column (`query`, `sql`, `raw_sql`, `digest_text`, ... or named by
 *   `--sql-column`) and optionally a count column (`count`, `calls`, `count_star`, ... or `--count-column`).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { NONE, anyText, logHeader, recordStatements, useKeyspace } from './log-records.js';
import { T, scanTokens } from './scan.js';
import { slowLogReader } from './slow-log.js';

export { useKeyspace } from './log-records.js';

/** Input types accepted by `--input-type`. */
export const INPUT_TYPES = ['sql', 'lines', 'slowlog', 'generallog', 'vtgatelog', 'json', 'csv'] as const;
export type InputType = (typeof INPUT_TYPES)[number];

/** One statement read from a corpus: text, 1-based line of its start, and how often it counts. */
export interface RawStatement {
  sql: string;
  line: number;
  count: number;
  /**
   * The session keyspace the statement ran in, when the format records it (a slow log thread's
   * `use ks;`, a general log connection's database); '' = recorded as none (the default keyspace).
   */
  keyspace?: string;
}

/**
 * A line-fed reader of one format. `problems` collects unreadable records (with their line). The
 * arrays `push` and `end` return are read-only (most lines give one shared empty array).
 */
export interface FormatReader {
  push(line: string, lineNo: number): readonly RawStatement[];
  /**
   * The same as `push(text.slice(start, end), lineNo)` without the string, for readers that need
   * few of their lines as strings (the slow log). Fed by ../io/read-lines.ts forEachSpan.
   */
  pushSpan?(text: string, start: number, end: number, lineNo: number): readonly RawStatement[];
  end(): readonly RawStatement[];
  problems: Array<{ line: number; message: string }>;
}

/** Guesses the format from the file name and its first lines. */
export function detectInputType(path: string, head: string): InputType {
  const lower = path.toLowerCase();
  const first = head.replace(/^\uFEFF/, '').trimStart();
  if (/# (Query_time|User@Host):/.test(head)) return 'slowlog';
  if (/^\S+\s+\d+\s+(Query|Connect|Quit|Init DB|Execute|Prepare)\b/m.test(head) || /^Time\s+Id\s+Command\s+Argument/m.test(head)) return 'generallog';
  const lines = head.split('\n').filter((l) => l.trim());
  if (lines.length && lines.slice(0, 5).every((l) => l.split('\t').length >= 13 && /^"/.test(l.split('\t')[12] ?? ''))) return 'vtgatelog';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json') || lower.endsWith('.jsonl') || first.startsWith('[') || first.startsWith('{')) {
    return /"SQL"\s*:/.test(head) && /"(Method|PlanTime|TotalTime)"\s*:/.test(head) ? 'vtgatelog' : 'json';
  }
  if (lines[0] && csvSqlColumn(lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''))) !== null) return 'csv';
  // Statements terminated by `;` ⇒ a SQL script (statements may span lines); otherwise one per line.
  return lines.some((l) => /;\s*(--\s.*)?$/.test(l)) ? 'sql' : 'lines';
}

/**
 * Column (CSV) or field (JSON) names of a corpus export: `sql` holds the statement, `count` how often
 * it ran. Unset: recognised from the header (`query`, `sql`, `raw_sql`, `digest_text`, ...;
 * `count`, `calls`, `count_star`, ...).
 */
export interface CorpusColumns {
  sql?: string;
  count?: string;
}

/** A reader for `type`; `columns` names the SQL and count columns of CSV and JSON inputs. */
export function createReader(type: InputType, columns: CorpusColumns = {}): FormatReader {
  switch (type) {
    case 'lines':
      return linesReader();
    case 'sql':
      return sqlReader();
    case 'slowlog':
      return slowLogReader();
    case 'generallog':
      return generalLogReader();
    case 'vtgatelog':
      return vtgateLogReader();
    case 'json':
      return jsonReader(columns);
    case 'csv':
      return csvReader(columns);
  }
}

const stripSemicolon = (s: string): string => s.trim().replace(/;\s*$/, '').trim();

function linesReader(): FormatReader {
  return {
    problems: [],
    push(line, lineNo) {
      const sql = stripSemicolon(line);
      if (!sql || /^(--\s|#)/.test(sql)) return NONE;
      return [{ sql, line: lineNo, count: 1 }];
    },
    end: () => NONE,
  };
}

/** True when `text` ends outside any quote (an unterminated quote lexes as a lone quote char). */
function quotesClosed(text: string): boolean {
  // The char-code scanner gives the moo lexer's tokens (./scan.ts; property-tested equal).
  const s = scanTokens(text);
  for (let k = 0; k < s.count; k++) {
    if (s.types[k] !== T.op || s.ends[k]! - s.starts[k]! !== 1) continue;
    const c = text.charCodeAt(s.starts[k]!);
    if (c === 39 || c === 34 || c === 96) return false;
  }
  return true;
}

function sqlReader(): FormatReader {
  const lines: string[] = [];
  let start = 1;
  const flush = (): RawStatement[] => {
    const out = recordStatements(lines).map((s) => ({ sql: s.sql, line: start + s.line - 1, count: 1 }));
    lines.length = 0;
    return out;
  };
  return {
    problems: [],
    push(line, lineNo) {
      if (lines.length === 0) start = lineNo;
      lines.push(line);
      if (/;\s*(--\s.*|#.*)?$/.test(line) && quotesClosed(lines.length === 1 ? line + '\n' : lines.join('\n') + '\n')) return flush();
      return NONE;
    },
    end: () => (anyText(lines) ? flush() : NONE),
  };
}

function generalLogReader(): FormatReader {
  let cur: RawStatement | null = null;
  const entry = /^(\S+)?\s+(\d+)\s+(Query|Execute|Connect|Quit|Init DB|Prepare|Close stmt|Field List|Statistics|Ping|Reset stmt|Long Data)\t?(.*)$/;
  // The database of each connection (`Connect ... on db`, `Init DB db`, `Query use db`): its
  // statements run in that keyspace ('' = none chosen: the default, not another connection's USE).
  const dbOf = new Map<string, string>();
  return {
    problems: [],
    push(line, lineNo) {
      const m = entry.exec(line);
      if (m) {
        const done = cur;
        const conn = m[2]!;
        if (m[3] === 'Init DB') dbOf.set(conn, m[4]!.trim());
        if (m[3] === 'Connect') {
          const on = /\bon (\S+)/.exec(m[4]!);
          if (on && on[1] !== 'using') dbOf.set(conn, on[1]!);
        }
        const use = m[3] === 'Query' ? useKeyspace(m[4]!) : null;
        cur = m[3] === 'Query' || m[3] === 'Execute' ? { sql: m[4]!, line: lineNo, count: 1, keyspace: use ?? dbOf.get(conn) ?? '' } : null;
        if (use) dbOf.set(conn, use);
        return done ? [{ ...done, sql: stripSemicolon(done.sql) }].filter((s) => s.sql) : [];
      }
      if (logHeader(line)) return NONE;
      if (cur) cur.sql += '\n' + line;
      return NONE;
    },
    end() {
      const done = cur;
      cur = null;
      return done && stripSemicolon(done.sql) ? [{ ...done, sql: stripSemicolon(done.sql) }] : [];
    },
  };
}

/** Decodes a Go %q string (JSON plus `\x..`, `\a`, `\v`, `\'`). */
export function goUnquote(q: string): string | null {
  if (!q.startsWith('"') || !q.endsWith('"')) return null;
  const json = q
    .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b')
    .replace(/\\'/g, "'")
    .replace(/\\U([0-9a-fA-F]{8})/g, (_, h: string) => JSON.stringify(String.fromCodePoint(parseInt(h, 16))).slice(1, -1));
  try {
    return JSON.parse(json) as string;
  } catch {
    return null;
  }
}

function vtgateLogReader(): FormatReader {
  const r: FormatReader = {
    problems: [],
    push(line, lineNo) {
      if (!line.trim()) return NONE;
      if (line.trimStart().startsWith('{')) return jsonLine(line, lineNo, r.problems);
      const fields = line.split('\t');
      const sql = fields.length >= 13 ? goUnquote(fields[12]!) : null;
      if (sql === null) {
        r.problems.push({ line: lineNo, message: 'not a vtgate query log line (expected the SQL as the 13th tab-separated field, Go-quoted)' });
        return NONE;
      }
      return sql.trim() ? [{ sql: stripSemicolon(sql), line: lineNo, count: 1 }] : [];
    },
    end: () => NONE,
  };
  return r;
}

const SQL_KEYS = ['sql', 'SQL', 'query', 'Query', 'statement', 'fingerprint'];
const COUNT_KEYS = ['count', 'Count', 'frequency', 'calls', 'exec_count', 'executions'];
/** Header names of the SQL column in common exports (pt-query-digest, performance_schema, pganalyze-like CSVs). */
const SQL_HEADER = /^(query|sql|statement|fingerprint|raw_sql|sql_text|query_text|digest_text|normalized_query|normalized_sql)$/i;
const COUNT_HEADER = /^(count|frequency|calls|exec_count|executions|count_star|query_count|total_count)$/i;

/** Index of the SQL column of a CSV header (a known name, else the one column whose name says sql/query), or null. */
function csvSqlColumn(header: readonly string[], named?: string): number | null {
  if (named !== undefined) {
    const i = header.indexOf(named);
    return i < 0 ? null : i;
  }
  const exact = header.findIndex((h) => SQL_HEADER.test(h));
  if (exact >= 0) return exact;
  const loose = header.map((h, i) => (/(^|_)(sql|query)($|_)/i.test(h) ? i : -1)).filter((i) => i >= 0);
  return loose.length === 1 ? loose[0]! : null;
}

function recordOf(o: unknown, lineNo: number, problems: FormatReader['problems'], columns: CorpusColumns = {}): RawStatement[] {
  if (typeof o !== 'object' || o === null) {
    problems.push({ line: lineNo, message: `expected an object with a "${columns.sql ?? 'sql'}" field` });
    return [];
  }
  const rec = o as Record<string, unknown>;
  const sqlKey = columns.sql !== undefined ? (typeof rec[columns.sql] === 'string' ? columns.sql : undefined) : SQL_KEYS.find((k) => typeof rec[k] === 'string');
  if (!sqlKey) {
    problems.push({ line: lineNo, message: columns.sql !== undefined ? `no string field "${columns.sql}"` : `no query field (${SQL_KEYS.slice(0, 3).join(', ')}; name it with --sql-column)` });
    return [];
  }
  const countKey = columns.count !== undefined ? columns.count : COUNT_KEYS.find((k) => rec[k] !== undefined);
  const count = countKey !== undefined && rec[countKey] !== undefined ? Number(rec[countKey]) : 1;
  if (!Number.isFinite(count) || count < 0) {
    problems.push({ line: lineNo, message: `"${countKey}" must be a non-negative number` });
    return [];
  }
  const sql = stripSemicolon(rec[sqlKey] as string);
  return sql ? [{ sql, line: lineNo, count }] : [];
}

function jsonLine(line: string, lineNo: number, problems: FormatReader['problems'], columns: CorpusColumns = {}): RawStatement[] {
  try {
    return recordOf(JSON.parse(line), lineNo, problems, columns);
  } catch (e) {
    problems.push({ line: lineNo, message: `invalid JSON: ${(e as Error).message}` });
    return [];
  }
}

function jsonReader(columns: CorpusColumns): FormatReader {
  // JSON lines are streamed; a JSON array is collected (its size is the corpus, not a log).
  let arrayBuf: string | null = null;
  let arrayStart = 1;
  const r: FormatReader = {
    problems: [],
    push(line, lineNo) {
      if (arrayBuf !== null) {
        arrayBuf += line + '\n';
        return NONE;
      }
      const t = line.trim();
      if (!t) return NONE;
      if (t.startsWith('[')) {
        arrayBuf = line + '\n';
        arrayStart = lineNo;
        return NONE;
      }
      return jsonLine(t, lineNo, r.problems, columns);
    },
    end() {
      if (arrayBuf === null) return NONE;
      try {
        const arr = JSON.parse(arrayBuf) as unknown;
        if (!Array.isArray(arr)) throw new Error('expected an array');
        return arr.flatMap((o, i) => recordOf(o, arrayStart, r.problems, columns).map((s) => ({ ...s, line: arrayStart + i })));
      } catch (e) {
        r.problems.push({ line: arrayStart, message: `invalid JSON: ${(e as Error).message}` });
        return NONE;
      }
    },
  };
  return r;
}

function csvReader(columns: CorpusColumns): FormatReader {
  let header: string[] | null = null;
  let sqlCol: number | null = null;
  let countCol = -1;
  let pending = '';
  let pendingLine = 0;
  const r: FormatReader = {
    problems: [],
    push(line, lineNo) {
      if (pending === '') pendingLine = lineNo;
      pending += (pending ? '\n' : '') + line;
      if (!quotesBalanced(pending)) return NONE;
      const text = pending;
      pending = '';
      if (!text.trim()) return NONE;
      let rows: string[][];
      try {
        rows = parseCsv(text, { relax_column_count: true }) as string[][];
      } catch (e) {
        r.problems.push({ line: pendingLine, message: `invalid CSV: ${(e as Error).message}` });
        return NONE;
      }
      const row = rows[0] ?? [];
      if (!header) {
        header = row.map((h) => h.trim());
        sqlCol = csvSqlColumn(header, columns.sql);
        countCol = columns.count !== undefined ? header.indexOf(columns.count) : header.findIndex((h) => COUNT_HEADER.test(h));
        // One problem for the header, not one per row: the rows are unreadable without it.
        if (sqlCol === null) {
          r.problems.push({ line: pendingLine, message: columns.sql !== undefined
            ? `CSV header (${header.join(', ')}) has no column "${columns.sql}"`
            : `CSV header (${header.join(', ')}) has no SQL column (query, sql, raw_sql, digest_text, ...): name it with --sql-column` });
        }
        if (columns.count !== undefined && countCol < 0) r.problems.push({ line: pendingLine, message: `CSV header (${header.join(', ')}) has no column "${columns.count}"` });
        return NONE;
      }
      if (sqlCol === null) return NONE;
      const count = countCol >= 0 ? row[countCol] ?? '' : '';
      return recordOf(count === '' ? { sql: row[sqlCol] ?? '' } : { sql: row[sqlCol] ?? '', count }, pendingLine, r.problems);
    },
    end: () => NONE,
  };
  return r;
}

function quotesBalanced(s: string): boolean {
  let n = 0;
  for (const c of s) if (c === '"') n++;
  return n % 2 === 0;
}

