// The SQL rewrites that let node-sql-parser read what vtgate accepts (src/sql/rewrites.ts, issue 14),
// checked through planning on the fixture VSchema, and the one-line parse errors.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/simulate/context.js';
import { planStatement } from '../../src/simulate/simulate.js';
import { rewriteSql } from '../../src/sql/rewrites.js';
import { loadClusters } from '../../src/vschema/load.js';

const cluster = loadClusters([{ path: 'vschema.json', text: fs.readFileSync('fixtures/oracle/music/vschema.json', 'utf8') }]).clusters[0]!;
const ctx = makeContext(cluster);
const routes = (sql: string): string[] | string => {
  const p = planStatement(ctx, sql);
  return p.error ?? p.routes.map((r) => `${r.variant}@${r.keyspace}`);
};

describe('constructs vtgate reads that node-sql-parser does not', () => {
  it.each([
    // <=> gives no vindex option and is not None on NULL; the other term still routes.
    ['select user_id from user where name <=> null and user_id = 10', ['EqualUnique@sharded']],
    ['select user_id from user where user_id <=> 10', ['Scatter@sharded']],
    ["select user_id from user where name like 'a%' and user_id <=> 3 and email like 'b%'", ['Scatter@sharded']],
    ['select straight_join u.user_id from user as u join user_extra as e on u.user_id = e.user_id where u.user_id = 1', ['EqualUnique@sharded']],
    ['select user_id from user partition (p0, p1) where user_id = 1', ['EqualUnique@sharded']],
    ["select user_id from user where match (name, email) against ('bob' in boolean mode) and user_id = 1", ['EqualUnique@sharded']],
    ["select user_id from user where match (name) against ('bob')", ['Scatter@sharded']],
    ['select user_id from user where 3 member of (email) and user_id = 5', ['EqualUnique@sharded']],
    ['insert into settings values ()', ['Unsharded@unsharded']],
    ['insert into user (user_id, name) values (default, \'x\')', ['Sharded@sharded']],
    ['select d.a from (select user_id as b, name from user) as d(a, n) where d.n = \'bob\'', ['EqualUnique@sharded', 'IN@sharded', 'ByDestination@sharded']],
    ['select i + 1 from (select u.user_id from user as u join user_extra as e) t(i)', ['Scatter@sharded', 'Scatter@sharded']],
    ['(select user_id from user where user_id = 1) union (select user_id from user where user_id = 1)', ['EqualUnique@sharded']],
  ])('%s', (sql, expected) => {
    expect(routes(sql)).toEqual(expected);
  });

  it('never touches quoted text', () => {
    const r = rewriteSql("select '<=> partition (p0) values ()' from t where a = \"member of\"");
    expect(r.sql).toBe("select '<=> partition (p0) values ()' from t where a = \"member of\"");
    expect(r.likeOps).toEqual([]);
  });
});

describe('a statement the parser still cannot read', () => {
  it('is one readable line naming the place and, when known, the construct — no expected-token list', () => {
    const e = routes('select user_id from user for share') as string;
    expect(e).toMatch(/^syntax error at position \d+ near '.*': FOR SHARE \/ LOCK IN SHARE MODE is not supported by the SQL parser \(vtgate accepts it\)$/);
    const f = routes('select a, from user where') as string;
    expect(f).not.toMatch(/Expected/);
    expect(f.split('\n')).toHaveLength(1);
  });
});
