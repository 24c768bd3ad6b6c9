/** `diff --format text`: the verdict and the essentials for a terminal. */
import type { Report } from '../diff/build-report.js';
import { type QueryRows, type RowLimits, shownRows } from '../diff/query-sinks.js';
import { plural } from './markdown.js';

/** The routing rows the text report shows (every regression, in corpus order): what a report built for it must keep. */
export const TEXT_ROWS: RowLimits = { regressions: Infinity, improvements: 0 };

/**
 * Renders the report as plain text. `rows`: the routing rows kept while the report was built
 * (src/diff/query-sinks.ts keepShown with {@link TEXT_ROWS}); default: taken from `routing.queries`.
 */
export function renderDiffText(r: Report, rows?: QueryRows): string {
  const s = r.summary;
  const out: string[] = [];
  out.push(`${s.verdict.toUpperCase()}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} introduced, ${plural(s.regressions, 'routing regression')}, ${plural(s.breaking_changes, 'breaking change')}${s.reasons.length ? ` (${s.reasons.join('; ')})` : ''}`);
  for (const f of r.findings.introduced) out.push(`  ${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`);
  if (r.vschema_changes.length) out.push('VSchema changes:');
  for (const c of r.vschema_changes) out.push(`  [${c.risk}] ${c.sentence.replace(/`/g, '')}`);
  if (r.routing?.unaffected.queries || r.routing?.cache) {
    const c = r.routing.cache;
    out.push(`Routing: ${r.routing.planned} distinct statements planned; ${r.routing.unaffected.queries} unaffected by the change (not planned, same by construction)${c ? `; from cache: ${c.hits} of ${c.hits + c.misses} plans` : ''}`);
  }
  if (r.routing) {
    const reg = (rows ?? shownRows(r.routing.queries, TEXT_ROWS)).regressions.kept;
    if (reg.length) out.push('Routing regressions:');
    for (const q of reg) {
      const side = (x: typeof q.base): string => (x.error ? `error: ${x.error}` : x.routes.map((t) => `${t.variant}@${t.keyspace}`).join('+') || 'vtgate');
      out.push(`  ×${q.count} ${q.fingerprint}\n     ${side(q.base)} → ${side(q.head)}${q.head.error ? '' : `: ${q.head.reason.replace(/`/g, '')}`}`);
    }
  }
  if (r.deploy_plan.length) out.push('Deploy plan:');
  r.deploy_plan.forEach((st, i) => out.push(`  ${i + 1}. ${st.command}${st.sha256 ? `  (expected sha256 ${st.sha256})` : ''}`));
  return out.join('\n') + '\n';
}
