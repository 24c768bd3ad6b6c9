// `diff --base-ref REF` reads the base VSchemas with `git show REF:path` (no shell).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

describe('vschema-guard diff --base-ref', () => {
  it('compares the working tree with a commit, also for file names with spaces and quotes', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-ref-'));
    const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' });
    const dir = path.join(repo, "vs 'x'");
    fs.mkdirSync(dir);
    fs.copyFileSync('fixtures/diff/table-removed/base/customer.json', path.join(dir, 'customer.json'));
    fs.copyFileSync('fixtures/diff/table-removed/base/commerce.json', path.join(dir, 'commerce.json'));
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    fs.copyFileSync('fixtures/diff/table-removed/head/customer.json', path.join(dir, 'customer.json'));
    const cwd = process.cwd();
    let out = '';
    let code: number;
    try {
      process.chdir(repo);
      code = await main(['diff', '--base-ref', 'HEAD', '--head', "vs 'x'", '--format', 'json'], { out: (s) => void (out += s), err: () => undefined });
    } finally {
      process.chdir(cwd);
    }
    expect(code).toBe(0);
    const r = JSON.parse(out) as { vschema_changes: Array<{ kind: string; table?: string }>; base: { files: string[] } };
    expect(r.base.files.sort()).toEqual(["vs 'x'/commerce.json", "vs 'x'/customer.json"]);
    expect(r.vschema_changes).toMatchObject([{ kind: 'table-removed', table: 'payment' }]);
    let err = '';
    process.chdir(repo);
    try {
      expect(await main(['diff', '--base-ref', 'no-such-ref', '--head', "vs 'x'"], { out: () => undefined, err: (s) => void (err += s) })).toBe(2);
    } finally {
      process.chdir(cwd);
    }
    expect(err).toMatch(/unknown git ref "no-such-ref"/);
  });
});
