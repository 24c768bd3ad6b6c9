/**
 * Base vs head → the Report (data) every renderer and the action use. Pure: inputs are file
 * contents and an already-read corpus.
 */
import type { CorpusEntry } from '../corpus/aggregate.js';
import { analyzeFiles } from '../core/analyze.js';
import type { ParseCache } from '../vschema/parse-json.js';
import { type Config, DEFAULT_CONFIG } from '../core/config.js';
import { type Finding, countFindings } from '../core/finding.js';
import { type DdlFile, parseDdl } from '../ddl/parse-ddl.js';
import { type FindingJson, findingJson } from '../report/findings-json.js';
import { type SimContext, makeContext } from '../simulate/context.js';
import { planStatement } from '../simulate/simulate.js';
import { type Topology, buildTopology } from '../topology/topology.js';
import { type InputFile, mergeClusters } from '../vschema/load.js';
import { type DeployStep, deployPlan } from './deploy-plan.js';
import { diffFindings } from './findings-diff.js';
import type { PlanCache } from './plan-cache.js';
import type { ComparisonSink } from './query-sinks.js';
import { type PlannedSummary, type RoutingDiff, diffRouting } from './routing-diff.js';
import { type VSchemaChange, vschemaChanges } from './vschema-changes.js';

/** Thresholds that fail the check (`--fail-on`, action input `fail-on`). */
export const FAIL_ON = ['error', 'warning', 'regression', 'breaking', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Default: fail on introduced errors and on routing regressions. */
export const DEFAULT_FAIL_ON: FailOn[] = ['error', 'regression'];

/** One side of the comparison. */
export interface SideInput {
  /** Human label: a git ref/SHA or a path. */
  label: string;
  files: InputFile[];
  /** Problems reading this side (missing files...), already findings. */
  findings?: Finding[];
}

/** Everything buildReport needs. */
export interface ReportInput {
  base: SideInput;
  head: SideInput;
  corpus: { entries: CorpusEntry[]; files: string[]; lines: number; total: number } | null;
  /** Parsed topology file (null = vtexplain defaults). */
  topology: unknown;
  /** Head DDL files (optional). */
  ddl: DdlFile[];
  /** Base DDL files (the DDL at the base commit); absent: the same as `ddl`, so both sides are analysed with the same inputs. */
  baseDdl?: DdlFile[];
  config?: Config;
  keyspaceNameFor?: (path: string) => string | undefined;
  failOn?: FailOn[];
  version: string;
  /**
   * false plans every corpus statement, even those the change cannot affect (`--no-skip`): slower,
   * same report (see diffRouting). Default true.
   */
  skipUnaffected?: boolean;
  /** How unaffected statements are found (src/diff/routing-diff.ts DiffRoutingOptions.listChanged); the same report either way. */
  listChanged?: 'auto' | 'always' | 'never';
  /**
   * Receives the compared statements and gives `routing.queries` (src/diff/query-sinks.ts): a report
   * built for the markdown or text output keeps only the rows it shows, a JSON report written as it
   * is produced keeps none. Default: every statement kept.
   */
  querySink?: ComparisonSink;
  /** Plans of earlier runs (`--cache DIR`): read instead of planning, written when planned. The report is the same apart from `routing.cache`. */
  planCache?: PlanCache;
}

/** The report (its JSON form is documented by `vschema-guard schema report`). */
export interface Report {
  tool: { name: 'vschema-guard'; version: string };
  base: { label: string; files: string[]; errors: number; warnings: number };
  head: { label: string; files: string[]; errors: number; warnings: number };
  summary: {
    verdict: 'pass' | 'fail';
    /** Why it fails (empty when it passes), one sentence each. */
    reasons: string[];
    fail_on: FailOn[];
    /** Error / warning findings introduced by head. */
    errors: number;
    warnings: number;
    /** Statements whose routing got worse or that newly fail. */
    regressions: number;
    breaking_changes: number;
    deploy_steps: number;
    /** Errors present in base too (reported, not failing). */
    pre_existing_errors: number;
  };
  findings: { introduced: FindingJson[]; resolved: FindingJson[]; unchanged: FindingJson[] };
  vschema_changes: VSchemaChange[];
  routing: RoutingDiff | null;
  deploy_plan: DeployStep[];
  corpus: { files: string[]; lines: number; statements: number; distinct: number } | null;
  topology: Record<string, string[]>;
  /** Problems with the inputs themselves (unreadable topology...). */
  notes: string[];
}

/** Builds the report. Never throws on bad input: problems are findings or notes. */
export function buildReport(input: ReportInput): Report {
  const config = input.config ?? DEFAULT_CONFIG;
  const failOn = input.failOn ?? (config.failOn as FailOn[] | null) ?? DEFAULT_FAIL_ON;
  const ddlFiles = input.ddl;
  // Most files are the same at base and head: each distinct text is parsed once.
  const parseCache: ParseCache = new Map();
  const base = analyzeFiles({ files: input.base.files, ddlFiles: input.baseDdl ?? ddlFiles, config, keyspaceNameFor: input.keyspaceNameFor, parseCache });
  const head = analyzeFiles({ files: input.head.files, ddlFiles, config, keyspaceNameFor: input.keyspaceNameFor, parseCache });
  const baseFindings = [...(input.base.findings ?? []), ...base.findings];
  const headFindings = [...(input.head.findings ?? []), ...head.findings];
  const fd = diffFindings(baseFindings, headFindings);
  const notes: string[] = [];
  // A head file that does not parse is compared through its base version: its keyspace has not
  // disappeared, it is broken (the json-syntax error is already a finding).
  let headForCompare = head;
  const broken = new Set(head.findings.filter((f) => f.rule === 'json-syntax').map((f) => f.file));
  if (broken.size) {
    const files = input.head.files.map((f) => {
      if (!broken.has(f.path)) return f;
      const old = input.base.files.find((b) => b.path === f.path) ?? input.base.files.find((b) => b.path.split('/').pop() === f.path.split('/').pop());
      if (old) notes.push(`${f.path} does not parse: its VSchema changes and routing are compared using the base version`);
      return old ? { path: f.path, text: old.text } : f;
    });
    headForCompare = analyzeFiles({ files, config, keyspaceNameFor: input.keyspaceNameFor, parseCache });
  }
  // The parse trees are not needed past the analysis; planning a corpus must not hold them (≈ 50 MB
  // for 2 × 5,000 tables, and V8 lets the heap grow a multiple of what is held).
  parseCache.clear();
  const baseCluster = mergeClusters(base.clusters, input.base.label);
  const headCluster = mergeClusters(headForCompare.clusters, input.head.label);
  const bt = buildTopology(baseCluster, input.topology);
  const ht = buildTopology(headCluster, input.topology);
  for (const p of new Set([...bt.problems, ...ht.problems])) notes.push(`topology: ${p}`);

  let routing: RoutingDiff | null = null;
  let usage = { tables: new Map<string, number>(), vindexes: new Map<string, number>() };
  let planned: PlannedSummary | null = null;
  if (input.corpus) {
    const r = diffRouting(makeContext(baseCluster, config.defaultKeyspace), makeContext(headCluster, config.defaultKeyspace), bt.topology, ht.topology, input.corpus.entries, { skipUnaffected: input.skipUnaffected, ...(input.listChanged ? { listChanged: input.listChanged } : {}), ...(input.querySink ? { sink: input.querySink } : {}), ...(input.planCache ? { cache: { store: input.planCache, version: input.version } } : {}) });
    routing = r.routing;
    usage = r.usage;
    planned = r.planned;
  }
  const ddl = ddlFiles.length ? parseDdl(ddlFiles).schema : null;
  const changes = vschemaChanges(baseCluster, headCluster, usage, ddl);
  const plan = deployPlan(changes, baseCluster, headCluster);

  const intro = countFindings(fd.introduced);
  const regressions = routing ? routing.counts.worse + routing.counts['newly-failing'] : 0;
  const breaking = changes.filter((c) => c.risk === 'breaking').length;
  const reasons: string[] = [];
  const on = (x: FailOn): boolean => failOn.includes(x) && !failOn.includes('never');
  if (on('error') && intro.errors) reasons.push(`${intro.errors} error${intro.errors > 1 ? 's' : ''} introduced`);
  if (on('warning') && intro.errors + intro.warnings) reasons.push(`${intro.errors + intro.warnings} error/warning finding${intro.errors + intro.warnings > 1 ? 's' : ''} introduced`);
  if (on('regression') && regressions) reasons.push(`${regressions} quer${regressions > 1 ? 'ies route' : 'y routes'} worse (${Math.round((routing?.regressed_share ?? 0) * 100)} % of sampled traffic)`);
  if (on('breaking') && breaking) reasons.push(`${breaking} breaking VSchema change${breaking > 1 ? 's' : ''}`);
  // A corpus was asked for: routing checked on nothing is not a pass.
  const noPlannable = corpusNothingPlanned(input.corpus, planned, makeContext(headCluster, config.defaultKeyspace));
  if (noPlannable && !failOn.includes('never')) reasons.push(noPlannable);
  const headCounts = countFindings(headFindings);
  const baseCounts = countFindings(baseFindings);
  return {
    tool: { name: 'vschema-guard', version: input.version },
    base: { label: input.base.label, files: input.base.files.map((f) => f.path), errors: baseCounts.errors, warnings: baseCounts.warnings },
    head: { label: input.head.label, files: input.head.files.map((f) => f.path), errors: headCounts.errors, warnings: headCounts.warnings },
    summary: {
      verdict: reasons.length ? 'fail' : 'pass', reasons, fail_on: failOn, errors: intro.errors, warnings: intro.warnings,
      regressions, breaking_changes: breaking, deploy_steps: plan.length,
      pre_existing_errors: fd.unchanged.filter((f) => f.severity === 'error').length,
    },
    findings: { introduced: fd.introduced.map(findingJson), resolved: fd.resolved.map(findingJson), unchanged: fd.unchanged.map(findingJson) },
    vschema_changes: changes,
    routing,
    deploy_plan: plan,
    corpus: input.corpus ? { files: input.corpus.files, lines: input.corpus.lines, statements: input.corpus.total, distinct: input.corpus.entries.length } : null,
    topology: Object.fromEntries([...ht.topology].map(([k, s]) => [k, s.map((x) => x.name)])),
    notes,
  };
}

export type { Topology };

/**
 * Why a given corpus checked no routing (null when some statement plans on either side): no
 * statement read at all, or none that vtgate's planner can plan (unparsable, unknown tables...).
 * Statements the comparison skipped as unaffected are planned against `head` here, stopping at the
 * first that plans, so the check costs one statement in the usual case. `planned`: what diffRouting
 * saw of the statements it compared (null: no routing comparison).
 */
export function corpusNothingPlanned(corpus: ReportInput['corpus'], planned: PlannedSummary | null, head: SimContext): string | null {
  if (!corpus) return null;
  const files = corpus.files.join(', ');
  if (corpus.entries.length === 0) return `the query corpus (${files}) gave no query: check its format (--input-type, --sql-column)`;
  if (!planned || planned.plans) return null;
  const compared = planned.fingerprints ?? new Set<string>();
  if (corpus.entries.some((e) => !compared.has(e.fingerprint) && !planStatement(head, e.sql).error)) return null;
  const first = planned.first;
  const why = first ? `, e.g. line ${first.line}: ${first.error}` : (() => {
    const e = corpus.entries[0]!;
    return `, e.g. line ${e.line}: ${planStatement(head, e.sql).error}`;
  })();
  return `the query corpus (${files}) gave no plannable query (${corpus.entries.length} distinct, none plans on base or head${why})`;
}
