/**
 * Helpers over node-sql-parser's MySQL AST (the shapes it emits, loosely typed): column refs,
 * literals, AND/OR splitting, subquery detection. Pure.
 */

/** Any AST node. */
export type Node = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A column reference: optional qualifier and the column name (lower-cased for matching). */
export interface ColRef {
  qualifier: string | null;
  name: string;
}

/** node-sql-parser writes a column name as a string or `{expr: {value}}`. */
export function columnName(c: unknown): string {
  if (typeof c === 'string') return c;
  const v = (c as Node | null)?.expr?.value ?? (c as Node | null)?.value;
  return v === undefined || v === null ? '' : String(v);
}

/** The column ref of `e`, or null. `*` is not a column. */
export function asColumn(e: Node | null | undefined): ColRef | null {
  if (!e || e.type !== 'column_ref') return null;
  const name = columnName(e.column);
  if (name === '*' || name === '') return null;
  const q = e.table;
  const qualifier = q === null || q === undefined ? null : typeof q === 'string' ? q : String(q.value ?? '');
  // A column of a derived table may be bound to the inner table's column of another name.
  return { qualifier, name: (BINDINGS.get(e)?.name ?? name).toLowerCase() };
}

/**
 * What a column reference was resolved to. Kept beside the AST, not on its objects (adding
 * properties to parser objects changes their hidden classes), in a plain Map that lives for one
 * statement: planAst clears it (a WeakMap with a key per column costs far more in GC).
 */
export interface ColumnBinding {
  table: unknown;
  /** The inner column name when a derived table's column maps onto another column. */
  name?: string;
}

const BINDINGS = new Map<object, ColumnBinding>();

/**
 * What is known about the top-level statement being planned, besides its tree: node-sql-parser's
 * table list and how many SELECT keywords its text has. One slot, overwritten per statement
 * (planning is not re-entrant across statements), so no WeakMap and no per-statement object.
 */
const STATEMENT: { ast: object | null; tableList: string[] | undefined; selects: number | undefined } = { ast: null, tableList: undefined, selects: undefined };

/** Forgets the bindings of the previous statement (planning is not re-entrant across statements). */
export function resetBindings(): void {
  BINDINGS.clear();
}

/** Binds a column node to its table (and inner column name). */
export function bind(n: Node, b: ColumnBinding): void {
  BINDINGS.set(n, b);
}

/** The table a column node is bound to, or undefined. */
export function boundTable<T>(n: Node | null | undefined): T | undefined {
  return n ? (BINDINGS.get(n)?.table as T | undefined) : undefined;
}

/**
 * Records what is known about the top-level statement about to be planned: node-sql-parser's table
 * list (`type::db::table` entries) and the number of SELECT keywords in its text (0 or 1 ⇒ no
 * subquery). Either may be undefined (unknown: the planner then scans the tree).
 */
export function setStatementInfo(ast: Node, tableList: string[] | undefined, selects: number | undefined): void {
  STATEMENT.ast = ast;
  STATEMENT.tableList = tableList;
  STATEMENT.selects = selects;
}

/** Counts the SELECT keywords of a statement's text (quotes not excluded: an over-count only costs a scan). */
export function countSelectKeywords(sql: string): number {
  const m = sql.match(/\bselect\b/gi);
  return m ? m.length : 0;
}

/** The SELECT keyword count of a top-level statement, if known. */
export function selectKeywordsOf(ast: Node): number | undefined {
  return STATEMENT.ast === ast ? STATEMENT.selects : undefined;
}

/** The table list of a statement AST, if the parser gave one. */
export function tableListOf(ast: Node): string[] | undefined {
  return STATEMENT.ast === ast ? STATEMENT.tableList : undefined;
}

