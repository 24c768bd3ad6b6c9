/**
 * Random SQL statements in families that differ in names and literals (for the parse-reuse tests):
 * plain names that share shapes, keywords and function names used as names, letter-case variants,
 * backticks (with keywords, spaces and doubled backticks inside), integers (zero, leading zeros, 16
 * digits, signs), decimals, strings with escapes and doubled quotes, double-quoted strings, charset
 * introducers, sentinel look-alikes, and the constructs src/sql/rewrites.ts rewrites.
 */
import fc from 'fast-check';

const FIXTURE = ['customer', 'corder', 'payment', 'product', 'zip_codes', 'customer_id', 'email', 'name', 'phone', 'order_id', 'amount', 'sku', 'note'];
const ODD = ['date', 'status', 'value', 'key', 'order', 'user', 'count', 'select', 'x', 'b', 'n', 'e1', 'Customer', 'CUSTOMER_ID', 'Email', '_utf8mb4', '$v', 'dual', 'now', 'interval', '__vg0_', 'a1b2', 'C', 'c', 'as0', 'in1', 'x1', 'is_x', 'on2', 'a3', 'name2_0_', 'e1', 'n1', 'user0_', 'id1_0_', 'f2', 'w9'];
const plain = fc.stringMatching(/^[a-z][a-z_]{1,5}[0-9]{0,2}$/);

/** A name as written in a statement: plain, odd, or in backticks. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: plain },
  { weight: 3, arbitrary: fc.constantFrom(...FIXTURE) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.oneof(plain, fc.constantFrom(...FIXTURE, ...ODD, 'a b', 'x``y', '1st', 'Ab')).map((n) => `\`${n}\``) },
);

const simpleString = fc.stringMatching(/^[a-zA-Z0-9 @.%_-]{0,8}$/);

/** A literal as written in a statement. */
export const literalArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map(String) },
  { weight: 4, arbitrary: simpleString.map((s) => `'${s}'`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0', '007', '-5', '- 5', '1234567890123456', '999999999999999', '9007199254740993', '1.5', '0.10', '1e3', '.5', '0x1F', "x'0A'", "b'01'",
      "'a\\'b'", "'it''s'", "''", '"dq"', '"a""b"', "_utf8mb4'x'", "N'x'", "'__vg1_'", "'800000000000001'", '800000000000001', 'null', 'true', ':v', '?',
    ),
  },
);

const intArb = fc.oneof(fc.integer({ min: 1, max: 500 }).map(String), fc.constantFrom('0', '007', '10'));
const spaceArb = fc.constantFrom(' ', ' ', ' ', '  ', '\n', ' /* c */ ');

type P = { n: string[]; l: string[]; i: string[]; s: string };

