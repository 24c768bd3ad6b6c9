// A directory given as PATH holds VSchemas and often their neighbours (topology.json, a shard map):
// those are never loaded as keyspaces, and the CLI says what it skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const EX = 'fixtures/examples/commerce-customer';

describe('VSchema directories with other JSON files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-dir-'));
  for (const f of ['commerce.json', 'customer.json']) fs.copyFileSync(`${EX}/head/${f}`, path.join(dir, f));
  fs.copyFileSync(`${EX}/topology.json`, path.join(dir, 'topology.json'));
  fs.writeFileSync(path.join(dir, 'shard-map.json'), '{"customer": {"-80": {"key_range_start": ""}}}');

  it('check skips the topology and the shard map, says so, and loads no phantom keyspace', async () => {
    const r = await run(['check', dir, '--format', 'json']);
    const j = JSON.parse(r.out) as { findings: Array<{ keyspace: string | null; file: string }> };
    expect(j.findings.filter((f) => f.keyspace === 'topology' || f.file.endsWith('topology.json') || f.file.endsWith('shard-map.json'))).toEqual([]);
    expect(r.err).toMatch(/skipped .*shard-map\.json: it is JSON but not a VSchema/);
    expect(r.err).toMatch(/skipped .*topology\.json/);
  });
  it('diff with --topology inside the head directory compares only keyspaces', async () => {
    const r = await run(['diff', '--base', dir, '--head', dir, '--topology', path.join(dir, 'topology.json'), '--format', 'json']);
    const j = JSON.parse(r.out) as { head: { files: string[] }; summary: { verdict: string } };
    expect(j.head.files.map((f) => path.basename(f)).sort()).toEqual(['commerce.json', 'customer.json']);
    expect(j.summary.verdict).toBe('pass');
  });
  it('a file named explicitly is always checked', async () => {
    const r = await run(['check', path.join(dir, 'shard-map.json'), '--format', 'json']);
    expect(r.err).toBe('');
  });
});
