/**
 * Annotations within GitHub's per-step limits (10 errors and 10 warnings are shown): the findings
 * introduced in changed files first, then the rest, then one notice saying how many were not shown.
 */
import type { FindingJson } from '../report/findings-json.js';

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATION_BUDGET = 10;

/** An annotation to emit. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  title?: string;
}

/**
 * Picks the annotations: `changed` paths first, within the budget; a notice for the rest. `min` is the
 * lowest level annotated (`notice`: info findings too, as notices; `off`: none).
 */
export function planAnnotations(findings: readonly FindingJson[], changed: ReadonlySet<string>, min: 'error' | 'warning' | 'notice' | 'off' = 'warning'): Annotation[] {
  if (min === 'off') return [];
  const sorted = [...findings].sort((a, b) => Number(!changed.has(a.file)) - Number(!changed.has(b.file)));
  const out: Annotation[] = [];
  const used = { error: 0, warning: 0, notice: 0 };
  const rank = { error: 0, warning: 1, notice: 2 } as const;
  let left = 0;
  for (const f of sorted) {
    const level = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : f.severity === 'info' ? 'notice' : null;
    if (!level || rank[level] > rank[min]) continue;
    if (used[level] >= ANNOTATION_BUDGET) {
      left++;
      continue;
    }
    used[level]++;
    out.push({
      level, file: f.file, line: f.line, column: f.column, title: `vschema-guard ${f.rule}`,
      message: f.message + (f.vitess_error ? ` (vtgate: ${f.vitess_error})` : '') + (f.hint ? ` Hint: ${f.hint}` : ''),
    });
  }
  if (left) out.push({ level: 'notice', message: `${left} more finding${left > 1 ? 's' : ''} not annotated (GitHub shows ${ANNOTATION_BUDGET} errors and ${ANNOTATION_BUDGET} warnings per step): see the job summary` });
  return out;
}