/** The families: statements built from names `n`, literals `l`, small integers `i`, a space `s`. */
const FAMILIES: Array<(p: P) => string> = [
  ({ n, l, s }) => `select ${n[0]}, ${n[1]} from ${n[2]} where ${n[3]} =${s}${l[0]}`,
  ({ n, l, s }) => `select ${n[0]}.${n[1]} from ${n[2]} ${n[0]} join ${n[3]} ${n[4]} on ${n[0]}.${n[5]} = ${n[4]}.${n[5]}${s}where ${n[0]}.${n[6]} = ${l[0]}`,
  ({ n, l }) => `select count(*) from ${n[0]} where ${n[1]} in (${l[0]}, ${l[1]}) group by ${n[2]}`,
  ({ n, l }) => `insert into ${n[0]} (${n[1]}, ${n[2]}) values (${l[0]}, ${l[1]})`,
  ({ n, l, s }) => `update ${n[0]} set ${n[1]} = ${l[0]}${s}where ${n[2]} = ${l[1]}`,
  ({ n, l, i }) => `delete from ${n[0]} where ${n[1]} = ${l[0]} limit ${i[0]}`,
  ({ n, l }) => `select * from ${n[0]} where ${n[1]} = (select ${n[2]} from ${n[3]} where ${n[4]} = ${l[0]})`,
  ({ n, l }) => `select ${n[0]}.* from (select ${n[1]}, ${n[2]} from ${n[3]}) as ${n[0]}(${n[4]}, ${n[5]}) where ${n[0]}.${n[4]} = ${l[0]}`,
  ({ n, l }) => `select * from ${n[0]} where ${n[1]} <=> ${l[0]} and ${n[2]} like ${l[1]}`,
  ({ n, i, s }) => `select ${n[0]} as ${n[1]} from ${n[2]}${s}order by ${n[1]} desc limit ${i[0]}, ${i[1]}`,
  ({ n, l }) => `select lower(${n[0]}), max(${n[1]}) from ${n[2]} where ${n[0]} between ${l[0]} and ${l[1]}`,
  ({ n, l }) => `select * from ${n[0]} where ${n[1]} = ${l[0]} union all select * from ${n[2]} where ${n[3]} = ${l[1]}`,
  ({ n, i }) => `select ${n[0]} from ${n[1]}.${n[2]} where ${n[3]} = -${i[0]}`,
  ({ n, l }) => `with ${n[0]} as (select ${n[1]} from ${n[2]}) select * from ${n[0]} where ${n[1]} = ${l[0]}`,
  ({ n }) => `select * from ${n[0]} ${n[1]} where exists (select 1 from ${n[2]} where ${n[2]}.${n[3]} = ${n[1]}.${n[3]})`,
  ({ n, l }) => `select ${n[0]} from ${n[1]} where ${n[2]} = ${l[0]} -- trailing ${n[3]}`,
  ({ n, l, i }) => `select ${n[0]}, sum(${n[1]}) from ${n[2]} use index (${n[3]}) group by ${n[0]} having sum(${n[1]}) > ${l[0]} limit ${i[0]}`,
  ({ n, l }) => `insert into ${n[0]} (${n[1]}) values (${l[0]}) on duplicate key update ${n[1]} = values(${n[1]})`,
  ({ n, l }) => `select ${n[0]} from ${n[1]} where ${n[2]} = ${l[0]} for update`,
  ({ n, l }) => `SELECT ${n[0]} FROM ${n[1]} WHERE ${n[2]} IS NOT NULL AND ${n[3]} <> ${l[0]}`,
];

/** Name kinds: each of a run's statements draws its names from its own kind per position. */
const NAME_KINDS: Array<fc.Arbitrary<string>> = [
  plain, plain, plain, plain, plain, plain,
  fc.constantFrom(...FIXTURE),
  fc.constantFrom(...ODD),
  fc.oneof(plain, fc.constantFrom(...FIXTURE, ...ODD, 'a b', 'x``y', '1st', 'Ab')).map((n) => `\`${n}\``),
  nameArb,
];
const LITERAL_KINDS: Array<fc.Arbitrary<string>> = [
  fc.integer({ min: 1, max: 1_000_000 }).map(String),
  simpleString.map((s) => `'${s}'`),
  literalArb,
];

/**
 * One family's statements: `count` instances with their own names and literals. The kind of each
 * position (plain name, fixture name, odd name, backticks, anything; integer, string, anything) is
 * drawn once for all of them (and mostly the space), as a corpus repeats one statement with other values.
 */
export const familyArb = (count: number): fc.Arbitrary<string[]> =>
  fc.tuple(
    fc.nat(FAMILIES.length - 1),
    fc.array(fc.nat(NAME_KINDS.length - 1), { minLength: 7, maxLength: 7 }),
    fc.array(fc.nat(LITERAL_KINDS.length - 1), { minLength: 2, maxLength: 2 }),
    spaceArb,
  ).chain(([f, nk, lk, space]) =>
    fc.array(
      fc.record({
        n: fc.tuple(...nk.map((k) => NAME_KINDS[k]!)),
        l: fc.tuple(...lk.map((k) => LITERAL_KINDS[k]!)),
        i: fc.array(intArb, { minLength: 2, maxLength: 2 }),
        s: fc.oneof({ weight: 4, arbitrary: fc.constant(space) }, { weight: 1, arbitrary: spaceArb }),
      }),
      { minLength: count, maxLength: count },
    ).map((ps) => ps.map((p) => FAMILIES[f]!(p))),
  );

/** Number of families. */
export const FAMILY_COUNT = FAMILIES.length;
