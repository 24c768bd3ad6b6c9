/**
 * One statement → the routes vtgate would plan for it (spec E.7), pure. Parse errors and Vitess
 * planning errors become a per-statement `error`; nothing throws.
 */
import { describeParseError } from '../sql/parser.js';
import { parseRewritten } from '../sql/parse-reuse.js';
import { rewriteSql } from '../sql/rewrites.js';
import { type Node, countSelectKeywords, resetBindings, setStatementInfo } from './ast.js';
import type { SimContext } from './context.js';
import { planDmlStatement } from './plan-statement.js';
import { planQuery } from './plan-select.js';
import { resolveTable } from './resolve-table.js';
import { lookupTableRoute } from './lookup-tables.js';
import { MULTI_SHARD, type OutRoute, PlanError, type PVal, type Plan, type RouteOp, routeSource, routingVariant } from './types.js';
import { showValue } from './values.js';
import { T, firstToken } from '../corpus/scan.js';

/** Fanout classes (conformance README): scatter > multi > single. */
export type Fanout = 'single' | 'multi' | 'scatter';

/** The plan of one statement as reported. */
export interface StatementPlan {
  routes: OutRoute[];
  pushdown: boolean;
  fanout: Fanout;
  error: string | null;
  /** Statement kind: select, insert, update, delete, or other. */
  kind: string;
  /** Set for statements vtgate answers without routing a query (SET, BEGIN, SHOW, ...): why. */
  skipped?: string;
}

/**
 * Derives the fanout from route variants. The parts of a VindexLookup count by what they reach: the
 * read of the lookup table by its values (one value through the lookup table's vindex is one shard),
 * the ByDestination route by the VindexLookup's variant (EqualUnique: one shard).
 */
export function fanoutOf(routes: readonly OutRoute[]): Fanout {
  let multi = false;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i]!;
    if (r.variant === 'Scatter') return 'scatter';
    if (r.role === 'lookup') multi ||= r.variant === 'IN' && lookupReadValues(r) !== 1;
    else if (r.role === 'destination') multi ||= routes[i - 2]?.variant !== 'EqualUnique';
    else multi ||= MULTI_SHARD.has(r.variant);
  }
  return multi ? 'multi' : 'single';
}

/** Number of values a lookup-table read sends, when known. */
function lookupReadValues(r: OutRoute): number | null {
  const opt = r.source?.routing.type === 'sharded' ? r.source.routing.option : null;
  const v = opt?.values[0];
  return v?.kind === 'list' ? v.items.length : null;
}

/** The plan of a statement that routes nothing: an error, or a statement vtgate answers itself. */
function noRoutes(kind: string, error: string | null, skipped?: string): StatementPlan {
  return { routes: [], pushdown: false, fanout: 'single', error, kind, ...(skipped ? { skipped } : {}) };
}

/**
 * A statement read for planning, before any VSchema is consulted: parsed (with what the planner
 * wants to know about its text), Vitess's `select next N values from seq`, or already answered
 * (skipped statements, syntax errors). Prepared once, it can be planned against several VSchemas
 * (base and head of a diff).
 */
export type PreparedStatement =
  | { kind: 'parsed'; ast: Node; tableList: string[]; selects: number }
  | { kind: 'next'; keyspace: string | null; table: string }
  | { kind: 'answered'; plan: StatementPlan };

/**
 * Statements are parsed in batches of up to this many, then planned: parser and planner each stay hot.
 * Each switch from parser to planner costs ≈ 0.4 ms (the first statements after a parse phase plan 5–7
 * times slower: the planner's code and data are out of the CPU caches), so batches are large. Measured
 * in one process on alternating slices (parse + plan): batches of 4,000 ≈ 3 % faster than 1,024 and
 * ≈ 6 % faster than 256.
 */
export const PLAN_BATCH = 4096;

/**
 * A batch also ends once its statements hold this many characters of SQL, so the parse trees it keeps
 * stay bounded (≈ 30 bytes of tree per character of SQL: ≈ 16 MB) however long the statements are.
 */
export const PLAN_BATCH_CHARS = 512 * 1024;

/**
 * Reads `sql` for planning (never throws; parse errors become an answered plan). The result depends on
 * `sql` only; statements of one shape share a verified parse (src/sql/parse-reuse.ts), off with
 * `setParseReuse(false)` (`--no-parse-reuse`).
 */
