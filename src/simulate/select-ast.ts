/** Reading a SELECT's parts the planner asks about again and again (node-sql-parser AST). */
import { type Node, asColumn } from './ast.js';
import type { Plan, RouteOp } from './types.js';

/** A plan of routes (no extra nodes). */
export const planOf = (routes: RouteOp[], single: RouteOp | null, pushdown: boolean): Plan => ({ routes, single, extra: [], pushdown });

/** Output columns of a SELECT (name, expression); `*` gives a null name. */
export function outputColumns(sel: Node): Array<{ name: string | null; expr: Node }> {
  const cols = (sel.columns as Node[] | '*') ?? [];
  if (cols === '*' || !Array.isArray(cols)) return [{ name: null, expr: { type: 'column_ref', table: null, column: '*' } }];
  return cols.map((c) => {
    const alias = typeof c.as === 'string' ? c.as : c.as?.value ?? null;
    const col = asColumn(c.expr);
    return { name: (alias ?? col?.name ?? null)?.toLowerCase() ?? null, expr: c.expr };
  });
}

/** For derived tables: MAX(col)/MIN(col) stand for col when matching vindex columns (spec E.5.2). */
export function unwrapMinMax(e: Node): Node {
  if (e?.type === 'aggr_func' && /^(MAX|MIN)$/i.test(e.name) && e.args?.expr && asColumn(e.args.expr)) return e.args.expr;
  return e;
}

/** True for a SELECT that is only `dual` (or no FROM). */
export function isDualOnly(sel: Node): boolean {
  const from = sel.from as Node[] | null;
  if (!from || from.length === 0) return true;
  return from.length === 1 && (from[0]!.type === 'dual' || (from[0]!.table?.toLowerCase() === 'dual' && !from[0]!.db));
}

export function hasLimit(sel: Node): boolean {
  return !!sel.limit && Array.isArray(sel.limit.value) && sel.limit.value.length > 0;
}

export function selectOptions(sel: Node): string[] {
  return ((sel.options as unknown[]) ?? []).map((o) => String(o).toUpperCase());
}

