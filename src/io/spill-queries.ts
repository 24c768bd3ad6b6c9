/**
 * The JSON report's `routing.queries` written out as the statements are compared: each comparison
 * becomes its JSON text in a temporary file at once (two full query reports per statement are never
 * held), and the report is streamed with that text spliced in (src/report/json-stream.ts), byte for
 * byte what JSON.stringify(report, null, 2) gives for the report with every comparison kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ComparisonSink } from '../diff/query-sinks.js';
import type { RoutingComparison } from '../diff/routing-diff.js';
import { type JsonSplice, jsonArrayItem } from '../report/json-stream.js';

/** Nesting level of `routing.queries` in the report (report 0, routing 1, queries 2). */
const QUERIES_LEVEL = 2;

/** Text is buffered up to this many characters before it is written to the file. */
const BUFFER = 1 << 20;

/** A sink that writes every comparison to a temporary file; see {@link spillQueries}. */
export interface SpillSink extends ComparisonSink {
  /** For streamJson: `routing.queries` of the report (an empty array) → the written comparisons. */
  splices(): ReadonlyMap<object, JsonSplice>;
  /** Removes the temporary file (call once the report is written, also after a failure). */
  close(): void;
}

/**
 * Opens a temporary file under `tmpDir` (default: the OS temp dir) for the comparisons; throws the
 * file system's error when it cannot be created or written (disk full...). `queries()` is an empty
 * array that stands for them in the report: stream the report with `splices()`.
 */
export function spillQueries(tmpDir = os.tmpdir()): SpillSink {
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(tmpDir, 'vschema-guard-queries-'));
  } catch (e) {
    throw new Error(`cannot create a temporary file for the report's queries in ${tmpDir}: ${(e as Error).message} (set TMPDIR to a writable directory)`);
  }
  const file = path.join(dir, 'queries.json.part');
  let fd: number | null = fs.openSync(file, 'w');
  let buf = '';
  let count = 0;
  const flush = (): void => {
    if (buf && fd !== null) fs.writeSync(fd, buf);
    buf = '';
  };
  const placeholder: RoutingComparison[] = [];
  const splice: JsonSplice = {
    level: QUERIES_LEVEL,
    get count() {
      return count;
    },
    write(put) {
      flush();
      const read = fs.openSync(file, 'r');
      try {
        const chunk = Buffer.alloc(BUFFER);
        const decoder = new StringDecoder('utf8');
        for (let n; (n = fs.readSync(read, chunk, 0, chunk.length, null)) > 0; ) put(decoder.write(chunk.subarray(0, n)));
        const rest = decoder.end();
        if (rest) put(rest);
      } finally {
        fs.closeSync(read);
      }
    },
  };
  return {
    add(c) {
      buf += jsonArrayItem(c, count++, QUERIES_LEVEL);
      if (buf.length >= BUFFER) flush();
    },
    queries: () => placeholder,
    splices: () => new Map([[placeholder, splice]]),
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