export function prepareStatement(sql: string): PreparedStatement {
  const first = firstToken(sql);
  const word = first?.type === T.word ? first.text.toLowerCase() : '';
  const skip = SKIPPED.get(word);
  if (skip) return { kind: 'answered', plan: noRoutes(word, null, skip) };
  if (word === 'select') {
    const next = nextValuesTarget(sql);
    if (next) return next;
  }
  const rw = rewriteSql(sql);
  // node-sql-parser + fixParsed, or a verified shape's parse (src/sql/parse-reuse.ts: the same tree).
  const parsed = parseRewritten(rw);
  if ('error' in parsed) return { kind: 'answered', plan: noRoutes('unknown', describeParseError(rw.sql, parsed)) };
  if (parsed.ast.length !== 1) {
    return { kind: 'answered', plan: noRoutes('unknown', 'expected exactly one statement') };
  }
  return { kind: 'parsed', ast: parsed.ast[0] as unknown as Node, tableList: parsed.tableList, selects: countSelectKeywords(sql) };
}

/** Plans a prepared statement against the context (pure; errors are reported, never thrown). */
export function planPrepared(ctx: SimContext, p: PreparedStatement): StatementPlan {
  if (p.kind === 'answered') return p.plan;
  if (p.kind === 'next') return planNextValues(ctx, p.keyspace, p.table);
  setStatementInfo(p.ast, p.tableList, p.selects);
  return planAst(ctx, p.ast);
}

/** Plans `sql` against the context. */
export function planStatement(ctx: SimContext, sql: string): StatementPlan {
  return planPrepared(ctx, prepareStatement(sql));
}

/**
 * Plans many statements: each batch (see {@link PLAN_BATCH}) is parsed first, then planned (same results
 * as {@link planStatement} one by one, faster: the parser's and the planner's code and data each
 * stay in the CPU caches for a whole batch).
 */
export function planStatements(ctx: SimContext, sqls: readonly string[]): StatementPlan[] {
  const out: StatementPlan[] = [];
  forEachPrepared(sqls, (sql) => sql, (_, p) => out.push(planPrepared(ctx, p)));
  return out;
}

/**
 * Calls `f` with every item and its prepared statement, in order, preparing (parsing) a batch of up to
 * {@link PLAN_BATCH} items and {@link PLAN_BATCH_CHARS} characters before `f` sees any of them (see
 * {@link planStatements}). The batch's trees are released before the next batch is parsed.
 */
export function forEachPrepared<T>(items: readonly T[], sqlOf: (item: T) => string, f: (item: T, p: PreparedStatement) => void): void {
  const prepared: PreparedStatement[] = [];
  for (let i = 0; i < items.length; ) {
    const start = i;
    let chars = 0;
    while (i < items.length && i - start < PLAN_BATCH && (chars < PLAN_BATCH_CHARS || i === start)) {
      const sql = sqlOf(items[i]!);
      chars += sql.length;
      prepared.push(prepareStatement(sql));
      i++;
    }
    for (let k = start; k < i; k++) f(items[k]!, prepared[k - start]!);
    prepared.length = 0;
  }
}

/**
 * Vitess's `select next N values from <sequence>` (not MySQL, so node-sql-parser cannot read it),
 * recognised by its fixed grammar only: the named table, or null.
 */
function nextValuesTarget(sql: string): PreparedStatement | null {
  const m = /^\s*select\s+next\s+(\d+|:\w+|\?)\s+values?\s+from\s+(`[^`]+`|\w+)(?:\.(`[^`]+`|\w+))?\s*;?\s*$/i.exec(sql);
  if (!m) return null;
  const unq = (s: string): string => s.replace(/^`|`$/g, '');
  return m[3] ? { kind: 'next', keyspace: unq(m[2]!), table: unq(m[3]) } : { kind: 'next', keyspace: null, table: unq(m[2]!) };
}

/** A `Next` route to the sequence's keyspace (spec E.3). */
function planNextValues(ctx: SimContext, keyspace: string | null, table: string): StatementPlan {
  try {
    const t = resolveTable(ctx, keyspace, table, null);
    if (t.kind !== 'sequence') throw new PlanError(`NEXT used on a non-sequence table \`${t.name}\``);
    const routes: OutRoute[] = [{ operator: 'Route', variant: 'Next', keyspace: t.keyspace, vindex: null, values: [] }];
    return { routes, pushdown: true, fanout: 'single', error: null, kind: 'select' };
  } catch (e) {
    return noRoutes('select', (e as Error).message);
  }
}

/**
 * Statements that are not routed as queries (session and transaction control, SHOW, EXPLAIN and
 * Vitess's own VEXPLAIN / SHOW VITESS_*), by first keyword (lexer tokens, comments skipped): skipped
 * with a reason, not errors.
 */
