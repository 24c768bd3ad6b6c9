// A corpus read in a worker thread (src/io/read-corpus-threaded.ts, the worker bundled from
// src/io/corpus-worker.ts as `npm run build` does) is the corpus readCorpus gives on this thread;
// the packing it travels in (src/corpus/pack-corpus.ts) loses nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusEntry } from '../../src/corpus/aggregate.js';
import { packCorpus, unpackCorpus } from '../../src/corpus/pack-corpus.js';
import { readCorpus } from '../../src/io/read-corpus.js';
import { startCorpusRead, workerDisabled } from '../../src/io/read-corpus-threaded.js';
import { tempDirs } from '../helpers.js';

const tmp = tempDirs('vg-threaded-');

describe('packCorpus / unpackCorpus', () => {
  it('give back equal entries, in order, with every field (property)', () => {
    const entry: fc.Arbitrary<CorpusEntry> = fc.record({
      file: fc.constantFrom('a.log', 'b.sql', 'dir/ü.log'),
      line: fc.nat(10_000_000),
      sql: fc.string({ unit: 'binary', maxLength: 40 }),
      fingerprint: fc.string({ unit: 'binary', maxLength: 40 }),
      count: fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e9, noNaN: true })),
      keyspace: fc.option(fc.constantFrom('', 'customer', 'commerce', 'ks/-80'), { nil: undefined }),
    }).map((e) => {
      const { keyspace, ...rest } = e;
      return keyspace ? { ...rest, keyspace } : rest;
    });
    fc.assert(fc.property(fc.array(entry, { maxLength: 30 }), fc.nat(1000), fc.nat(1000), (entries, total, lines) => {
      const corpus = { entries, total, lines, types: new Map([['a.log', 'slowlog' as const]]), problems: [{ file: 'b.sql', line: 3, message: 'x' }] };
      expect(unpackCorpus(structuredClone(packCorpus(corpus)))).toEqual(corpus);
    }), { numRuns: 300 });
  });
});

describe('startCorpusRead', () => {
  let worker = '';
  beforeAll(() => {
    // The worker as the build bundles it (package.json `build`).
    worker = path.join(tmp(), 'corpus-worker.js');
    execFileSync('npx', ['esbuild', 'src/io/corpus-worker.ts', '--bundle', '--platform=node', '--target=node20', '--format=esm', '--main-fields=module,main', '--log-level=warning',
      "--banner:js=import{createRequire as __cr}from'module';const require=__cr(import.meta.url);", `--outfile=${worker}`], { stdio: 'pipe' });
  }, 60_000);

  function inputs(): string[] {
    const d = tmp();
    const slow = path.join(d, 'slow.log');
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      lines.push(`# Time: 2026-11-20T10:00:00.${String(i).padStart(6, '0')}Z`, `# User@Host: app[app] @ 10.0.0.1 []  Id: ${i % 7}`, '# Query_time: 0.001', `SET timestamp=${1763632800 + i};`);
      if (i % 50 === 3) lines.push(`use ks${i % 3};`);
      lines.push(`select * from t${i % 40} where id = ${i} and e = 'ü${i}';`);
    }
    fs.writeFileSync(slow, lines.join('\r\n') + '\n');
    const sql = path.join(d, 'q.sql');
    fs.writeFileSync(sql, 'select 1;\nuse commerce;\nselect * from product where id = 3;\ninsert into t values (1,\n 2);\n');
    const bin = path.join(d, 'bin.log');
    fs.writeFileSync(bin, Buffer.from([0, 1, 2, 3]));
    return [slow, sql, bin, path.join(d, 'missing.log')];
  }

  it('in a worker thread gives exactly the corpus of readCorpus (several files, sessions, problems)', async () => {
    const files = inputs();
    for (const [type, dedupe] of [[undefined, undefined], ['slowlog', true], [undefined, false]] as const) {
      const reading = startCorpusRead(files, type, dedupe, {}, { workerScript: worker, minWorkerBytes: 0, cpus: 2 });
      expect(reading.inWorker).toBe(true);
      const direct = await readCorpus(files, type, dedupe);
      expect(direct.entries.length).toBeGreaterThan(10);
      expect(await reading.result()).toEqual(direct);
    }
  });

  it('reads on this thread for a small input, one CPU, no worker script or the switch off; a worker that cannot start falls back', async () => {
    const files = inputs();
    const direct = await readCorpus(files, undefined, undefined);
    for (const options of [{ workerScript: worker }, { workerScript: worker, minWorkerBytes: 0, cpus: 1 }, { workerScript: null, minWorkerBytes: 0, cpus: 2 }]) {
      const reading = startCorpusRead(files, undefined, undefined, {}, options);
      expect(reading.inWorker).toBe(false);
      expect(await reading.result()).toEqual(direct);
    }
    const broken = startCorpusRead(files, undefined, undefined, {}, { workerScript: path.join(tmp(), 'no-such-worker.js'), minWorkerBytes: 0, cpus: 2 });
    expect(broken.inWorker).toBe(true);
    expect(await broken.result()).toEqual(direct);
    expect(workerDisabled({ VSCHEMA_GUARD_READ_WORKER: '0' })).toBe(true);
    expect(workerDisabled({ VSCHEMA_GUARD_READ_WORKER: 'Off' })).toBe(true);
    expect(workerDisabled({})).toBe(false);
    expect(workerDisabled({ VSCHEMA_GUARD_READ_WORKER: '1' })).toBe(false);
  });

  it('cancel stops the worker: its result rejects, nothing keeps running', async () => {
    const reading = startCorpusRead(inputs(), undefined, undefined, {}, { workerScript: worker, minWorkerBytes: 0, cpus: 2 });
    reading.cancel();
    await expect(reading.result()).rejects.toThrow('corpus read cancelled');
    reading.cancel();
  });
});
