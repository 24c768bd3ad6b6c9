/**
 * Turning the right-hand side of a predicate into a PVal: a literal the planner can map to a
 * keyspace id, a bind variable (known at run time, e.g. `:id`, `?`, a join column of the other
 * side), or not evaluable (then the predicate gives no vindex option).
 */
import { type Node, asColumn, isSubquery } from './ast.js';
import type { SqlValue } from '../vindexes/keyspace-id.js';
import type { PVal } from './types.js';

/** How to treat column references while evaluating: as a bind variable name, or not evaluable. */
export type ColumnAsBind = (col: Node) => string | null;

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'DIV', 'MOD']);

/** Evaluates `e` to a PVal, or null when it is not evaluable at plan time. */
export function evalValue(e: Node | null | undefined, colAsBind: ColumnAsBind): PVal | null {
  if (!e) return null;
  switch (e.type) {
    case 'bigint':
    case 'number': {
      const v = e.value;
      const text = typeof v === 'bigint' ? v.toString() : String(v);
      if (/^-?\d+$/.test(text)) return { kind: 'lit', text, type: 'int' };
      if (/^0x[0-9a-f]+$/i.test(text)) return { kind: 'lit', text: text.slice(2), type: 'hex' };
      return { kind: 'lit', text, type: 'float' };
    }
    case 'single_quote_string':
    case 'double_quote_string':
    case 'string':
    case 'natural_string':
      return { kind: 'lit', text: String(e.value), type: 'str' };
    case 'hex_string':
    case 'full_hex_string':
      return { kind: 'lit', text: String(e.value).replace(/^0x/i, ''), type: 'hex' };
    case 'bool':
    case 'boolean':
      return { kind: 'lit', text: e.value ? '1' : '0', type: 'int' };
    case 'null':
      return { kind: 'lit', text: '', type: 'null' };
    case 'param':
      return { kind: 'bind', name: String(e.value) };
    case 'origin':
      return e.value === '?' ? { kind: 'bind', name: '?' } : null;
    case 'column_ref': {
      if (!asColumn(e)) return null;
      const b = colAsBind(e);
      return b === null ? null : { kind: 'bind', name: b };
    }
    case 'unary_expr': {
      const inner = evalValue(e.expr, colAsBind);
      if (!inner) return null;
      if (e.operator === '-' && inner.kind === 'lit' && (inner.type === 'int' || inner.type === 'float')) {
        return { ...inner, text: inner.text.startsWith('-') ? inner.text.slice(1) : '-' + inner.text };
      }
      return inner.kind === 'lit' ? { kind: 'bind', name: 'expr' } : inner;
    }
    case 'binary_expr': {
      if (!ARITHMETIC.has(String(e.operator).toUpperCase())) return null;
      const l = evalValue(e.left, colAsBind);
      const r = evalValue(e.right, colAsBind);
      if (!l || !r || l.kind === 'list' || r.kind === 'list') return null;
      if (l.kind === 'lit' && r.kind === 'lit' && l.type === 'int' && r.type === 'int') {
        const a = BigInt(l.text);
        const b = BigInt(r.text);
        const op = String(e.operator).toUpperCase();
        const v = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : null;
        if (v !== null) return { kind: 'lit', text: v.toString(), type: 'int' };
      }
      return { kind: 'bind', name: 'expr' };
    }
    case 'expr_list': {
      if (isSubquery(e)) return null;
      const items = (e.value as Node[]).map((x) => evalValue(x, colAsBind));
      if (items.some((x) => x === null)) return null;
      return { kind: 'list', items: items as PVal[] };
    }
    default:
      return null;
  }
}

/** Renders a PVal for reports (`5`, `'abc'`, `:id`, `(1, 2)`). */
export function showValue(v: PVal): string {
  switch (v.kind) {
    case 'lit':
      return v.type === 'str' ? `'${v.text}'` : v.type === 'null' ? 'NULL' : v.type === 'hex' ? `0x${v.text}` : v.text;
    case 'bind':
      return v.name === '?' ? '?' : `:${v.name}`;
    case 'bindlist':
      return `::${v.name}`;
    case 'list':
      return `(${v.items.map(showValue).join(', ')})`;
  }
}

/** A literal as the SQL value a vindex maps (NULL has no text), or null for a value known only at run time. */
export function toSql(v: PVal): SqlValue | null {
  if (v.kind !== 'lit') return null;
  switch (v.type) {
    case 'int':
      return { type: 'int', text: v.text };
    case 'float':
      return { type: 'float', text: v.text };
    case 'hex':
      return { type: 'hex', text: v.text };
    case 'null':
      return { type: 'null', text: '' };
    default:
      return { type: 'str', text: v.text };
  }
}