/** Deep copy of an AST fragment (owner annotations are not copied). */
export function cloneNode<T>(n: T): T {
  return JSON.parse(JSON.stringify(n, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) as T;
}

/** True for a subquery node (`(select ...)` in an expression). */
export function isSubquery(e: Node | null | undefined): boolean {
  return !!e && typeof e === 'object' && !!e.ast && (e.ast.type === 'select' || !!e.ast._next || Array.isArray(e.ast));
}

/** The select AST inside a subquery node. */
export function subqueryAst(e: Node): Node {
  return Array.isArray(e.ast) ? e.ast[0] : e.ast;
}

/** Splits an expression into its top-level AND terms (parenthesised ANDs too). */
export function splitAnd(e: Node | null | undefined, out: Node[] = []): Node[] {
  if (!e) return out;
  if (e.type === 'binary_expr' && (e.operator === 'AND' || e.operator === '&&' || e.operator === 'and')) {
    splitAnd(e.left, out);
    splitAnd(e.right, out);
  } else out.push(e);
  return out;
}

/** The top-level AND terms of every expression of `list`, in order. */
export function splitAndAll(list: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const e of list) splitAnd(e, out);
  return out;
}

/** Splits an expression into its top-level OR terms. */
export function splitOr(e: Node): Node[] {
  if (e.type === 'binary_expr' && /^(OR|\|\|)$/i.test(e.operator)) return [...splitOr(e.left), ...splitOr(e.right)];
  return [e];
}

/** Keys that are not part of the SQL tree: parser metadata and private keys. */
export function skipKey(k: string): boolean {
  return k === 'loc' || k === 'tableList' || k === 'columnList' || (k.charCodeAt(0) === 95 /* _ */ && k !== '_next');
}

/**
 * Node types with nothing of interest below them (a column_ref's name parts are `default` nodes):
 * {@link walk} visits them but does not descend.
 */
const LEAVES: ReadonlySet<string> = new Set(['column_ref', 'number', 'bigint', 'single_quote_string', 'double_quote_string', 'natural_string', 'param', 'bool', 'boolean', 'null', 'default', 'star']);

/** Visits every node of an expression tree (not descending into subqueries unless `intoSubqueries`). */
export function walk(e: unknown, visit: (n: Node) => void, intoSubqueries = false): void {
  if (!e || typeof e !== 'object') return;
  if (Array.isArray(e)) {
    for (const x of e) walk(x, visit, intoSubqueries);
    return;
  }
  const n = e as Node;
  if (n.type) {
    visit(n);
    if (LEAVES.has(n.type)) return;
  }
  if (isSubquery(n) && !intoSubqueries) return;
  for (const k in n) {
    const v = n[k];
    if (v && typeof v === 'object' && !skipKey(k)) walk(v, visit, intoSubqueries);
  }
}

/** Every column ref directly in `e` (not inside subqueries). */
export function columnsIn(e: unknown): ColRef[] {
  const out: ColRef[] = [];
  walk(e, (n) => {
    const c = asColumn(n);
    if (c) out.push(c);
  });
  return out;
}

/** Every subquery node directly in `e` (not nested ones). */
export function subqueriesIn(e: unknown): Node[] {
  const out: Node[] = [];
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    const n = x as Node;
    if (isSubquery(n)) {
      out.push(n);
      return;
    }
    for (const k in n) {
      const v = n[k];
      if (v && typeof v === 'object' && !skipKey(k)) visit(v);
    }
  };
  visit(e);
  return out;
}

/** True for a literal NULL. */
export function isNull(e: Node | null | undefined): boolean {
  return !!e && e.type === 'null';
}

/** True for an aggregate function call (count, sum, max, ...). */
export function isAggregate(e: Node | null | undefined): boolean {
  if (!e || typeof e !== 'object' || e.type === 'column_ref' || e.type === 'number' || e.type === 'single_quote_string') return false;
  let found = false;
  walk(e, (n) => {
    if (found) return;
    if (n.type === 'aggr_func') found = true;
    else if (n.type === 'function' && AGGREGATES.test(fnName(n))) found = true;
  });
  return found;
}

const AGGREGATES = /^(count|sum|min|max|avg|group_concat|bit_and|bit_or|bit_xor|std|stddev|variance|json_arrayagg|json_objectagg)$/i;

/** Function name of a `function` node. */
export function fnName(n: Node): string {
  const name = n.name;
  if (typeof name === 'string') return name;
  if (name?.name) return (name.name as Array<{ value: string }>).map((x) => x.value).join('.');
  return '';
}
