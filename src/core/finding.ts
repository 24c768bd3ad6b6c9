/**
 * Findings are values: every check in vschema-guard returns these, never strings or logs.
 * Positions are 1-based and come from the JSON parser (see src/vschema/source.ts), never from
 * searching text afterwards.
 */

/** How bad a finding is. `error` fails a check run (by default), `warning` and `info` do not. */
export type Severity = 'error' | 'warning' | 'info';

/** One problem found in an input file. */
export interface Finding {
  /** Rule id (kebab-case), e.g. `primary-vindex-not-unique`; equals the rule's file name. */
  rule: string;
  severity: Severity;
  /** Our own words: quotes the offending name and says what is expected. */
  message: string;
  /** The exact text Vitess itself produces for this problem, or null for a lint of our own. */
  vitess_error: string | null;
  /** Path of the file as given by the user (or as read from git). */
  file: string;
  /** 1-based line and column of the offending JSON node (key of a member, start of an element). */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Keyspace the finding belongs to, or null (file-level, routing rules). */
  keyspace: string | null;
  /** Table the finding is about, when there is one (used by per-table suppressions). */
  table?: string | null;
  /** How to fix it, or null. */
  hint: string | null;
  /** JSON pointer of the node inside `file` ("" = whole document); stable across line moves. */
  pointer: string;
}

/** Sorts findings deterministically: file, line, column, rule, message. Returns a new array. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.rule, b.rule) ||
      cmp(a.message, b.message),
  );
}

/** Plain code-unit string comparison (locale-independent, so output is the same everywhere). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Counts of findings by severity. */
export interface FindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts findings per severity. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
