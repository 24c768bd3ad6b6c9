/** `check --format text`: `file:line:col severity rule message` lines and a summary line. */
import { type Finding, countFindings } from '../core/finding.js';

/** Renders findings as text lines (already sorted) plus a summary. */
export function renderFindingsText(findings: readonly Finding[], filesChecked: number): string {
  const lines = findings.map((f) => {
    const extra = [f.vitess_error ? `vtgate: ${f.vitess_error}` : '', f.hint ? `hint: ${f.hint}` : ''].filter(Boolean);
    return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}${extra.map((e) => `\n    ${e}`).join('')}`;
  });
  const c = countFindings(findings);
  lines.push(
    `${filesChecked} file${filesChecked === 1 ? '' : 's'} checked: ${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}, ${c.infos} info`,
  );
  return lines.join('\n') + '\n';
}
