// The span-fed slow-log reader (src/corpus/slow-log.ts over src/io/read-lines.ts spanSplitter) against
// the string-fed reader it replaced (./slow-log-oracle.ts over lineSplitter): the same statements (sql,
// line, count, keyspace, key order), problems and line count for random slow logs as bytes cut into
// reads anywhere — CRLF, lone CR, mixed; UTF-8 split across reads; BOM; U+2028; mysqld's admin lines;
// `use db;`; thread ids in every shape; multi-line statements; no final newline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RawStatement } from '../../src/corpus/formats.js';
import { slowLogReader, userHostThread } from '../../src/corpus/slow-log.js';
import { lineSplitter, spanSplitter } from '../../src/io/read-lines.js';
import { simpleStatementAt, simpleStatements } from '../../src/sql/simple-statements.js';
import { SCRIPT_PIECES } from '../sql/script-pieces.js';
import { slowLogReader as oracleReader } from './slow-log-oracle.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1500);

const USER_HOST = /^# User@Host:.*\bId:\s*(\d+)/;

/** `# User@Host:` lines: one id, none, several, `Id:` without digits, ids behind whitespace or a line separator. */
const userHost = fc.oneof(
  { weight: 6, arbitrary: fc.nat({ max: 5 }).map((id) => `# User@Host: app[app] @ 10.0.0.1 []  Id: ${id}`) },
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(' Id: 1', 'Id: 2', ' Id:3', ' Id:', ' Id: x', ' xId: 4', '_Id: 5', ' Id:\t 06', ' Id:\u2028 7', '\u2028 Id: 8', ' Id: 9é', ' @ h []', ' ', 'é', ' Id: 12 Id: 13', '-Id: 14', ' ID: 15'), { maxLength: 4 })
      .map((xs) => `# User@Host: u[u]${xs.join('')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('# User@Host:', '# User@Host:Id: 3', '# User@Host: Id:', '# User@Host', '# User@Host: Id: 1 Id: ') },
);
const timestamp = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((n) => `SET timestamp=${n};`) },
  { weight: 1, arbitrary: fc.constantFrom('SET timestamp=0012;', 'SET timestamp=;', 'SET timestamp=1; ', 'set timestamp=5;', 'SET timestamp=1;select 1;', 'SET timestamp=12x;', ' SET timestamp=3;') },
);
/** An entry's statement lines (a piece may hold line breaks of its own: a statement over several lines). */
const statementLine = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('select c0 from t1_0 where customer_id = 0;', "select a, b from t2 where email = 'u1@x' and c1 > 3;", '  update t set a = 2 where id = 3 ;  ', 'insert into t (a) values (1);', "select 'a;b' from t;", 'select `c#` from t;', 'select "-- x" from t;', 'select 1; select 2;', 'select a', 'from t;', 'use db;', 'use `other`;', 'USE db2;', 'use db', 'SET insert_id=5;', 'set last_insert_id = 2;', 'TRUNCATE t;', 'T;', '/* c */ select 3;', 'select 4; -- tail', 'select é from t;', 'select 😀;', 'select 1;\u2028', 'select\u00a02;', '\u2028select 5;', ';', 'x;', 'DELIMITER $$', 'select 6$$', 'DELIMITER ;', "select 'it''s';", 'select 7\\G') },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SCRIPT_PIECES), { minLength: 1, maxLength: 6 }).map((xs) => xs.join('')) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\t', '\u00a0', '\u2028', '\ufeff') },
);
const adminLine = fc.constantFrom('/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:', 'Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock', 'Time                 Id Command    Argument', '/opt/mysqld', 'Time Id Command');
const entry = fc.record({
  time: fc.boolean(),
  user: fc.option(userHost, { freq: 4 }),
  query: fc.boolean(),
  stamp: fc.option(timestamp, { freq: 5 }),
  body: fc.array(fc.oneof({ weight: 10, arbitrary: statementLine }, { weight: 1, arbitrary: adminLine }, { weight: 1, arbitrary: fc.constantFrom('# administrator command: Ping;', '#', '# Time: 2026-11-20T10:00:00Z') }), { maxLength: 4 }),
}, { requiredKeys: ['time', 'query', 'body'] }).map(({ time, user, query, stamp, body }) => [
  ...(time ? ['# Time: 2026-11-20T10:00:00.000001Z'] : []),
  ...(user ? [user] : []),
  ...(query ? ['# Query_time: 0.001  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 1'] : []),
  ...(stamp ? [stamp] : []),
  ...body,
]);
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
/** A slow log as text: a BOM or not, admin lines first or not, entries, each line ended its own way, a final line end or not. */
const slowLogText = fc.record({
  bom: fc.boolean(),
  head: fc.option(adminLine),
  entries: fc.array(entry, { maxLength: 8 }),
  eols: fc.array(eol, { minLength: 1, maxLength: 6 }),
  final: fc.boolean(),
}).map(({ bom, head, entries, eols, final }) => {
  const lines = [...(head ? [head] : []), ...entries.flat()];
  const text = lines.map((l, i) => l + (i < lines.length - 1 || final ? eols[i % eols.length]! : '')).join('');
  return (bom ? '\ufeff' : '') + text;
});
/** Where to cut the bytes into reads: anywhere, often (a byte at a time sometimes). */
const cuts = fc.oneof(fc.array(fc.nat(), { maxLength: 40 }), fc.constant('every' as const));

