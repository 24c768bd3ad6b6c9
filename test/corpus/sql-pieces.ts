// Random SQL-ish text for the fingerprint property tests: common pieces, rare ones (comments, which
// the one-pass writer skips, and what it leaves to the two-pass path: prefixed literals, non-ASCII,
// unterminated quotes, comments inside IN lists), and raw random strings.
import fc from 'fast-check';

/** Common pieces, all handled by the one-pass writer (when quotes pair up). */
export const FUSABLE_PIECES = [
  'select', 'SELECT', 'from', 'where', 'and', 'or', 'not', 'limit', 'LIMIT', 'offset', 'values', 'VALUES', 'value', 'then', 'else', 'when',
  'in', 'IN', 'In', 'in(', 'IN (', ' in (', 'count', 'max', 'f', 'user', 'u.id', 't1', 'a', '_x', '$y', '@v', '@@g', 'ks@replica', 'e', 'E',
  ' ', '  ', '\n', '\t', '\r', '\f', '\v', '(', ')', ',', '.', ';', '*', '/', '%', '^', '~', '[', ']', '{', '}', '\\',
  '-', '+', '- ', '-5', '- 5', '+5', '=', '= -', '<', '>', '<=', '>=', '<>', '!=', '!', '<=>', '<<', '>>', '|', '||', '&', '&&', '->', '->>',
  ':', '::', ':=', ':a', ':a.b', '::list', '?', '0', '1', '42', '007', '1.5', '1.', '.5', '.', '1e5', '2E-3', '1e+', '1.e5', '.5e-1', '0X1F', '0B1',
  "'", "''", "'a'", "'u1@x'", "'it''s'", "'\\''", "'a\\\\'", '"', '""', '"b"', '"q\\""', '"a""b"', '`', '``', '`c`', '`a``b`', '`é😀`',
  "'é'", "'\u2028'", '\u0000', '\u0007', '\u007f', ', -1', '(-1', 'in (1, 2)', 'in (-1, +2)', 'in (-)', 'IN(+, -)', 'in ( + )', "in ('a', \"b\")", 'in (- , 1)', 'in ()', 'in (a)',
  'in (1', 'in (1,)', 'in (,1)', 'in (1 2)', 'in (1.5e3)', 'in (.5)', 'in (1)a', 'count(*)', 'max (id)', 'values (', 'from (', 'x.in', 'in.x',
];

/** Rare pieces: comments of every kind, and what the one-pass writer leaves to the two-pass path. */
export const RARE_PIECES = [
  '/*', '*/', '/* c */', '/*/', '/**/', '/*vt+ PLANNER=gen4 */', '/*vt+', '/*vt+*/', '/*vt*/', '/*vt+ é */', '--', '-- ', '--\t', '-- c\n', '-- c\r\n', '--\n', '--\r', '--\u2028', '#', '# c\n', '#\r\n', '--5', '---', '--x',
  "n'", "N'a'", "x'", "X'1f'", "x'zz'", "b'01'", "B'2'", '0x', '0x1f', '0b', '0b101', '0b2', 'é', '\u00a0', '\u2028', '\u2029', '\ufeff',
  '\u3000', '😀', '\ud800', '¬', 'in /* c */ (1)', 'in (1 /* c */)', 'in (1, -- c\n 2)', 'in (x\'1f\')', 'in (0x1)', 'in (1\u00a0)',
];

/** Random SQL-ish text: mostly pieces (rarely a rare one), sometimes raw strings of tricky characters. */
export const sqlText = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...FUSABLE_PIECES), { maxLength: 40 }).map((xs) => xs.join('')) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...FUSABLE_PIECES), { maxLength: 40 }).map((xs) => xs.join(' ')) },
  { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...FUSABLE_PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...RARE_PIECES) }), { maxLength: 40 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'\'"`\\-+#/*xXnNbB01.e: \n(),in=<>!?'.split('')), maxLength: 40 }) },
);
