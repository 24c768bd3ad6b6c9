/** Loading the one cluster `simulate`/`locate` work on, from --vschema PATH(s). */
import { loadClusters, mergeClusters } from '../vschema/load.js';
import type { Cluster } from '../vschema/model.js';
import type { Finding } from '../core/finding.js';
import { readVSchemaInputs } from '../io/read-inputs.js';
import { keyspaceNameFor, loadConfig } from '../io/load-config.js';
import { UsageError } from './usage.js';
import { otherInputs } from '../io/vschema-files.js';
import type { Config } from '../core/config.js';

/** Reads and merges the VSchema paths into one cluster; findings are returned for stderr. */
export function loadOneCluster(
  paths: string[], configPath?: string, otherFiles: ReadonlyArray<string | null | undefined> = [],
  keyspaceMap: ReadonlyArray<{ path: string; name: string }> = [],
): { cluster: Cluster; findings: Finding[]; config: Config; skipped: Array<{ path: string; why: string }> } {
  if (paths.length === 0) throw new UsageError('--vschema PATH is required');
  const cfg = loadConfig(configPath);
  // Files given as other inputs (topology, queries, config) are never VSchemas, even inside a --vschema directory.
  const inputs = readVSchemaInputs(paths, otherInputs([...otherFiles.map((f) => f ?? null), cfg.path], [], []));
  const loaded = loadClusters(inputs.files, { keyspaceNameFor: keyspaceNameFor(cfg.config, keyspaceMap) });
  const findings = [...cfg.findings, ...inputs.findings, ...loaded.findings];
  if (loaded.clusters.length === 0) {
    const why = findings.find((f) => f.severity === 'error');
    throw new UsageError(`no VSchema could be loaded from ${paths.join(', ')}${why ? `: ${why.file}:${why.line}:${why.column} ${why.message}` : ''}`);
  }
  const cluster = mergeClusters(loaded.clusters, paths.join(', '));
  return { cluster, findings, config: cfg.config, skipped: inputs.skipped };
}
