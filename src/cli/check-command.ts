/** `vschema-guard check`: reads files, runs analyzeFiles, prints, returns the exit code. */
import { parseArgs } from 'node:util';
import { analyzeFiles } from '../core/analyze.js';
import { readSchemaDir, readVSchemaInputs } from '../io/read-inputs.js';
import { keyspaceNameFor, loadConfig, parseKeyspaceMap } from '../io/load-config.js';
import { sortFindings } from '../core/finding.js';
import { renderFindingsJson } from '../report/findings-json.js';
import { renderFindingsText } from '../report/findings-text.js';
import { renderSarif } from '../report/sarif.js';
import { ALL_RULE_META } from '../rules/index.js';
import { UsageError, VERSION } from './usage.js';
import { otherInputs } from '../io/vschema-files.js';

/** Output sink, so tests can capture. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

/** Runs `check` with argv (after the subcommand). Returns the exit code. */
export function checkCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      schema: { type: 'string' },
      config: { type: 'string' },
      'keyspace-map': { type: 'string', multiple: true },
    },
  });
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (positionals.length === 0) throw new UsageError('check needs at least one PATH');
  const cfg = loadConfig(values.config);
  const inputs = readVSchemaInputs(positionals, otherInputs([values.config ?? cfg.path], [values.schema ?? null], []));
  reportSkipped(inputs.skipped, io);
  const ddl = values.schema ? readSchemaDir(values.schema) : { files: [], findings: [] };
  const result = analyzeFiles({ files: inputs.files, ddlFiles: ddl.files, config: cfg.config, keyspaceNameFor: keyspaceNameFor(cfg.config, cliKeyspaceMap(values['keyspace-map'])) });
  const findings = sortFindings([...cfg.findings, ...inputs.findings, ...ddl.findings, ...result.findings]);
  const count = inputs.files.length;
  if (format === 'json') io.out(renderFindingsJson(findings, result.suppressed, count));
  else if (format === 'sarif') io.out(renderSarif(findings, ALL_RULE_META, VERSION));
  else io.out(renderFindingsText(findings, count));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** Says on stderr which files of a directory were not read as VSchemas, and why. */
export function reportSkipped(skipped: ReadonlyArray<{ path: string; why: string }>, io: Io): void {
  for (const s of skipped) io.err(`vschema-guard: skipped ${s.path}: ${s.why}\n`);
}

/** `--keyspace-map FILE=KS` values, or a UsageError naming the bad one. */
export function cliKeyspaceMap(values: readonly string[] | undefined): Array<{ path: string; name: string }> {
  try {
    return parseKeyspaceMap(values ?? []);
  } catch (e) {
    throw new UsageError(`--keyspace-map: ${(e as Error).message}`);
  }
}