function pieces(bytes: Buffer, at: number[] | 'every'): Buffer[] {
  if (at === 'every') return [...bytes].map((b) => Buffer.from([b]));
  const sorted = [...new Set(at.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...sorted, bytes.length]) {
    if (c > prev) out.push(bytes.subarray(prev, c));
    prev = Math.max(prev, c);
  }
  return out;
}

interface Read {
  statements: RawStatement[];
  problems: unknown[];
  lines: number;
}

/** The oracle: line strings into the string-fed reader. */
function viaLines(reads: Buffer[]): Read {
  const r = oracleReader();
  const statements: RawStatement[] = [];
  const s = lineSplitter((line, no) => statements.push(...r.push(line, no)));
  for (const p of reads) s.write(p);
  const lines = s.end();
  statements.push(...r.end());
  return { statements, problems: r.problems, lines };
}

/** The read path: spans of the decoded chunks into the span-fed reader. */
function viaSpans(reads: Buffer[]): Read {
  const r = slowLogReader();
  const statements: RawStatement[] = [];
  const s = spanSplitter((text, start, end, no) => statements.push(...r.pushSpan!(text, start, end, no)));
  for (const p of reads) s.write(p);
  const lines = s.end();
  statements.push(...r.end());
  return { statements, problems: r.problems, lines };
}

