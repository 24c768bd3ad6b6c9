// Query scripts and logs as people have them: `USE ks` switches the session keyspace of what follows
// (scripts, mysql client `\u`, slow-log entries), and mysql client lines (`\! echo`, `use ks/-80`
// without `;`, `\G`) never swallow the next statement.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/split-statements.js';
import { run } from '../cli/run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-use-'));
const vschema = path.join(dir, 'srv.json');
fs.writeFileSync(vschema, JSON.stringify({ keyspaces: {
  a: { tables: { t: {} } },
  b: { sharded: true, vindexes: { hash: { type: 'hash' } }, tables: { t: { column_vindexes: [{ column: 'id', name: 'hash' }] } } },
} }));

interface Q { sql: string; line: number; error: string | null; keyspace?: string; routes: Array<{ variant: string; keyspace: string }> }
async function simulate(name: string, text: string): Promise<Q[]> {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  const r = await run(['simulate', '--vschema', vschema, '--queries', f, '--format', 'json']);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as { queries: Q[] }).queries;
}

describe('sessions and client lines', () => {
  it('USE ks in a script switches the keyspace of the statements after it', async () => {
    const q = await simulate('script.sql', 'select * from t where id = 1;\nuse b;\nselect * from t where id = 1;\nuse a;\nselect * from t where id = 1;\n');
    const sel = q.filter((x) => x.sql.startsWith('select'));
    expect(sel.map((x) => x.error ?? `${x.routes[0]!.variant} ${x.routes[0]!.keyspace}`)).toEqual([
      'ambiguous table reference: t', 'EqualUnique b', 'Unsharded a',
    ]);
  });
  it('a slow log entry runs in the database of its `use ks;` line', async () => {
    const log = '# Time: 2026-01-01T00:00:00\n# User@Host: u[u] @ h []\n# Query_time: 0.1  Lock_time: 0 Rows_sent: 1  Rows_examined: 1\nuse b;\nSET timestamp=1;\nselect * from t where id = 7;\n';
    const q = await simulate('slow.log', log);
    expect(q.map((x) => [x.keyspace, x.routes[0]?.variant])).toEqual([['b', 'EqualUnique']]);
  });
  it('mysql client lines do not swallow the next statement', () => {
    const text = '\\! echo starting\nselect 1;\nuse b/-80\nselect * from t where id = 2\\G\n\\u a\nselect 3;\n';
    expect(splitStatements(text).map((s) => [s.line, s.sql])).toEqual([
      [2, 'select 1'], [3, 'use b/-80'], [4, 'select * from t where id = 2'], [5, 'use a'], [6, 'select 3'],
    ]);
  });
  it('pt-query-digest output: \\G-terminated samples are statements, the # report lines are comments', () => {
    const digest = '# Query 1: 0.00 QPS, 0.00x concurrency, ID 0xABC at byte 0\n# Tables\n#    SHOW TABLE STATUS LIKE \'t\'\\G\n#    SHOW CREATE TABLE `t`\\G\n# EXPLAIN /*!50100 PARTITIONS*/\nselect * from t where id = 5\\G\n\n# Query 2: ...\nselect * from t where id = 6\\G\n';
    expect(splitStatements(digest).map((s) => s.sql)).toEqual(['select * from t where id = 5', 'select * from t where id = 6']);
  });
});

describe('general log sessions', () => {
  it('each connection runs in its own database (Connect on db, Init DB, use), not another connection\'s', async () => {
    const log = [
      '2026-01-01T00:00:00.000000Z\t   10 Connect\tapp@h on b using TCP/IP',
      '2026-01-01T00:00:00.000001Z\t   11 Connect\tapp@h on  using TCP/IP',
      '2026-01-01T00:00:00.000002Z\t   10 Query\tselect * from t where id = 1',
      '2026-01-01T00:00:00.000003Z\t   11 Query\tselect * from t where id = 2',
      '2026-01-01T00:00:00.000004Z\t   11 Init DB\ta',
      '2026-01-01T00:00:00.000005Z\t   11 Query\tselect * from t where id = 3',
      '',
    ].join('\n');
    const q = await simulate('general.log', log);
    expect(q.map((x) => [x.sql.slice(-6), x.keyspace ?? null, x.error ?? x.routes[0]!.variant])).toEqual([
      ['id = 1', 'b', 'EqualUnique'], ['id = 2', null, 'ambiguous table reference: t'], ['id = 3', 'a', 'Unsharded'],
    ]);
  });
});
