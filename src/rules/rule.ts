/**
 * What a rule is: metadata (id, default severity, docs, the Vitess source it follows) and a pure
 * check over a loaded cluster. Rules never read files, log or throw on bad input: a broken keyspace
 * gives findings and the other keyspaces are still checked.
 */
import type { Finding, Severity } from '../core/finding.js';
import type { DdlSchema } from '../ddl/model.js';
import type { Cluster } from '../vschema/model.js';
import type { GlobalTables } from '../vschema/names.js';
import type { Loc } from '../vschema/source.js';

/** Metadata shared by every rule. */
export interface RuleMeta {
  /** kebab-case id = file name = docs anchor. */
  id: string;
  /** Default severity (config can re-grade). */
  severity: Severity;
  /** One line: what the rule catches. */
  description: string;
  /** Why it matters and how to fix it (markdown, a few sentences). */
  docs: string;
  /** The Vitess source this follows (`vitessio/vitess <path>`), or null for our own lint. */
  vitessSource: string | null;
}

/** What a rule reports: the rest of a Finding comes from the rule's meta. */
export interface Report {
  message: string;
  loc: Loc;
  keyspace: string | null;
  table?: string | null;
  vitessError?: string | null;
  hint?: string | null;
}

/** Everything a rule may read, and its one way out. */
export interface RuleContext {
  cluster: Cluster;
  globals: GlobalTables;
  /** CREATE TABLE schema per keyspace, when the user passed --schema. */
  ddl: DdlSchema | null;
  report(r: Report): void;
}

/** A rule: meta plus a pure check. */
export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
}

/** Builds a Finding from a rule's meta and a report. */
export function toFinding(meta: RuleMeta, r: Report): Finding {
  return {
    rule: meta.id,
    severity: meta.severity,
    message: r.message,
    vitess_error: r.vitessError ?? null,
    file: r.loc.file,
    line: r.loc.line,
    column: r.loc.column,
    keyspace: r.keyspace,
    table: r.table ?? null,
    hint: r.hint ?? null,
    pointer: r.loc.pointer,
  };
}
