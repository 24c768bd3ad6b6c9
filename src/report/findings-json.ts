/** `check --format json`: one document `{findings:[...], suppressed:[...], summary:{...}}`. */
import type { SuppressedFinding } from '../core/config.js';
import { type Finding, countFindings } from '../core/finding.js';

/** The public shape of one finding in JSON output. */
export interface FindingJson {
  rule: string;
  severity: string;
  message: string;
  vitess_error: string | null;
  file: string;
  line: number;
  column: number;
  keyspace: string | null;
  table: string | null;
  hint: string | null;
  pointer: string;
}

/** Maps a Finding to its JSON form (stable key order). */
export function findingJson(f: Finding): FindingJson {
  return {
    rule: f.rule, severity: f.severity, message: f.message, vitess_error: f.vitess_error, file: f.file, line: f.line,
    column: f.column, keyspace: f.keyspace, table: f.table ?? null, hint: f.hint, pointer: f.pointer,
  };
}

/** Renders the check result as pretty JSON. */
export function renderFindingsJson(findings: readonly Finding[], suppressed: readonly SuppressedFinding[], filesChecked: number): string {
  const c = countFindings(findings);
  const doc = {
    findings: findings.map(findingJson),
    suppressed: suppressed.map((s) => ({ ...findingJson(s), reason: s.suppressed_reason })),
    summary: { files: filesChecked, errors: c.errors, warnings: c.warnings, infos: c.infos, suppressed: suppressed.length },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
