// Base and head are analysed with the same inputs: the DDL (`--schema`) applies to both sides, and
// with `--base-ref` it is read at the base commit too. Nothing changed → nothing introduced.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './run.js';

const EX = 'fixtures/examples/commerce-customer';

interface Json { summary: { verdict: string; errors: number; warnings: number }; findings: { introduced: Array<{ rule: string }> } }

describe('diff analyses base and head with the same inputs', () => {
  it('--base X --head X --schema DIR introduces nothing', async () => {
    const r = await run(['diff', '--base', `${EX}/head`, '--head', `${EX}/head`, '--schema', `${EX}/schema`, '--format', 'json', '--fail-on', 'warning']);
    const j = JSON.parse(r.out) as Json;
    expect(j.findings.introduced).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('--base-ref reads the DDL at the base commit: a newline-only change introduces nothing, a DDL change does', async () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-ddl-'));
    const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' });
    fs.cpSync(`${EX}/head`, path.join(repo, 'vschema'), { recursive: true });
    fs.cpSync(`${EX}/schema`, path.join(repo, 'schema'), { recursive: true });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    fs.appendFileSync(path.join(repo, 'vschema', 'customer.json'), '\n');
    const cwd = process.cwd();
    const diff = async (): Promise<{ code: number; j: Json }> => {
      process.chdir(repo);
      try {
        const r = await run(['diff', '--base-ref', 'HEAD', '--head', 'vschema', '--schema', 'schema', '--format', 'json', '--fail-on', 'warning']);
        return { code: r.code, j: JSON.parse(r.out) as Json };
      } finally {
        process.chdir(cwd);
      }
    };
    const same = await diff();
    expect(same.j.findings.introduced).toEqual([]);
    expect(same.code).toBe(0);
    // Dropping a table from the head DDL is a change of this PR: its finding is introduced.
    const sql = fs.readdirSync(path.join(repo, 'schema')).find((f) => f.startsWith('commerce'))!;
    const file = path.join(repo, 'schema', sql);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/create table warehouse[^;]*;/i, ''));
    const changed = await diff();
    expect(changed.j.findings.introduced.map((f) => f.rule)).toContain('table-missing-from-ddl');
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
