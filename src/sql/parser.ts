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
