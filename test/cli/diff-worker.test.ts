// The committed bundle (dist/cli.js with dist/corpus-worker.js beside it) reads a corpus of 8 MiB or
// more in a worker thread: its report is byte for byte the one read on the main thread
// (VSCHEMA_GUARD_READ_WORKER=0), in markdown and JSON. dist/ is rebuilt from src/ by CI before the
// tests run (test/dist.test.ts fails when it is stale).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers.js';

const tmp = tempDirs('vg-diff-worker-');
const EXAMPLE = 'fixtures/examples/commerce-customer';

describe('diff from dist/ with a large corpus', () => {
  it('gives the same report with the corpus read in a worker thread and on the main thread', () => {
    expect(fs.existsSync('dist/corpus-worker.js')).toBe(true);
    // ≈ 9 MiB: the example's slow log repeated, with distinct literals so fingerprints repeat and samples differ.
    const log = path.join(tmp(), 'big.log');
    const text = fs.readFileSync(path.join(EXAMPLE, 'queries.log'), 'utf8');
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 9 * 1024 * 1024; i++) {
      const part = text.replace(/\b(\d{2,})\b/g, (d) => String(Number(d) + i));
      parts.push(part);
      size += Buffer.byteLength(part);
    }
    fs.writeFileSync(log, parts.join('\n'));
    const run = (format: string, env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['dist/cli.js', 'diff', '--base', `${EXAMPLE}/base`, '--head', `${EXAMPLE}/head`, '--queries', log, '--topology', `${EXAMPLE}/topology.json`, '--format', format], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 << 20 });
    for (const format of ['markdown', 'json']) {
      const worker = run(format, {});
      const main = run(format, { VSCHEMA_GUARD_READ_WORKER: '0' });
      expect(worker.stderr).toBe(main.stderr);
      expect(worker.status).toBe(1);
      expect(main.status).toBe(1);
      expect(worker.stdout.length).toBeGreaterThan(1000);
      expect(worker.stdout === main.stdout, `${format} differs`).toBe(true);
    }
  }, 120_000);
});
