/**
 * `check`: loaded clusters (+ optional DDL) → findings. Pure: no I/O, no globals.
 */
import type { DdlSchema } from '../ddl/model.js';
import { type DdlFile, parseDdl } from '../ddl/parse-ddl.js';
import { type InputFile, loadClusters } from '../vschema/load.js';
import type { ParseCache } from '../vschema/parse-json.js';
import { type Config, DEFAULT_CONFIG, type SuppressedFinding, applyConfig } from './config.js';
import { RULES } from '../rules/index.js';
import { type Report, type Rule, toFinding } from '../rules/rule.js';
import type { Cluster } from '../vschema/model.js';
import { buildGlobalTables } from '../vschema/names.js';
import { type Finding, sortFindings } from './finding.js';

/**
 * Runs every rule on every cluster. A rule that throws (a bug of ours, never bad input) becomes an
 * `internal-error` finding so the other rules' findings are never lost.
 */
export function checkClusters(clusters: readonly Cluster[], ddl: DdlSchema | null, rules: readonly Rule[] = RULES): Finding[] {
  const out: Finding[] = [];
  for (const cluster of clusters) {
    const globals = buildGlobalTables(cluster);
    for (const rule of rules) {
      try {
        rule.check({ cluster, globals, ddl, report: (r: Report) => out.push(toFinding(rule, r)) });
      } catch (e) {
        out.push({
          rule: 'internal-error', severity: 'error', vitess_error: null, keyspace: null, hint: 'please report this bug',
          message: `rule ${rule.id} failed on ${cluster.label}: ${(e as Error).message}`,
          file: cluster.files[0] ?? cluster.label, line: 1, column: 1, pointer: '',
        });
      }
    }
  }
  return out;
}

/** Inputs of analyzeFiles: file contents only (callers do the reading). */
export interface AnalyzeInput {
  files: readonly InputFile[];
  ddlFiles?: readonly DdlFile[];
  config?: Config;
  /** Keyspace name for a single-keyspace file (from config), by path. */
  keyspaceNameFor?: (path: string) => string | undefined;
  /** Parses shared with other analyses of the same texts (src/vschema/parse-json.ts). */
  parseCache?: ParseCache;
}

/** Result of analyzeFiles: clusters for simulation, findings (sorted), suppressed findings. */
export interface AnalyzeResult {
  clusters: Cluster[];
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

/** Load + DDL + rules + config, all pure. Findings are sorted by file, line, column, rule. */
export function analyzeFiles(input: AnalyzeInput): AnalyzeResult {
  const loaded = loadClusters(input.files, { keyspaceNameFor: input.keyspaceNameFor, parseCache: input.parseCache });
  const ddl = input.ddlFiles && input.ddlFiles.length > 0 ? parseDdl(input.ddlFiles) : null;
  // protojson rejects a file with a wrong JSON type as a whole, so vtgate never reaches its
  // BuildVSchema checks: the rules' findings in such a file would be follow-ons of the json-type one.
  const rejected = new Set(loaded.findings.filter((f) => f.rule === 'json-type').map((f) => f.file));
  const ruled = checkClusters(loaded.clusters, ddl?.schema ?? null).filter((f) => !rejected.has(f.file));
  const raw = [...loaded.findings, ...(ddl?.findings ?? []), ...ruled];
  const { kept, suppressed } = applyConfig(raw, input.config ?? DEFAULT_CONFIG);
  return { clusters: loaded.clusters, findings: sortFindings(kept), suppressed };
}
