/**
 * Turns the files of both sides of a deploy into what `runDeploy` takes: the merged base and head
 * clusters, and every finding of `check` on head (its error findings refuse the deploy). Pure.
 */
import { analyzeFiles } from '../core/analyze.js';
import type { Config } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import type { DdlFile } from '../ddl/parse-ddl.js';
import { type InputFile, loadClusters, mergeClusters } from '../vschema/load.js';
import type { Cluster } from '../vschema/model.js';

/** Inputs: file contents only. `headFindings`: problems reading head (unreadable paths, config). */
export interface PrepareInput {
  baseFiles: readonly InputFile[];
  headFiles: readonly InputFile[];
  headFindings?: readonly Finding[];
  ddlFiles?: readonly DdlFile[];
  config?: Config;
  keyspaceNameFor?: (path: string) => string | undefined;
}

/** Both clusters and head's findings (sorted as `check` sorts them). */
export function prepareDeploySides(i: PrepareInput): { base: Cluster; head: Cluster; findings: Finding[] } {
  const head = analyzeFiles({ files: i.headFiles, ddlFiles: i.ddlFiles, config: i.config, keyspaceNameFor: i.keyspaceNameFor });
  const base = loadClusters(i.baseFiles, { keyspaceNameFor: i.keyspaceNameFor });
  return {
    base: mergeClusters(base.clusters, 'base'),
    head: mergeClusters(head.clusters, 'head'),
    findings: [...(i.headFindings ?? []), ...head.findings],
  };
}
