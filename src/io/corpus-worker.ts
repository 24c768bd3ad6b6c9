/**
 * The worker thread that reads a query corpus (src/io/read-corpus-threaded.ts): its workerData is a
 * {@link CorpusJob}; it reads with readCorpus and posts the corpus back packed
 * (src/corpus/pack-corpus.ts), its number array transferred. Bundled on its own as
 * dist/corpus-worker.js (package.json `build`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { packCorpus } from '../corpus/pack-corpus.js';
import { readCorpus } from './read-corpus.js';
import type { CorpusJob } from './read-corpus-threaded.js';

const job = workerData as CorpusJob;
const packed = packCorpus(await readCorpus(job.files, job.type, job.dedupe, job.columns));
parentPort!.postMessage(packed, [packed.nums.buffer as ArrayBuffer]);
