// Parse reuse (src/sql/parse-reuse.ts): what shares a shape, when a shape is trusted, what
// untrusts it, the bound on kept shapes, and the word list against node-sql-parser's own words.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ParseOutcome, parseMysql } from '../../src/sql/parser.js';
import { MAX_REUSE_LENGTH, MAX_SHAPE_CHARS, MAX_SHAPES, VERIFY_FIRST, keptShapes, parseReuseStats, parseRewritten, readShape, resetParseReuse, setParseReuse } from '../../src/sql/parse-reuse.js';
import { GRAMMAR_KEYWORDS, KEPT_WORDS } from '../../src/sql/parse-reuse-words.js';
import { rewriteSql } from '../../src/sql/rewrites.js';

const key = (sql: string): string | null => readShape(sql)?.key ?? null;
const parse = (sql: string, p?: (s: string) => ParseOutcome): ParseOutcome => parseRewritten(rewriteSql(sql), p);

beforeEach(() => {
  resetParseReuse();
  setParseReuse(true);
});
afterEach(() => resetParseReuse());

describe('shapes', () => {
  it('share a shape across names and literals, one class per distinct text', () => {
    expect(key("select c1 from t1 where cid = 5 and em = 'a'")).toBe(key("select zz from orders where kk = 77 and q2 = 'other'"));
    expect(key('select u1.c from tb u1 where u1.yy = 1')).toBe(key('select u2.d from vw u2 where u2.zz = 2'));
    // Equal names are a relation the parse may depend on: another shape than distinct names.
    expect(key('select u1.c from t u1')).not.toBe(key('select u1.c from t u2'));
    expect(key('select * from t where c in (1, 2)')).not.toBe(key('select * from t where c in (1, 1)'));
    expect(readShape('select u1.c from t u1 where u1.y = 1')!.template).toBe('select __vg0_.__vg1_ from __vg2_ __vg0_ where __vg0_.__vg3_ = 800000000000000');
  });

  it('keeps keywords, function names, odd literals and glued tokens verbatim', () => {
    expect(key('select `order` from t')).not.toBe(key('select `orders` from t'));
    expect(key('select status from t')).not.toBe(key('select statu from t'));
    expect(key('select f(a) from t')).not.toBe(key('select g(a) from t'));
    expect(key('select f (a) from t')).not.toBe(key('select g (a) from t'));
    for (const lit of ['0', '007', '1234567890123456', '1.5', "'a\\'b'", "'it''s'", "N'x'", "x'0A'", '0x1F']) {
      expect(key(`select * from t where a = ${lit}`), lit).toContain(lit);
    }
    expect(readShape("select _utf8mb4'x' from t")!.template).toBe("select _utf8mb4'x' from __vg0_");
    expect(readShape('select 1abc from t')!.template).toBe('select 1abc from __vg0_');
    // node-sql-parser ends a keyword at a digit: `as0` reads as `AS 0`, so it is no plain name.
    expect(readShape('select * from t as0 where as0.c = 1')!.template).toBe('select * from __vg0_ as0 where as0.__vg1_ = 800000000000000');
    expect(readShape('select * from t asset')!.template).toBe('select * from __vg0_ __vg1_');
    expect(readShape('select x.a3 from t x')!.template).toBe('select x.__vg0_ from __vg1_ x');
  });

  it('keeps a slot verbatim when a verbatim name has its text; refuses names equal but for case', () => {
    // `amount` is glued to a backtick name, so kept; the table named amount must be kept as well.
    expect(readShape('select * from amount where amount.`x` = 1')!.template).toBe('select * from amount where amount.`x` = 800000000000000');
    expect(readShape('select * from t T')).toBeNull();
    expect(readShape("select * from t where a = '__vg0_'")).toBeNull();
    expect(readShape('select * from t where a = 800000000000001')).toBeNull();
  });
});

