/**
 * The one place where SQL that vtgate's parser (go/vt/sqlparser) accepts but node-sql-parser cannot read
 * is rewritten before parsing, into text that routes the same, plus the fix-ups applied to the tree
 * afterwards. Every rewrite works outside quotes and backticks only:
 *
 * | construct                                  | rewritten to                       | after parsing                         |
 * |--------------------------------------------|------------------------------------|---------------------------------------|
 * | `::list` (Vitess list bind variable)       | `(:__list_list)`                   | –                                     |
 * | `USE/FORCE/IGNORE INDEX (…)` hints         | removed (never change routing)     | –                                     |
 * | `DELETE t.* FROM`                          | `DELETE t FROM`                    | –                                     |
 * | `a <=> b`, `a MEMBER OF (j)`               | `a LIKE b`, `a LIKE (j)`           | operator set back to `<=>` / `MEMBER OF` |
 * | `SELECT STRAIGHT_JOIN …`                   | `SELECT …` (a join hint)           | –                                     |
 * | `t PARTITION (p0, p1)`                     | `t` (partitions are within a shard)| –                                     |
 * | `MATCH (a, b) AGAINST ('x' IN … MODE)`     | `__match_against(a, b, 'x')`       | –                                     |
 * | `VALUES (DEFAULT, …)`                      | `VALUES (NULL, …)`                 | –                                     |
 * | `INSERT … VALUES ()`, `INSERT INTO t ()`   | `VALUES (NULL)`, `INTO t`          | the row and column list made empty    |
 * | `(subquery) AS t(a, b)` column lists       | `(subquery) AS t`                  | the subquery's columns renamed a, b   |
 *
 * `<=>` and `MEMBER OF` never give a vindex option in vtgate (operators/sharded_routing.go plans `=`,
 * `IN`, `LIKE` on cfc, `IS NULL`, BETWEEN only), and neither is false on NULL; `LIKE` is only a parsing
 * stand-in, set back after parsing by position among the LIKE operators of the statement.
 */
import type { AST } from 'node-sql-parser';

/** What was rewritten, for the fix-ups after parsing. */
export interface Rewritten {
  sql: string;
  /** For each `LIKE` operator of the rewritten text, in order: the operator it stands for (null: a real LIKE). */
  likeOps: Array<string | null>;
  /** `VALUES ()` was rewritten. */
  emptyRow: boolean;
  /** Derived-table column lists by alias (lower case). */
  derivedColumns: Map<string, string[]>;
}