describe('slow log read from spans', () => {
  it('gives the statements, problems and line count of the string-fed reader, however the bytes are cut (property)', () => {
    let withStatements = 0;
    let withKeyspace = 0;
    fc.assert(fc.property(slowLogText, cuts, (text, at) => {
      const reads = pieces(Buffer.from(text, 'utf8'), at);
      const want = viaLines(reads);
      const got = viaSpans(reads);
      expect(got).toEqual(want);
      // Same key order too (reports print entries as they are).
      expect(JSON.stringify(got.statements)).toBe(JSON.stringify(want.statements));
      if (want.statements.length) withStatements++;
      if (want.statements.some((s) => s.keyspace)) withKeyspace++;
    }), { numRuns: RUNS });
    // The logs are not all empty or all unusual: most give statements, some with keyspaces.
    expect(withStatements).toBeGreaterThan(RUNS / 2);
    expect(withKeyspace).toBeGreaterThan(RUNS / 20);
  });

  it('push(line) of the same reader gives what the oracle gives line by line (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(statementLine, userHost, timestamp, adminLine, fc.constant('# Time: x')), { maxLength: 25 }), (lines) => {
      const a = slowLogReader();
      const b = oracleReader();
      lines.forEach((l, i) => expect(a.push(l, i + 1)).toEqual(b.push(l, i + 1)));
      expect(a.end()).toEqual(b.end());
      expect(a.problems).toEqual(b.problems);
    }), { numRuns: RUNS });
  });

  it('reads the common entry, keyspaces per thread and line numbers of a CRLF log', () => {
    const log = [
      '# Time: 1', '# User@Host: a[a] @ h []  Id: 7', '# Query_time: 0', 'SET timestamp=1;', 'use ks1;', 'select 1 from t;',
      '# User@Host: a[a] @ h []  Id: 8', 'SET timestamp=2;', 'select 2 from t ;',
      '# User@Host: a[a] @ h []  Id: 9 x Id: 7', 'SET timestamp=3;', '  select 3 from t;  ',
      '# User@Host: a[a] @ h []  Id:', 'SET timestamp=4;', 'select 4', 'from t;',
    ].join('\r\n');
    const got = viaSpans(pieces(Buffer.from(log), [5, 17, 100, 101]));
    expect(got.lines).toBe(16);
    expect(got.statements).toEqual([
      { sql: 'select 1 from t', line: 6, count: 1, keyspace: 'ks1' },
      { sql: 'select 2 from t', line: 9, count: 1 },
      { sql: 'select 3 from t', line: 12, count: 1, keyspace: 'ks1' },
      { sql: 'select 4\nfrom t', line: 15, count: 1, keyspace: 'ks1' },
    ]);
  });
});

describe('userHostThread', () => {
  it('captures what /^# User@Host:.*\\bId:\\s*(\\d+)/ captures, for a line anywhere in a text (property)', () => {
    const around = fc.array(fc.constantFrom('x', ' ', '\n', '\r', '5', 'Id: 3', '\u2028'), { maxLength: 4 }).map((xs) => xs.join(''));
    fc.assert(fc.property(around, userHost, around, (before, line, after) => {
      const text = before + line + after;
      expect(userHostThread(text, before.length, before.length + line.length)).toBe(USER_HOST.exec(line)?.[1] ?? null);
    }), { numRuns: RUNS * 2 });
  });

  it('takes the last id, and none after a line separator', () => {
    const t = (line: string): string | null => userHostThread(line, 0, line.length);
    expect(t('# User@Host: a[a] @ h []  Id: 42')).toBe('42');
    expect(t('# User@Host: Id: 1 Id: 2 Id:')).toBe('2');
    expect(t('# User@Host: Id: 1 xId: 2')).toBe('1');
    expect(t('# User@Host: Id: 1 \u2028 Id: 2')).toBe('1');
    expect(t('# User@Host: Id:\u2028 3')).toBe('3');
    expect(t('# User@Host: a')).toBeNull();
    expect(t('# Time: Id: 4')).toBeNull();
    // Inside a longer text, `\s*` may run on past the line's end: the line's own answer still holds.
    const at = (line: string, after: string): string | null => userHostThread(`x\n${line}${after}`, 2, 2 + line.length);
    expect(at('# User@Host: a[a] @ h []  Id: 42', '\n7')).toBe('42');
    expect(at('# User@Host: Id: 1 Id:', '\n5')).toBe('1');
    expect(at('# User@Host: Id: 1 Id:', '\r\n 5')).toBe('1');
    expect(at('# User@Host: \u2028 Id: 8 Id:', '\n 5')).toBeNull();
    expect(at('# User@Host: Id:', '\n5')).toBeNull();
  });
});

describe('simpleStatementAt', () => {
  it('when it answers, the line is one simple statement and the answer is its text (property)', () => {
    let answered = 0;
    const around = fc.constantFrom('', '\n', '\r', 'x', ';', '\r\n');
    fc.assert(fc.property(around, statementLine, around, (before, line, after) => {
      const got = simpleStatementAt(before + line + after, before.length, before.length + line.length);
      if (got === null) return;
      answered++;
      expect(simpleStatements([line])).toEqual([{ sql: got, line: 1 }]);
    }), { numRuns: RUNS * 2 });
    expect(answered).toBeGreaterThan(RUNS / 4);
  });
});