describe('trust', () => {
  const sqls = (n: number): string[] => Array.from({ length: n }, (_, k) => `select c${k} from t${k} where id = ${k + 1}`);

  it(`remembers a shape, then parses and checks ${VERIFY_FIRST} statements of it, then reuses`, () => {
    const calls: string[] = [];
    const counting = (sql: string): ParseOutcome => (calls.push(sql), parseMysql(sql));
    for (const sql of sqls(10)) expect(parse(sql, counting)).toStrictEqual(parseMysql(sql));
    expect(parseReuseStats()).toMatchObject({ templates: 1, direct: 1, verified: VERIFY_FIRST, reused: 9 - VERIFY_FIRST, untrusted: 0 });
    // One template parse and 1 + VERIFY_FIRST direct parses for 10 statements.
    expect(calls.filter((c) => c.includes('__vg')).length).toBe(1);
    expect(calls.filter((c) => !c.includes('__vg')).length).toBe(1 + VERIFY_FIRST);
  });

  it('untrusts a shape for good when an instance differs from its direct parse', () => {
    // A parser whose tree depends on a name's text (column c2 reads as C2): the 3rd statement shows it.
    const odd = (s: string): ParseOutcome => {
      const r = parseMysql(s);
      return 'error' in r ? r : JSON.parse(JSON.stringify(r).replace(/"c2"/g, '"C2"')) as ParseOutcome;
    };
    const out = sqls(10).map((s) => parse(s, odd));
    expect(parseReuseStats()).toMatchObject({ verified: 2, reused: 0, untrusted: 1 });
    expect(out.map((o) => ('error' in o ? null : JSON.stringify(o)))).toEqual(sqls(10).map((s) => JSON.stringify(odd(s))));
  });

  it('untrusts a shape whose template parses but an instance does not', () => {
    const failing = (s: string): ParseOutcome => (s.includes('c2 ') ? { error: 'no', line: 1, column: 1 } : parseMysql(s));
    const out = sqls(6).map((s) => parse(s, failing));
    expect(out.map((o) => 'error' in o)).toEqual([false, false, true, false, false, false]);
    expect(parseReuseStats()).toMatchObject({ reused: 0, untrusted: 1 });
  });

  it('parses directly when switched off', () => {
    setParseReuse(false);
    for (const s of sqls(6)) parse(s);
    expect(parseReuseStats()).toMatchObject({ reused: 0, verified: 0, templates: 0, direct: 6 });
  });

  it(`keeps at most ${MAX_SHAPES} shapes, least recently used out`, () => {
    // A decimal is kept verbatim: each k is its own shape.
    const shape = (k: number, v = 1): string => `select qq${v} from t where c = 1.${k}`;
    for (let k = 0; k < MAX_SHAPES; k++) parse(shape(k));
    expect(keptShapes()).toBe(MAX_SHAPES);
    parse(shape(0, 2)); // shape 0 seen again (its template is made): now the most recent
    parse(shape(MAX_SHAPES)); // one more: shape 1, the least recently used, goes
    expect(keptShapes()).toBe(MAX_SHAPES);
    expect(parseReuseStats().templates).toBe(1);
    parse(shape(0, 3)); // kept: its template is there
    parse(shape(1, 3)); // forgotten: a first sighting again, no template
    expect(parseReuseStats().templates).toBe(1);
    parse(shape(1, 4));
    expect(parseReuseStats().templates).toBe(2);
  }, 60_000);
});

describe('memory', () => {
  it(`keeps shapes of at most ${MAX_SHAPE_CHARS} characters in all; parses statements over ${MAX_REUSE_LENGTH} directly`, () => {
    // Long statements, each its own shape (a decimal kept verbatim), under the length limit.
    const long = (k: number): string => `select c from t where d in (${'7, '.repeat(Math.floor((MAX_REUSE_LENGTH - 80) / 3))}8) and e = 1.${k}`;
    expect(long(0).length).toBeLessThanOrEqual(MAX_REUSE_LENGTH);
    const fits = Math.floor(MAX_SHAPE_CHARS / readShape(long(0))!.key.length);
    for (let k = 0; k < fits + 10; k++) parse(long(k));
    expect(keptShapes()).toBe(fits);
    resetParseReuse();
    const over = `select c from t where d in (${'7, '.repeat(MAX_REUSE_LENGTH / 3)}8)`;
    for (let k = 0; k < 6; k++) parse(over);
    expect(keptShapes()).toBe(0);
    expect(parseReuseStats()).toMatchObject({ direct: 6, reused: 0, templates: 0 });
  }, 60_000);
});

describe('names of a word and digits', () => {
  it('read as any other name when the word is not a grammar keyword (every such kept word, 3 positions)', () => {
    const templates = [
      (n: string): string => `select ${n}.c, d from t ${n} where ${n}.e = 1`,
      (n: string): string => `select c as ${n} from t where ${n} = 'v' order by ${n}`,
      (n: string): string => `update t set ${n} = 2 where x.${n} in (1, 2)`,
    ];
    const words = [...KEPT_WORDS].filter((w) => !GRAMMAR_KEYWORDS.has(w) && /^[a-z][a-z_]*$/.test(w));
    expect(words.length).toBeGreaterThan(300);
    for (const t of templates) {
      for (let k = 0; k < 5; k++) parse(t(`zq${k}`)); // the shape is trusted
      for (const w of words) {
        const sql = t(`${w}1`);
        const rw = rewriteSql(sql);
        const direct = parseMysql(rw.sql);
        expect(parse(sql), sql).toStrictEqual(direct);
      }
    }
    expect(parseReuseStats().untrusted).toBe(0);
    expect(parseReuseStats().reused).toBeGreaterThan(words.length * 3);
  }, 60_000);
});

describe('KEPT_WORDS', () => {
  it('holds every name node-sql-parser\'s MySQL build matches or compares by text', () => {
    const require = createRequire(import.meta.url);
    const build = fs.readFileSync(require.resolve('node-sql-parser/build/mysql.js'), 'utf8');
    const words = new Set([...build.matchAll(/"([A-Za-z][A-Za-z0-9_]*)"/g)].map((m) => m[1]!.toLowerCase()));
    expect(words.size).toBeGreaterThan(400);
    expect([...words].filter((w) => !KEPT_WORDS.has(w))).toEqual([]);
    // The grammar's keywords (case-insensitive literals; minified as a call `xx("WORD",!0)`).
    const keywords = new Set([...build.matchAll(/[A-Za-z_$][\w$]*\("([A-Za-z][A-Za-z0-9_]*)",!0\)/g)].map((m) => m[1]!.toLowerCase()));
    expect(keywords.size).toBeGreaterThan(300);
    expect([...keywords].filter((w) => !GRAMMAR_KEYWORDS.has(w))).toEqual([]);
    expect([...GRAMMAR_KEYWORDS].filter((w) => !KEPT_WORDS.has(w))).toEqual([]);
  });
});
