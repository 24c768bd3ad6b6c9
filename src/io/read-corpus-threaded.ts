/**
 * Reading a large query corpus in a worker thread while the caller goes on (a diff loads and checks
 * both clusters meanwhile): the worker (src/io/corpus-worker.ts, bundled as dist/corpus-worker.js)
 * runs readCorpus and posts the corpus back packed (src/corpus/pack-corpus.ts). The corpus is the
 * same however it is read. Small inputs, a machine with one CPU, running from sources (no bundled
 * worker beside this module), `VSCHEMA_GUARD_READ_WORKER=0` or a worker that fails: read on the
 * calling thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CorpusColumns, InputType } from '../corpus/formats.js';
import { type PackedCorpus, unpackCorpus } from '../corpus/pack-corpus.js';
import { type CorpusRead, readCorpus } from './read-corpus.js';

/** What the worker reads: readCorpus's arguments (its workerData). */
export interface CorpusJob {
  files: string[];
  type: InputType | undefined;
  dedupe: boolean | undefined;
  columns: CorpusColumns;
}

/** How a corpus is read. */
export interface ThreadOptions {
  /** The worker script; default corpus-worker.js beside this module's bundle; null: never a worker. */
  workerScript?: string | URL | null;
  /** Inputs smaller than this (bytes, all files together) are read on the calling thread. Default 8 MiB. */
  minWorkerBytes?: number;
  /** CPUs available (default os.availableParallelism()); with one, a worker would only add its start-up. */
  cpus?: number;
}

/** A corpus being read. */
export interface CorpusReading {
  /** True when a worker thread reads it now, while the caller goes on. */
  inWorker: boolean;
  /**
   * The corpus, as readCorpus gives it. On the calling thread the reading starts only when this is
   * first called (so a caller can read first and then load its clusters: a small heap collects
   * garbage faster). Never rejects for a bad input (readCorpus's problems); rejects only as readCorpus does.
   */
  result(): Promise<CorpusRead>;
  /** Stops a worker still reading (a caller that gives up early); its result then rejects. No-op otherwise. */
  cancel(): void;
}

const MIB8 = 8 << 20;

/** corpus-worker.js beside this module's file (the bundle in dist/), or null when there is none (running from sources). */
function bundledWorker(): URL | null {
  try {
    const url = new URL('./corpus-worker.js', import.meta.url);
    return fs.existsSync(fileURLToPath(url)) ? url : null;
  } catch {
    return null;
  }
}

/** `VSCHEMA_GUARD_READ_WORKER=0` (or `false`, `off`, `no`): always read on the calling thread (less memory, one CPU busy). */
export function workerDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(0|false|off|no)$/i.test((env.VSCHEMA_GUARD_READ_WORKER ?? '').trim());
}

/** Total size in bytes of the files that exist (others are readCorpus's problems). */
function totalBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) {
    try {
      n += fs.statSync(f).size;
    } catch {
      // readCorpus reports it.
    }
  }
  return n;
}

/**
 * Starts reading `files` as readCorpus(files, type, dedupe, columns) would, in a worker thread when
 * the input is large, a second CPU is there and the worker script exists.
 */
export function startCorpusRead(files: readonly string[], type: InputType | undefined, dedupe: boolean | undefined, columns: CorpusColumns = {}, options: ThreadOptions = {}): CorpusReading {
  const job: CorpusJob = { files: [...files], type, dedupe, columns: { ...columns } };
  const inThread = (): Promise<CorpusRead> => readCorpus(job.files, job.type, job.dedupe, job.columns);
  const script = options.workerScript === undefined ? (workerDisabled() ? null : bundledWorker()) : options.workerScript;
  const cpus = options.cpus ?? os.availableParallelism();
  if (script === null || cpus < 2 || totalBytes(files) < (options.minWorkerBytes ?? MIB8)) {
    let p: Promise<CorpusRead> | null = null;
    return { inWorker: false, result: () => (p ??= inThread()), cancel: () => {} };
  }
  let stop = (): void => {};
  const p = new Promise<CorpusRead>((resolve, reject) => {
    let done = false;
    // A worker that cannot start or dies has the corpus read here instead: same result, later.
    const fallback = (): void => {
      if (done) return;
      done = true;
      inThread().then(resolve, reject);
    };
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: job });
    } catch {
      fallback();
      return;
    }
    stop = () => {
      if (done) return;
      done = true;
      void worker.terminate();
      reject(new Error('corpus read cancelled'));
    };
    worker.once('message', (packed: PackedCorpus) => {
      if (done) return;
      done = true;
      resolve(unpackCorpus(packed));
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
  // A cancelled read nobody awaits is not an unhandled rejection.
  p.catch(() => {});
  return { inWorker: true, result: () => p, cancel: () => stop() };
}
