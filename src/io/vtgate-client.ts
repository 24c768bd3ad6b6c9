/**
 * The MySQL-protocol side of `verify` (mysql2): connects to a vtgate and asks `VEXPLAIN PLAN <statement>`
 * for each statement — vtgate plans it and never executes it (go/vt/vtgate/planbuilder/vexplain.go). The
 * password comes from the caller (environment or file), is only handed to mysql2 and never printed.
 */
import mysql from 'mysql2/promise';
import type { VtgateAnswer } from '../verify/compare-plans.js';
import { parsePlanJson, planRoutes } from '../verify/vtgate-plan.js';

/** Where and how to connect. */
export interface VtgateTarget {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  /** Session keyspace (`USE`), or undefined. */
  database: string | undefined;
}

/** A connection or protocol failure (not a statement vtgate rejects): vtgate down, auth refused. */
export class VtgateConnectionError extends Error {}

/**
 * Parses `mysql://USER@HOST:PORT[/KEYSPACE]`. A password in the URL is refused (it would end up in shell
 * history and CI logs); pass it in the environment or a file. Throws Error with the reason.
 */
export function parseVtgateUrl(url: string): Omit<VtgateTarget, 'password'> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--vtgate must be mysql://USER@HOST:PORT[/KEYSPACE], not "${url.replace(/:[^:@/]*@/, ':***@')}"`);
  }
  if (u.protocol !== 'mysql:') throw new Error(`--vtgate must start with mysql://, not "${u.protocol}//"`);
  if (u.password) throw new Error('--vtgate: put no password in the URL; use VSCHEMA_GUARD_VTGATE_PASSWORD or --password-file');
  if (!u.username) throw new Error('--vtgate: the URL needs a user: mysql://USER@HOST:PORT');
  const port = u.port ? Number(u.port) : 3306;
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return { host: u.hostname, port, user: decodeURIComponent(u.username), database: db || undefined };
}

/** Plans every statement with VEXPLAIN PLAN on one connection; a statement vtgate rejects is an answer, not a failure. */
export async function vexplainAll(target: VtgateTarget, sqls: readonly string[], timeoutMs = 10_000): Promise<VtgateAnswer[]> {
  let conn: mysql.Connection;
  try {
    conn = await mysql.createConnection({
      host: target.host, port: target.port, user: target.user, password: target.password, database: target.database,
      connectTimeout: timeoutMs, multipleStatements: false,
    });
  } catch (e) {
    const err = e as { code?: string; errno?: number; message?: string };
    const what = err.errno === 1045 || err.code === 'ER_ACCESS_DENIED_ERROR' ? 'authentication failed' : err.code === 'ECONNREFUSED' ? 'nothing listens there (is vtgate running with --mysql-server-port?)' : (err.message ?? String(e));
    throw new VtgateConnectionError(`cannot connect to vtgate at ${target.host}:${target.port} as ${target.user}: ${what}`);
  }
  const out: VtgateAnswer[] = [];
  try {
    for (const sql of sqls) {
      try {
        const [rows] = await conn.query({ sql: `vexplain plan ${sql}`, timeout: timeoutMs });
        const first = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
        const text = first ? String(first.JSON ?? Object.values(first)[0] ?? '') : '';
        out.push({ routes: planRoutes(parsePlanJson(text)), error: null });
      } catch (e) {
        const err = e as { fatal?: boolean; message?: string };
        if (err.fatal) throw new VtgateConnectionError(`vtgate at ${target.host}:${target.port} closed the connection: ${err.message ?? String(e)}`);
        out.push({ routes: null, error: err.message ?? String(e) });
      }
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
  return out;
}
