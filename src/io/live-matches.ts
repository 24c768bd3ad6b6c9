/**
 * "Which commit does live match?": for a drifted keyspace, the recent Git versions of the file that
 * holds it (its last 20 commits) are loaded and hashed like head; the first whose hash equals live's
 * names the commit. Reads Git; the hashing is the pure canonical hash.
 */
import { fileHistory, showFileAtRef } from './git.js';
import { keyspaceSha256 } from '../vschema/canonical.js';
import { loadClusters } from '../vschema/load.js';
import type { Cluster } from '../vschema/model.js';

/** How many commits of a file are looked at. */
export const HISTORY_DEPTH = 20;

/** Builds the `liveMatches` function of a deploy for the head cluster read from files under `cwd`. */
export function gitLiveMatcher(head: Cluster, keyspaceNameFor: (path: string) => string | undefined, cwd?: string): (keyspace: string, hash: string) => Promise<string | null> {
  return async (keyspace, hash) => {
    const file = head.keyspaces.get(keyspace)?.loc.file;
    if (!file) return null;
    for (const c of fileHistory(file, HISTORY_DEPTH, cwd)) {
      const text = showFileAtRef(c.sha, file, cwd);
      if (text === null) continue;
      const loaded = loadClusters([{ path: file, text }], { keyspaceNameFor });
      const def = loaded.clusters[0]?.keyspaces.get(keyspace);
      if (def && keyspaceSha256(def) === hash) return `${c.sha.slice(0, 7)} (${c.subject})`;
    }
    return null;
  };
}
