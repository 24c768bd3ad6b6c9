/**
 * The file-backed plan cache of `diff --cache DIR`: one JSON file per key, named by the sha256 of
 * the key (`DIR/ab/abcdef….json`, 256 sub-folders). Each file holds the tool version, the full key
 * and the value; a file that cannot be read, does not parse, or holds another key or version is a
 * miss (the statement is planned again and the file rewritten). Writes go to a temporary file in
 * the same folder, then rename over the entry, so a reader never sees half a file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanCache } from '../diff/plan-cache.js';

/** What one cache file holds. */
interface CacheFile {
  tool: 'vschema-guard';
  version: string;
  key: string;
  value: unknown;
}

/** Counts of a file cache's I/O problems (reads of bad entries, failed writes), for a warning. */
export interface FilePlanCache extends PlanCache {
  /** Entries found but ignored (corrupt, unreadable, other key or version). */
  readonly rejected: number;
  /** Writes that failed (the first error message is in `writeError`). */
  readonly failedWrites: number;
  readonly writeError: string | null;
}

/**
 * A plan cache in `dir` (created on first write) for tool version `version`. Never throws from
 * get/put: problems are counted in `rejected` / `failedWrites`.
 */
export function filePlanCache(dir: string, version: string): FilePlanCache {
  let rejected = 0;
  let failedWrites = 0;
  let writeError: string | null = null;
  const pathOf = (key: string): { folder: string; file: string } => {
    const h = createHash('sha256').update(key).digest('hex');
    const folder = join(dir, h.slice(0, 2));
    return { folder, file: join(folder, `${h}.json`) };
  };
  return {
    get rejected() {
      return rejected;
    },
    get failedWrites() {
      return failedWrites;
    },
    get writeError() {
      return writeError;
    },
    get(key: string): unknown {
      let text: string;
      try {
        text = readFileSync(pathOf(key).file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') rejected++;
        return undefined;
      }
      try {
        const f = JSON.parse(text) as Partial<CacheFile> | null;
        if (f && f.tool === 'vschema-guard' && f.version === version && f.key === key) return f.value;
      } catch {
        // corrupt: planned again
      }
      rejected++;
      return undefined;
    },
    put(key: string, value: unknown): void {
      const { folder, file } = pathOf(key);
      const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        mkdirSync(folder, { recursive: true });
        const body: CacheFile = { tool: 'vschema-guard', version, key, value };
        writeFileSync(tmp, JSON.stringify(body));
        renameSync(tmp, file);
      } catch (e) {
        failedWrites++;
        writeError ??= (e as Error).message;
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing more to do
        }
      }
    },
  };
}
