/**
 * The one place node-sql-parser is imported (its MySQL-only build: 1.8 MB instead of 5.3 MB).
 */
import * as mysqlBuild from 'node-sql-parser/build/mysql.js';
import type { AST, Parser as ParserType } from 'node-sql-parser';

const mod = mysqlBuild as { Parser?: new () => ParserType; default?: { Parser: new () => ParserType } };
const ParserCtor = mod.Parser ?? mod.default!.Parser;
const parser = new ParserCtor();

/**
 * Parse result: the AST (one per statement) and node-sql-parser's table list (`type::db::table`,
 * every table of the statement, subqueries included), or the parser's message with a 1-based position.
 */
export type ParseOutcome = { ast: AST[]; tableList: string[] } | { error: string; line: number; column: number };

/** Parses MySQL text with node-sql-parser. Never throws. */
export function parseMysql(sql: string): ParseOutcome {
  try {
    const r = parser.parse(sql, { database: 'MySQL' });
    return { ast: Array.isArray(r.ast) ? r.ast : [r.ast], tableList: r.tableList };
  } catch (e) {
    const err = e as { message?: string; location?: { start?: { line: number; column: number } } };
    const loc = err.location?.start;
    const msg = String(err.message ?? e).split('\n')[0]!;
    return { error: msg.length > 300 ? msg.slice(0, 300) + '…' : msg, line: loc?.line ?? 1, column: loc?.column ?? 1 };
  }
}

export type { AST };

/** Constructs vtgate reads that node-sql-parser cannot, by how they look (checked in this order). */
const CONSTRUCTS: Array<[RegExp, string]> = [
  [/\bjson_table\s*\(/i, 'JSON_TABLE'],
  [/\bfor\s+share\b|\block\s+in\s+share\s+mode\b/i, 'FOR SHARE / LOCK IN SHARE MODE'],
  [/\bwindow\s+\w+\s+as\b/i, 'named WINDOW clauses'],
  [/\bintersect\b|\bexcept\b/i, 'INTERSECT / EXCEPT'],
  [/\bvalues\s+row\s*\(/i, 'VALUES ROW(…) table value constructors'],
  [/\btable\s+\w+\s*(;|$)/i, 'TABLE statements'],
  [/\bcast\s*\([^)]*\bas\s+(json|year)\b/i, 'CAST(… AS JSON/YEAR)'],
  [/\bconvert\s*\([^)]*\busing\b/i, 'CONVERT(… USING charset)'],
  [/@@\w+\.\w+/i, 'scoped system variables'],
  [/\bnext\s+\S+\s+values?\b/i, 'NEXT … VALUES in this position'],
];

/**
 * One readable line for a parse failure: where it failed, the text there and, when recognised, the
 * construct node-sql-parser does not support — never its list of expected tokens (which mixes other
 * SQL dialects in).
 */
export function describeParseError(sql: string, e: { line: number; column: number; error: string }): string {
  const lines = sql.split('\n');
  const at = lines.slice(0, e.line - 1).reduce((n, l) => n + l.length + 1, 0) + e.column - 1;
  const near = sql.slice(Math.max(0, at), at + 24).replace(/\s+/g, ' ').trim();
  const known = CONSTRUCTS.find(([re]) => re.test(sql));
  const what = known ? `: ${known[1]} is not supported by the SQL parser (vtgate accepts it)` : ': the SQL parser cannot read this statement';
  return `syntax error at position ${at + 1}${near ? ` near '${near}'` : ' at the end'}${what}`;
}
