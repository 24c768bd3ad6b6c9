// Random SQL scripts for the property tests of the statement splitter and the corpus readers.
import fc from 'fast-check';

/** Pieces of scripts people write: statements, quotes with `;` inside, comments, client lines, DELIMITER, CRLF. */
export const SCRIPT_PIECES = [
  'select 1', 'SELECT * FROM t WHERE id = 7', 'update t set a = 1', ';', ';;', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n',
  "'", "'a;b'", "'it''s'", "'\\''", '"', '"x;y"', '`', '`a;b`', '``', '\\', '\\G', '\\g', '\\!', '\\! echo hi', '\\u ks', '\\c', '\\q',
  'use ks', 'use ks;', 'USE `ks`;', 'use ks/-80', 'use ks@replica;', 'use', 'user', 'DELIMITER $$', 'delimiter ;', 'DELIMITER //', 'DELIMITER',
  '$$', '//', '$', '-', '--', '-- ', '--\t', '-- c;', '--x', '#', '# c;', '/*', '*/', '/* c; */', '/*vt+ X=1 */', '/*vt+', '*', '/',
  'D', 'd', 'u', 'U', 'e', 'x', '\u00a0', '\u2028', '\ufeff', 'é', '😀', 'SET timestamp=1;', 'use db;',
];
export const script = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...SCRIPT_PIECES), { maxLength: 40 }).map((xs) => xs.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'\'"`\\-#/*;$ \t\r\nuUdDsG!vt+'.split('')), maxLength: 50 }) },
);
