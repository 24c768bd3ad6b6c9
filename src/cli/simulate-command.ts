/** `vschema-guard simulate`: plans a query corpus against a VSchema and a mock topology. */
import { parseArgs } from 'node:util';
import { INPUT_TYPES, type InputType } from '../corpus/formats.js';
import { readCorpus } from '../io/read-corpus.js';
import { readTopologyFile } from '../io/read-topology.js';
import { makeContext } from '../simulate/context.js';
import { simulateCorpus } from '../simulate/run-corpus.js';
import { describeLoadErrors, vschemaLoadErrors } from '../simulate/rejected-vschema.js';
import { buildTopology } from '../topology/topology.js';
import { type Io, cliKeyspaceMap, reportSkipped } from './check-command.js';
import { loadOneCluster } from './load-cluster.js';
import { renderSimulationText } from '../report/simulation-text.js';
import { UsageError } from './usage.js';
import { setParseReuse } from '../sql/parse-reuse.js';
import type { Cluster } from '../vschema/model.js';
import { boundHeapGrowth } from './heap-growth.js';

/** Loads the topology named by --topology (or the defaults); problems go to stderr. */
export function topologyFor(cluster: Cluster, path: string | undefined, io: Io): ReturnType<typeof buildTopology>['topology'] {
  let spec: unknown = null;
  if (path) {
    const r = readTopologyFile(path);
    if ('error' in r) throw new UsageError(r.error);
    spec = r.spec;
  }
  const { topology, problems } = buildTopology(cluster, spec);
  for (const p of problems) io.err(`${path}: ${p}\n`);
  return topology;
}

/** Runs `simulate`; returns the exit code. */
export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      vschema: { type: 'string', multiple: true },
      queries: { type: 'string', multiple: true },
      topology: { type: 'string' },
      'default-keyspace': { type: 'string' },
      'input-type': { type: 'string', default: 'auto' },
      'sql-column': { type: 'string' },
      'count-column': { type: 'string' },
      'keyspace-map': { type: 'string', multiple: true },
      dedupe: { type: 'boolean' },
      'no-dedupe': { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      'no-parse-reuse': { type: 'boolean', default: false },
    },
  });
  setParseReuse(!values['no-parse-reuse']);
  const format = values.format!;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  const it = values['input-type']!;
  if (it !== 'auto' && !(INPUT_TYPES as readonly string[]).includes(it)) throw new UsageError(`--input-type must be auto or one of ${INPUT_TYPES.join(', ')}`);
  const { cluster, findings, config, skipped } = loadOneCluster(values.vschema ?? [], values.config, [values.topology, ...(values.queries ?? [])], cliKeyspaceMap(values['keyspace-map']));
  reportSkipped(skipped, io);
  for (const f of findings) io.err(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}\n`);
  // A VSchema vtgate would not load has no routes to simulate (vindexes.BuildVSchema errors).
  const rejected = vschemaLoadErrors(cluster);
  if (rejected.length) {
    const lines = describeLoadErrors(rejected);
    if (format === 'json') io.out(JSON.stringify({ queries: [], error: 'vtgate would not load this VSchema', vschema_errors: lines }) + '\n');
    for (const l of lines) io.err(`simulate: ${l}\n`);
    io.err('simulate: refused: vtgate rejects this VSchema, so no query would be routed; fix it (see `vschema-guard check`) and run again\n');
    return 1;
  }
  const defaultKs = values['default-keyspace'] ?? config.defaultKeyspace;
  if (defaultKs && !cluster.keyspaces.has(defaultKs)) throw new UsageError(`--default-keyspace ${defaultKs}: no such keyspace in the VSchema`);
  const topology = topologyFor(cluster, values.topology, io);
  const dedupe = values.dedupe ? true : values['no-dedupe'] ? false : undefined;
  boundHeapGrowth();
  const corpus = await readCorpus(values.queries ?? [], it === 'auto' ? undefined : (it as InputType), dedupe, { sql: values['sql-column'], count: values['count-column'] });
  for (const p of corpus.problems) io.err(`${p.file}:${p.line}: ${p.message}\n`);
  const ctx = makeContext(cluster, defaultKs ?? null);
  const { queries, summary } = simulateCorpus(ctx, topology, corpus.entries);
  if (format === 'json') {
    io.out(JSON.stringify({
      queries: queries.map((q) => ({
        file: q.file, line: q.line, sql: q.sql, fingerprint: q.fingerprint, count: q.count, ...(q.keyspace ? { keyspace: q.keyspace } : {}), routes: q.routes,
        pushdown: q.pushdown, fanout: q.fanout, reason: q.reason, error: q.error,
      })),
      summary,
      problems: corpus.problems,
    }) + '\n');
  } else {
    io.out(renderSimulationText(queries, summary, topology));
  }
  return corpus.problems.some((p) => p.line === 0) ? 2 : 0;
}
