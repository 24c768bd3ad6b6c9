// The cheaper read path against the one it replaced (kept as oracles beside this file): the format
// readers give the same RawStatements (sql, line, count, keyspace) line by line, and readCorpus gives
// the same corpus (entries with keyspaces, totals, problems, line counts; names are no longer read) through the
// chunked line reader, the slow-log fast path and the flat-key CorpusBuilder, on random logs and scripts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { INPUT_TYPES, type InputType, createReader } from '../../src/corpus/formats.js';
import { readCorpus } from '../../src/io/read-corpus.js';
import { createReader as oldReader } from './formats-oracle.js';
import { readCorpus as oldReadCorpus } from './read-corpus-oracle.js';
import { SCRIPT_PIECES } from '../sql/script-pieces.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1500);

/** A statement-ish line: mostly whole simple statements, sometimes anything a script may hold. */
const statement = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('select * from t where id = 1;', 'SELECT a FROM ks.t WHERE b IN (1, 2);', 'update t set a = 2 where id = 3 ;', '  insert into t (a) values (1);  ', 'select 1;', 'SET timestamp=1763632800;', 'SET insert_id=5;', 'set last_insert_id = 2;', 'use db;', 'use `other`;', 'USE db2;', 'select * from `ks`.`t`;', 'delete from t where x = -1;', 'select count(*) from t;') },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SCRIPT_PIECES), { minLength: 1, maxLength: 8 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t', 'select a', 'from t;', "select 'a;", "b' from t;", 'select 1; select 2;', '/* c */ select 3;', 'select 4; -- tail', 'DELIMITER $$', 'select 5$$', 'DELIMITER ;', '\\G', 'select\u00a06;', ';', 'x;', 'user;') },
);
const adminLine = fc.constantFrom('/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:', 'Tcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock', 'Time                 Id Command    Argument');
const slowRecord = fc.record({
  id: fc.nat({ max: 4 }),
  withId: fc.boolean(),
  body: fc.array(fc.oneof({ weight: 8, arbitrary: statement }, { weight: 1, arbitrary: adminLine }), { maxLength: 5 }),
}).map(({ id, withId, body }) => [
  '# Time: 2026-11-20T10:00:00.000001Z',
  `# User@Host: app[app] @ 10.0.0.1 []${withId ? `  Id: ${id}` : ''}`,
  '# Query_time: 0.001  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 1',
  ...body,
]);
const slowLog = fc.tuple(fc.option(adminLine), fc.array(slowRecord, { maxLength: 8 })).map(([head, recs]) => [...(head ? [head] : []), ...recs.flat()]);
const script = fc.array(fc.oneof({ weight: 6, arbitrary: statement }, { weight: 1, arbitrary: fc.constantFrom('-- comment', '# note', '', '\\! ls', 'use ks', '\\u ks2') }), { maxLength: 20 });
const generalLog = fc.array(fc.oneof(
  fc.tuple(fc.nat({ max: 3 }), fc.constantFrom('Query', 'Connect', 'Init DB', 'Quit', 'Execute'), statement).map(([id, cmd, sql]) => `2026-11-20T10:00:00.000000Z\t   ${id} ${cmd}\t${cmd === 'Connect' ? `app@h on db${id} using TCP/IP` : cmd === 'Init DB' ? `db${id}` : sql}`),
  statement,
  adminLine,
), { maxLength: 15 });
const eol = fc.constantFrom('\n', '\r\n');
const asText = (lines: string[], nl: string, final: boolean): string => lines.join(nl) + (final && lines.length ? nl : '');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-readpath-'));

/** The oracle's corpus as reading gives it now: entries without names (a diff reads them when it needs them). */
function withoutNames<T extends { entries: Array<{ names?: unknown }> }>(c: T): T {
  return { ...c, entries: c.entries.map(({ names: _, ...e }) => e) };
}
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Both readers fed the same lines: the same statements after every line and at the end. */
function sameReaders(type: InputType, lines: string[]): void {
  const a = createReader(type);
  const b = oldReader(type);
  lines.forEach((l, i) => expect(a.push(l, i + 1)).toEqual(b.push(l, i + 1)));
  expect(a.end()).toEqual(b.end());
  expect(a.problems).toEqual(b.problems);
}

describe('read path: the same statements as before', () => {
  it('slow log reader (property)', () => {
    fc.assert(fc.property(slowLog, (lines) => sameReaders('slowlog', lines)), { numRuns: RUNS });
  });
  it('SQL script reader (property)', () => {
    fc.assert(fc.property(script, (lines) => sameReaders('sql', lines)), { numRuns: RUNS });
  });
  it('general log and line readers (property)', () => {
    fc.assert(fc.property(generalLog, (lines) => {
      sameReaders('generallog', lines);
      sameReaders('lines', lines);
    }), { numRuns: RUNS });
  }, 120_000);

  it('readCorpus: the same corpus from a file, LF or CRLF, with or without a final newline (property)', async () => {
    let k = 0;
    const kinds = fc.oneof(
      slowLog.map((l) => ['slowlog' as const, l] as const),
      script.map((l) => ['sql' as const, l] as const),
      generalLog.map((l) => ['generallog' as const, l] as const),
    );
    await fc.assert(fc.asyncProperty(kinds, eol, fc.boolean(), fc.boolean(), fc.option(fc.boolean()), async ([type, lines], nl, final, forceType, dedupe) => {
      const f = path.join(dir, `c${k++}.log`);
      fs.writeFileSync(f, asText(lines, nl, final));
      const t = forceType ? type : undefined;
      const got = await readCorpus([f], t, dedupe ?? undefined);
      const want = withoutNames(await oldReadCorpus([f], t, dedupe ?? undefined));
      expect(got).toEqual(want);
      // Same key order too (reports print entries as they are).
      expect(JSON.stringify(got.entries)).toBe(JSON.stringify(want.entries));
      fs.rmSync(f);
    }), { numRuns: Math.ceil(RUNS / 3) });
  }, 120_000);

  it('readCorpus: several files of every type, keyspaces carried per file', async () => {
    const files = {
      'a.log': '# Time: x\n# User@Host: u[u] @ h []  Id: 1\nuse b;\nSET timestamp=1;\nselect * from t where id = 7;\n# User@Host: u[u] @ h []  Id: 2\nselect * from t where id = 8;\n# User@Host: u[u] @ h []  Id: 1\r\nselect * from t where id = 9;\r\n',
      'b.sql': 'use a;\nselect * from t;\nselect * from t where x = 1 -- c\n and y = 2;\n',
      'c.txt': 'select 1\nselect 2\n\nselect 1\n',
      'd.json': '[{"sql": "select 1", "count": 3}, {"query": "select 2;"}]\n',
      'e.csv': 'query,calls\n"select 1",2\n"select\n2",1\n',
    };
    for (const [n, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), text);
    const paths = Object.keys(files).map((n) => path.join(dir, n));
    for (const t of [undefined, ...INPUT_TYPES]) {
      for (const dedupe of [undefined, true, false]) {
        const got = await readCorpus(paths, t, dedupe);
        expect(got).toEqual(withoutNames(await oldReadCorpus(paths, t, dedupe)));
      }
    }
  });
});
