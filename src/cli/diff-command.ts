/** `vschema-guard diff`: base vs head report (markdown, json, sarif, text); exit code by --fail-on. */
import { setParseReuse } from '../sql/parse-reuse.js';
import { parseArgs } from 'node:util';
import { FAIL_ON, type FailOn, buildReport } from '../diff/build-report.js';
import { INPUT_TYPES, type InputType } from '../corpus/formats.js';
import { type PlanCacheLimits, parsePlanCacheLimits } from '../diff/plan-cache.js';
import { filePlanCache } from '../io/plan-cache.js';
import { readCorpus } from '../io/read-corpus.js';
import { readFilesAtRef, readSchemaDirAtRef, shortSha } from '../io/git.js';
import { keyspaceNameFor, loadConfig } from '../io/load-config.js';
import { readSchemaDir, readVSchemaInputs } from '../io/read-inputs.js';
import { readTopologyFile } from '../io/read-topology.js';
import { keepShown } from '../diff/query-sinks.js';
import { spillQueries } from '../io/spill-queries.js';
import { TEXT_ROWS, renderDiffText } from '../report/diff-text.js';
import { streamJson } from '../report/json-stream.js';
import { MARKDOWN_ROWS, renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { ALL_RULE_META } from '../rules/index.js';
import type { Finding } from '../core/finding.js';
import { type Io, cliKeyspaceMap, reportSkipped } from './check-command.js';
import { otherInputs } from '../io/vschema-files.js';
import { boundHeapGrowth } from './heap-growth.js';
import { UsageError, VERSION } from './usage.js';

/** Parses `--fail-on` values (repeatable, comma-separated). */
export function parseFailOn(values: string[] | undefined): FailOn[] | undefined {
  if (!values?.length) return undefined;
  const list = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const v of list) if (!(FAIL_ON as readonly string[]).includes(v)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${v}"`);
  return list as FailOn[];
}

/** Runs `diff`; returns the exit code. */
export async function diffCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string', multiple: true },
      'base-ref': { type: 'string' },
      head: { type: 'string', multiple: true },
      queries: { type: 'string', multiple: true },
      'input-type': { type: 'string', default: 'auto' },
      'sql-column': { type: 'string' },
      'count-column': { type: 'string' },
      'keyspace-map': { type: 'string', multiple: true },
      topology: { type: 'string' },
      schema: { type: 'string' },
      config: { type: 'string' },
      'fail-on': { type: 'string', multiple: true },
      format: { type: 'string', default: 'markdown' },
      id: { type: 'string' },
      'no-skip': { type: 'boolean', default: false },
      cache: { type: 'string' },
      'cache-max-mb': { type: 'string' },
      'cache-max-age': { type: 'string' },
      'no-parse-reuse': { type: 'boolean', default: false },
    },
  });
  setParseReuse(!values['no-parse-reuse']);
  const format = values.format!;
  if (!['markdown', 'json', 'sarif', 'text'].includes(format)) throw new UsageError(`--format must be markdown, json, sarif or text, not "${format}"`);
  if (!values.head?.length) throw new UsageError('--head PATH is required');
  if (!values.base?.length === !values['base-ref']) throw new UsageError('give either --base PATH or --base-ref REF');
  const it = values['input-type']!;
  if (it !== 'auto' && !(INPUT_TYPES as readonly string[]).includes(it)) throw new UsageError(`--input-type must be auto or one of ${INPUT_TYPES.join(', ')}`);
  const failOn = parseFailOn(values['fail-on']);
  const cfg = loadConfig(values.config);
  const others = otherInputs([values.topology ?? null, values.config ?? cfg.path], [values.schema ?? null, values.cache || null], values.queries ?? []);
  const head = readVSchemaInputs(values.head, others);
  reportSkipped(head.skipped, io);
  let base: { files: typeof head.files; findings: Finding[] };
  let baseLabel: string;
  if (values['base-ref']) {
    try {
      base = { files: readFilesAtRef(values['base-ref'], values.head, undefined, others), findings: [] };
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    baseLabel = shortSha(values['base-ref']);
  } else {
    base = readVSchemaInputs(values.base!, others);
    baseLabel = values.base!.join(', ');
  }
  let topology: unknown = null;
  if (values.topology) {
    const t = readTopologyFile(values.topology);
    if ('error' in t) throw new UsageError(t.error);
    topology = t.spec;
  }
  if (values.queries?.length) boundHeapGrowth();
  const corpus = values.queries?.length
    ? await readCorpus(values.queries, it === 'auto' ? undefined : (it as InputType), undefined, { sql: values['sql-column'], count: values['count-column'] })
    : null;
  for (const p of corpus?.problems ?? []) io.err(`${p.file}:${p.line}: ${p.message}\n`);
  const unreadable = corpus?.problems.find((p) => p.line === 0);
  if (unreadable) throw new UsageError(unreadable.message);
  const ddl = values.schema ? readSchemaDir(values.schema) : { files: [], findings: [] };
  // The base side is analysed with the DDL as it was at the base commit (same inputs on both sides).
  const baseDdl = values.schema && values['base-ref'] ? readSchemaDirAtRef(values['base-ref'], values.schema) : undefined;
  if (values.cache === '') throw new UsageError('--cache needs a directory');
  if (!values.cache && (values['cache-max-mb'] !== undefined || values['cache-max-age'] !== undefined)) throw new UsageError('--cache-max-mb and --cache-max-age need --cache DIR');
  let limits: PlanCacheLimits;
  try {
    limits = parsePlanCacheLimits(values['cache-max-mb'], values['cache-max-age'], { mb: '--cache-max-mb', age: '--cache-max-age' });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const planCache = values.cache ? filePlanCache(values.cache, VERSION, { limits }) : undefined;
  if (planCache?.problem) io.err(`plan cache ${values.cache}: ${planCache.problem}; its plans are computed again\n`);
  // Only what the format shows is kept of the compared statements: the JSON report writes each out as
  // it is compared, the markdown and text keep the rows they show, SARIF none.
  const spill = format === 'json' ? spillQueries() : null;
  try {
    const shown = keepShown(format === 'markdown' ? MARKDOWN_ROWS : format === 'text' ? TEXT_ROWS : { regressions: 0, improvements: 0 });
    const report = buildReport({
      base: { label: baseLabel, files: base.files, findings: base.findings },
      head: { label: values.head.join(', '), files: head.files, findings: [...cfg.findings, ...head.findings, ...ddl.findings] },
      corpus: corpus ? { entries: corpus.entries, files: values.queries!, lines: corpus.lines, total: corpus.total } : null,
      topology, ddl: ddl.files, baseDdl, config: cfg.config, keyspaceNameFor: keyspaceNameFor(cfg.config, cliKeyspaceMap(values['keyspace-map'])), failOn, version: VERSION,
      skipUnaffected: !values['no-skip'],
      querySink: spill ?? shown,
      planCache,
    });
    const flushed = planCache?.flush();
    if (planCache?.rejected) io.err(`plan cache ${values.cache}: ${planCache.rejected} unreadable entr${planCache.rejected > 1 ? 'ies' : 'y'} ignored (planned again)\n`);
    if (planCache?.failedWrites) io.err(`plan cache ${values.cache}: plans not stored: ${planCache.writeError}\n`);
    if (flushed?.usedDropped) {
      io.err(`plan cache ${values.cache}: this run's plans alone exceed --cache-max-mb ${limits.maxBytes / 2 ** 20}: ${flushed.used} kept, ${flushed.usedDropped} planned again next time\n`);
    }
    if (format === 'json') {
      streamJson(report, io.out, undefined, spill!.splices());
      io.out('\n');
    }
    else if (format === 'sarif') io.out(renderSarif(report.findings.introduced.map((f) => ({ ...f, severity: f.severity as Finding['severity'] })), ALL_RULE_META, VERSION));
    else if (format === 'text') io.out(renderDiffText(report, shown.rows()));
    else io.out(renderMarkdown(report, { id: values.id, rows: shown.rows() }));
    return report.summary.verdict === 'fail' ? 1 : 0;
  } finally {
    spill?.close();
  }
}