const QUICK = /::|\b(index|key|delete|straight_join|partition|match|member|default|values)\b|<=>|\)\s*(as\s+)?\w+\s*\(/i;

/** Words that may follow a `)` and an identifier-like token without being a derived-table alias. */
const NOT_ALIAS = new Set(['and', 'or', 'not', 'in', 'like', 'is', 'on', 'using', 'join', 'where', 'union', 'exists', 'values', 'select', 'over', 'as', 'between', 'xor', 'div', 'mod', 'regexp', 'rlike', 'then', 'when', 'else', 'end', 'case', 'set', 'interval', 'from', 'having', 'limit', 'by', 'any', 'all', 'some']);

/** Applies the rewrites of the module comment to `sql`. Pure. */
export function rewriteSql(sql: string): Rewritten {
  const out: Rewritten = { sql, likeOps: [], emptyRow: false, derivedColumns: new Map() };
  if (!QUICK.test(sql)) return out;
  const isInsert = /^\s*(?:\/\*.*?\*\/\s*)*(insert|replace)\b/i.test(sql);
  out.sql = rewriteOutsideQuotes(sql, (chunk, first) => {
    let c = chunk
      .replace(/::([A-Za-z_]\w*)/g, '(:__list_$1)')
      .replace(/\b(?:use|force|ignore)\s+(?:index|key)(?:\s+for\s+(?:join|order\s+by|group\s+by))?\s*\([^()]*\)/gi, ' ')
      .replace(/\bselect(\s+(?:all\s+|distinct\s+)?)straight_join\b/gi, 'select$1')
      .replace(/\bpartition\s*\(\s*[\w`$]+(?:\s*,\s*[\w`$]+)*\s*\)/gi, ' ')
      .replace(/\bmatch\s*\(([^()]*)\)\s*against\s*\(/gi, '__match_against($1, ')
      .replace(/\s+in\s+(?:natural\s+language|boolean)\s+mode(?:\s+with\s+query\s+expansion)?\s*\)/gi, ')')
      .replace(/\s+with\s+query\s+expansion\s*\)/gi, ')');
    if (first) c = c.replace(/^(\s*delete\s+(?:\/\*.*?\*\/\s*)?)([\w`]+)\.\*(\s+from\b)/i, '$1$2$3');
    if (isInsert) {
      c = c.replace(/\bvalues\s*\(\s*\)/gi, () => ((out.emptyRow = true), 'values (null)'));
      c = c.replace(/\(\s*\)(\s*values\b)/gi, (_, v: string) => ((out.emptyRow = true), v));
      c = c.replace(/([(,]\s*)default(?=\s*[,)])/gi, '$1null');
    }
    c = c.replace(/\)(\s*)(as\s+)?([A-Za-z_]\w*)\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)/gi, (m, sp: string, as: string | undefined, alias: string, cols: string) => {
      if (!as && NOT_ALIAS.has(alias.toLowerCase())) return m;
      out.derivedColumns.set(alias.toLowerCase(), cols.split(',').map((x) => x.trim()));
      return `)${sp}${as ?? ''}${alias}`;
    });
    // `<=>`, `MEMBER OF` and real `LIKE`s, in text order (NOT LIKE is another operator).
    return c.replace(/<=>|\bmember\s+of\b|\bnot\s+like\b|\blike\b/gi, (m) => {
      const w = m.toLowerCase().replace(/\s+/g, ' ');
      if (w === 'not like') return m;
      out.likeOps.push(w === '<=>' ? '<=>' : w === 'member of' ? 'MEMBER OF' : null);
      return w === 'like' ? m : ' LIKE ';
    });
  });
  return out;
}

/** Applies `f` to the parts of `sql` outside quotes and backticks (`first` for the leading part). */
function rewriteOutsideQuotes(sql: string, f: (chunk: string, first: boolean) => string): string {
  let out = '';
  let chunk = '';
  let first = true;
  let q: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (q) {
      out += c;
      if (c === '\\' && q !== '`') out += sql[++i] ?? '';
      else if (c === q) q = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      out += f(chunk, first) + c;
      first = false;
      chunk = '';
      q = c;
      continue;
    }
    chunk += c;
  }
  return out + f(chunk, first);
}

type N = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Fix-ups after parsing: operators set back, the empty row, derived-table column names. Mutates `ast`. */
export function fixParsed(ast: AST, r: Rewritten): void {
  if (!r.likeOps.some((x) => x) && !r.emptyRow && r.derivedColumns.size === 0) return;
  let like = 0;
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as N;
    if (o.type === 'binary_expr') {
      visit(o.left);
      if (String(o.operator).toUpperCase() === 'LIKE') {
        const op = r.likeOps[like++];
        if (op) o.operator = op;
      }
      visit(o.right);
      return;
    }
    if (r.derivedColumns.size && o.expr?.ast && typeof o.as === 'string' && r.derivedColumns.has(o.as.toLowerCase())) {
      const names = r.derivedColumns.get(o.as.toLowerCase())!;
      const cols = o.expr.ast.columns;
      if (Array.isArray(cols)) cols.forEach((c: N, i: number) => {
        if (names[i]) c.as = names[i];
      });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'left' && k !== 'right' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  const a = ast as N;
  if (r.emptyRow && (a.type === 'insert' || a.type === 'replace') && a.values?.type === 'values') {
    a.columns = [];
    for (const row of a.values.values as N[]) row.value = [];
  }
}
