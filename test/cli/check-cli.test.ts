import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-check-'));
const write = (name: string, text: string | Buffer): string => {
  const p = path.join(tmp, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
};

describe('vschema-guard check', () => {
  it('prints file:line:col severity rule message and exits 1 on errors', async () => {
    const f = write('bad/ks.json', '{\n  "sharded": true,\n  "tables": {\n    "t": {}\n  }\n}\n');
    const r = await run(['check', f]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:4:5 error primary-vindex-missing`);
    expect(r.out).toMatch(/1 file checked: 1 error, 0 warnings/);
  });

  it('exits 0 when only warnings remain, 2 on usage errors', async () => {
    const f = write('ok/ks.json', '{"vindexes": {"h": {"type": "hash"}}}');
    expect((await run(['check', f])).code).toBe(0);
    expect((await run(['check'])).code).toBe(2);
    expect((await run(['check', '--format', 'xml', f])).code).toBe(2);
    expect((await run(['nope'])).code).toBe(2);
  });

  it('keeps going over bad files: json output names each file', async () => {
    const a = write('many/a.json', '{"tables": ');
    const b = write('many/b.bin', Buffer.from([0, 1, 2, 3]));
    const c = write('many/c.json', '');
    const d = write('many/d.json', '{"sharded": true, "tables": {"t": {}}}');
    const missing = path.join(tmp, 'missing.json');
    const r = await run(['check', '--format', 'json', a, b, c, d, missing]);
    const doc = JSON.parse(r.out) as { findings: Array<{ file: string; rule: string }>; summary: { errors: number } };
    const byFile = new Map(doc.findings.map((x) => [x.file, x.rule]));
    expect(byFile.get(a)).toBe('json-syntax');
    expect(byFile.get(b)).toBe('json-syntax');
    expect(byFile.get(c)).toBe('json-syntax');
    expect(byFile.get(d)).toBe('primary-vindex-missing');
    expect(byFile.get(missing)).toBe('file-unreadable');
    expect(r.code).toBe(1);
  });

  it('handles a 50 MB file with one clear finding', async () => {
    const big = write('big.json', '{"tables": {"t": {"columns": [' + '{"name": "a"},'.repeat(3_700_000) + '{"name":"b"}]}}}');
    const r = await run(['check', '--format', 'json', big]);
    const doc = JSON.parse(r.out) as { findings: Array<{ message: string }> };
    expect(doc.findings[0]!.message).toMatch(/file is \d+\.\d MB; the limit for a VSchema file is 16 MB/);
  });

  it('writes SARIF 2.1.0', async () => {
    const f = write('sarif/ks.json', '{"sharded": true, "tables": {"t": {}}}');
    const r = await run(['check', '--format', 'sarif', f]);
    const log = JSON.parse(r.out) as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: unknown[] }> }> };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results[0]!.ruleId).toBe('primary-vindex-missing');
  });

  it('applies config severities and suppressions with reasons', async () => {
    const f = write('cfg/ks.json', '{"sharded": true, "tables": {"t": {}, "u": {}}}');
    const cfg = write('cfg/.vschema-guard.yml', 'rules:\n  vindex-unused: off\nsuppressions:\n  - rule: primary-vindex-missing\n    table: t\n    reason: created by a migration next week\n');
    const r = await run(['check', '--format', 'json', '--config', cfg, f]);
    const doc = JSON.parse(r.out) as { findings: Array<{ table: string }>; suppressed: Array<{ table: string; reason: string }> };
    expect(doc.findings.map((x) => x.table)).toEqual(['u']);
    expect(doc.suppressed).toMatchObject([{ table: 't', reason: 'created by a migration next week' }]);
  });

  it('reports an invalid config with its line', async () => {
    const f = write('cfg2/ks.json', '{}');
    const cfg = write('cfg2/c.yml', 'rules:\n  vindex-unused: loud\n');
    const r = await run(['check', '--format', 'json', '--config', cfg, f]);
    const doc = JSON.parse(r.out) as { findings: Array<{ rule: string; line: number }> };
    expect(doc.findings).toMatchObject([{ rule: 'config-invalid', line: 2 }]);
  });
});
