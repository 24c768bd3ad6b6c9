/**
 * Classifying WHERE/ON terms for routing (spec E.4; vitessio/vitess go/vt/vtgate/planbuilder/operators/
 * sharded_routing.go): equalities, IN lists, tuple IN, LIKE prefixes, IS NULL, constant-false terms.
 */
import { type Node, asColumn, isNull, isSubquery, splitAnd, splitOr } from './ast.js';

/** True when a term is provably false for every row (`false`, `1 = 0`, `col = NULL`, `IN (NULL)`). */
export function isConstantFalse(e: Node): boolean {
  const b = constBool(e);
  if (b === false) return true;
  if (e.type !== 'binary_expr') return false;
  const op = String(e.operator).toUpperCase();
  if (NULL_IS_FALSE.has(op) && (isNull(e.left) || isNull(e.right))) return true;
  if (op === 'IN' && e.right?.type === 'expr_list' && !isSubquery(e.right) && (e.right.value as Node[]).every(isNull)) return true;
  if (op === 'NOT IN' && e.right?.type === 'expr_list' && !isSubquery(e.right) && (e.right.value as Node[]).some(isNull)) return true;
  if (op === 'OR' || op === '||') return splitOr(e).every(isConstantFalse);
  if (op === 'AND' || op === '&&') return splitAnd(e).some(isConstantFalse);
  return false;
}

/** Comparisons that are never true when a side is NULL. */
const NULL_IS_FALSE = new Set(['=', '!=', '<>', '<', '>', '<=', '>=', 'LIKE', 'NOT LIKE']);

type Lit = number | string | boolean | null;

function litOf(e: Node | null | undefined): Lit | undefined {
  if (!e) return undefined;
  switch (e.type) {
    case 'number':
      return Number(e.value);
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
      return String(e.value);
    case 'bool':
    case 'boolean':
      return !!e.value;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

const toNum = (v: Lit): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : parseFloat(String(v)) || 0);

/** Evaluates a constant boolean term (literals only), or undefined. */
export function constBool(e: Node): boolean | undefined {
  const l = litOf(e);
  if (l !== undefined) return l === null ? false : toNum(l) !== 0;
  if (e.type !== 'binary_expr') return undefined;
  const op = String(e.operator).toUpperCase();
  if (op === 'IN' || op === 'NOT IN') {
    const a = litOf(e.left);
    if (a === undefined || a === null || e.right?.type !== 'expr_list' || isSubquery(e.right)) return undefined;
    const items = (e.right.value as Node[]).map(litOf);
    if (items.some((x) => x === undefined)) return undefined;
    const hit = items.some((x) => x !== null && eq(a, x as Lit));
    return op === 'IN' ? hit : !hit && !items.includes(null);
  }
  const a = litOf(e.left);
  const b = litOf(e.right);
  if (a === undefined || b === undefined || a === null || b === null) return undefined;
  switch (op) {
    case '=':
      return eq(a, b);
    case '!=':
    case '<>':
      return !eq(a, b);
    case '<':
      return toNum(a) < toNum(b);
    case '>':
      return toNum(a) > toNum(b);
    case '<=':
      return toNum(a) <= toNum(b);
    case '>=':
      return toNum(a) >= toNum(b);
    default:
      return undefined;
  }
}

function eq(a: Lit, b: Lit): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return toNum(a) === toNum(b);
}

/** Constant-true term (`1 = 1`, `true`): dropped from OR simplification. */
export function isConstantTrue(e: Node): boolean {
  return constBool(e) === true;
}

/** A column compared by `=` with another expression, in either order. */
export function equalitySides(e: Node): Array<{ col: Node; other: Node }> {
  if (e.type !== 'binary_expr' || e.operator !== '=') return [];
  const out: Array<{ col: Node; other: Node }> = [];
  if (asColumn(e.left)) out.push({ col: e.left, other: e.right });
  if (asColumn(e.right)) out.push({ col: e.right, other: e.left });
  return out;
}

/** Expands `(a, b) = (1, 2)` into `a = 1`, `b = 2`; other terms unchanged. */
export function expandRowEquality(e: Node): Node[] {
  if (e.type === 'binary_expr' && e.operator === '=' && e.left?.type === 'expr_list' && e.right?.type === 'expr_list' && !isSubquery(e.right)) {
    const l = e.left.value as Node[];
    const r = e.right.value as Node[];
    if (l.length === r.length) return l.map((x, i) => ({ type: 'binary_expr', operator: '=', left: x, right: r[i] }));
  }
  return [e];
}