const SKIPPED = new Map<string, string>(Object.entries({
  set: 'session settings are handled by vtgate', use: 'USE switches the session keyspace', begin: 'transaction control',
  start: 'transaction control', commit: 'transaction control', rollback: 'transaction control', savepoint: 'transaction control',
  release: 'transaction control', show: 'SHOW is answered by vtgate or sent to one shard, not planned as a query',
  explain: 'EXPLAIN is not a routed query', vexplain: 'VEXPLAIN is a Vitess statement, not a routed query',
  describe: 'DESCRIBE is not a routed query', desc: 'DESCRIBE is not a routed query', kill: 'KILL is handled by vtgate',
  lock: 'LOCK TABLES is not planned as a query', unlock: 'UNLOCK TABLES is not planned as a query', flush: 'FLUSH is not a routed query',
  create: 'DDL is applied with ApplySchema, not routed', alter: 'DDL is applied with ApplySchema, not routed', drop: 'DDL is applied with ApplySchema, not routed',
  truncate: 'DDL is applied with ApplySchema, not routed', rename: 'DDL is applied with ApplySchema, not routed',
  analyze: 'maintenance statement', optimize: 'maintenance statement', do: 'DO is evaluated in vtgate', call: 'stored procedures are not planned',
}));

/** Plans a parsed statement. */
export function planAst(ctx: SimContext, ast: Node): StatementPlan {
  resetBindings();
  const kind = String(ast.type ?? 'unknown');
  try {
    if (kind === 'select') {
      const plan = planQuery(ctx, ast, null, [], true);
      const routes = expandRoutes(ctx, plan);
      const hasLookup = routes.some((r) => r.operator === 'VindexLookup');
      return { routes, pushdown: plan.pushdown && !hasLookup && routes.length === 1, fanout: fanoutOf(routes), error: null, kind };
    }
    if (kind === 'insert' || kind === 'replace' || kind === 'update' || kind === 'delete') {
      const d = planDmlStatement(ctx, ast);
      const selectRoutes = d.select ? expandRoutes(ctx, d.select) : [];
      const routes = [d.dml, ...selectRoutes];
      return { routes, pushdown: routes.length === 1, fanout: fanoutOf(routes), error: null, kind };
    }
    return noRoutes(kind, `unsupported statement type: ${kind}`);
  } catch (e) {
    if (e instanceof PlanError) return noRoutes(kind, e.message);
    return noRoutes(kind, `internal error: ${(e as Error).message}`);
  }
}

/** RouteOps → reported routes; a SELECT through a planable lookup vindex becomes 3 nodes (spec E.2). */
export function expandRoutes(ctx: SimContext, plan: Plan): OutRoute[] {
  const out: OutRoute[] = [];
  for (const r of plan.routes) out.push(...expandRoute(ctx, r));
  out.push(...plan.extra);
  return out;
}

/** Variants whose values a planable lookup vindex maps through its lookup table first. */
const LOOKUP_VARIANTS: ReadonlySet<string> = new Set(['Equal', 'EqualUnique', 'IN', 'MultiEqual']);

/** The `from` values a VindexLookup sends to its lookup table: the IN list, or the one compared value. */
function lookupValues(values: readonly PVal[]): PVal[] | null {
  const v = values[0];
  if (!v) return null;
  if (v.kind === 'list') return v.items;
  if (v.kind === 'bindlist') return null;
  return [v];
}

function expandRoute(ctx: SimContext, r: RouteOp): OutRoute[] {
  const variant = routingVariant(r.routing);
  const opt = r.routing.type === 'sharded' ? r.routing.option : null;
  const base: OutRoute = {
    operator: 'Route', variant, keyspace: r.routing.keyspace, vindex: opt?.vindex.name ?? null,
    values: opt ? opt.values.map(showValue) : [], source: routeSource(r),
  };
  if (!opt || !opt.type.planable || !LOOKUP_VARIANTS.has(variant)) return [base];
  const read = lookupTableRoute(ctx, opt.vindex, lookupValues(opt.values), r.routing.keyspace);
  return [
    { ...base, operator: 'VindexLookup', lookup: opt.vindex },
    { operator: 'Route', variant: read.variant, keyspace: read.keyspace, vindex: read.vindex, values: ['::__vals'], role: 'lookup', lookup: opt.vindex, ...(read.source ? { source: read.source } : {}) },
    { ...base, variant: 'ByDestination', role: 'destination' },
  ];
}
