// Vitess's example file names (vschema_customer_sharded.json) are not keyspace names: the guess is
// said, and --keyspace-map FILE=KS names the keyspace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-ksmap-'));
const file = path.join(dir, 'vschema_customer_sharded.json');
fs.writeFileSync(file, '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {"customer": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}}}');

interface J { findings: Array<{ rule: string; keyspace: string | null; hint: string | null }> }

describe('keyspace names of files', () => {
  it('says when a keyspace name is guessed from the file name', async () => {
    const r = await run(['check', file, '--format', 'json']);
    const f = (JSON.parse(r.out) as J).findings.filter((x) => x.rule === 'keyspace-name-from-file');
    expect(f).toMatchObject([{ keyspace: 'customer_sharded', hint: expect.stringContaining('--keyspace-map') }]);
  });
  it('--keyspace-map FILE=KS names it (by path or by file name), and the guess is not reported', async () => {
    for (const key of [file, 'vschema_customer_sharded.json']) {
      const r = await run(['locate', '--vschema', file, '--keyspace-map', `${key}=customer`, '--table', 'customer.customer', '--value', '1', '--format', 'json']);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ keyspace: 'customer' });
    }
    const c = await run(['check', file, '--keyspace-map', 'vschema_customer_sharded.json=customer', '--format', 'json']);
    expect((JSON.parse(c.out) as J).findings.filter((x) => x.rule === 'keyspace-name-from-file')).toEqual([]);
  });
  it('a malformed entry is a usage error', async () => {
    const r = await run(['check', file, '--keyspace-map', 'customer']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/must be FILE=KEYSPACE/);
  });
});
