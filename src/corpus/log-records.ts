/**
 * What the line-fed format readers (./formats.ts, ./slow-log.ts) share: the statements of a record's
 * lines, whether a record has any text, the `USE` keyspace of a statement, the header lines mysqld
 * writes into its logs, and the empty result most lines give.
 */
import { simpleStatements } from '../sql/simple-statements.js';
import { type SqlStatement, splitStatements } from '../sql/split-statements.js';
import type { RawStatement } from './formats.js';
import { isSpace } from './scan.js';

/** What most lines of a log give: nothing (one shared array, never written). */
export const NONE: readonly RawStatement[] = Object.freeze([]);

/** The keyspace a `USE` statement switches to (`use ks`, `` use `ks` ``, `use ks/-80`, `use ks@replica`), or null. */
export function useKeyspace(sql: string): string | null {
  // Most statements do not start with `u` (after whitespace): no regex for them.
  let i = 0;
  while (i < sql.length && isSpace(sql.charCodeAt(i))) i++;
  if ((sql.charCodeAt(i) | 32) !== 117) return null;
  const m = /^use\s+`?([^`\s/@:;]+)/i.exec(sql.trim());
  return m ? m[1]! : null;
}

/**
 * The statements of a record's lines (`line` 1-based within them): the fast path when each line is
 * one simple statement (../sql/simple-statements.ts), else a full split of the lines joined by `\n`.
 */
export function recordStatements(lines: readonly string[]): SqlStatement[] {
  return simpleStatements(lines) ?? splitStatements(lines.join('\n') + '\n');
}

/** True when some line has a character that is not whitespace (the joined text's `trim()` is not empty). */
export const anyText = (lines: readonly string[]): boolean => lines.some((l) => l.trim() !== '');

/** Header lines mysqld writes when it (re)opens a log: not statements. */
const LOG_HEADER = /^(\/\S*mysqld|Tcp port:|Time\s+Id\s+Command)/;

/** Whether `line` is a header line mysqld writes when it (re)opens a log (`/usr/sbin/mysqld, Version: ...`, `Tcp port: ...`, `Time  Id Command ...`). */
export const logHeader = (line: string): boolean => {
  // Only lines starting `/` or `T` may be: the regex only for those.
  const c = line.charCodeAt(0);
  return (c === 47 || c === 84) && LOG_HEADER.test(line);
};
