// CLI answers every input people give: `<cmd> --help` for each command, negative values, unqualified
// table names, unsharded keyspaces; `--help` lists every option a command accepts.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/main.js';
import { run } from './run.js';

const V = 'fixtures/examples/commerce-customer/head';

/** Option names a command's parseArgs table declares, read from its source. */
function declaredOptions(cmd: string): string[] {
  const src = fs.readFileSync(`src/cli/${cmd}-command.ts`, 'utf8');
  const block = /options:\s*\{([\s\S]*?)\n\s*\},?\n/.exec(src)?.[1] ?? '';
  return [...block.matchAll(/^\s*'?([a-z][a-z-]*)'?:\s*\{\s*type:/gm)].map((m) => m[1]!);
}

describe('help', () => {
  it.each(COMMAND_NAMES)('%s --help prints its own help and exits 0', async (cmd) => {
    for (const flag of ['--help', '-h']) {
      const r = await run([cmd, flag]);
      expect(r.code, `${cmd} ${flag}`).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: vschema-guard ${cmd}\\b`));
      expect(r.err).toBe('');
    }
  });
  it.each(['check', 'simulate', 'locate', 'diff'])('%s --help lists every option it accepts', async (cmd) => {
    const opts = declaredOptions(cmd);
    expect(opts.length).toBeGreaterThan(2);
    const r = await run([cmd, '--help']);
    for (const o of opts) expect(r.out, `${cmd} --${o}`).toContain(`--${o}`);
  });
});

describe('locate', () => {
  it('takes negative numbers as values', async () => {
    const r = await run(['locate', '--vindex-type', 'hash', '--value', '-1', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ values: ['-1'] });
  });
  it('resolves an unqualified table name that is unique', async () => {
    const q = await run(['locate', '--vschema', V, '--table', 'customer.customer', '--value', '1', '--format', 'json']);
    const u = await run(['locate', '--vschema', V, '--table', 'customer', '--value', '1', '--format', 'json']);
    expect(u.code).toBe(0);
    expect(JSON.parse(u.out)).toEqual(JSON.parse(q.out));
  });
  it('answers for a table of an unsharded keyspace with exit 0', async () => {
    const r = await run(['locate', '--vschema', V, '--table', 'commerce.warehouse', '--value', '1', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ keyspace: 'commerce', shard: '0', keyspace_id: null });
  });
});
