/** `diff --format text`: the verdict and the essentials for a terminal. */
import type { Report } from '../diff/build-report.js';
import { plural } from './markdown.js';

/** Renders the report as plain text. */
export function renderDiffText(r: Report): string {
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
    const reg = r.routing.queries.filter((q) => q.change === 'worse' || q.change === 'newly-failing');
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
