/** Dispatch of DML statements to their planners. */
import type { Node } from './ast.js';
import type { SimContext } from './context.js';
import { type DmlPlan, planInsert, planUpdateDelete } from './plan-dml.js';

/** Plans INSERT/REPLACE/UPDATE/DELETE. */
export function planDmlStatement(ctx: SimContext, ast: Node): DmlPlan {
  return ast.type === 'insert' || ast.type === 'replace' ? planInsert(ctx, ast) : planUpdateDelete(ctx, ast);
}
