// `vschema-guard deploy` / `rollback` from the command line, over an in-memory vtctld, in a real git repo.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployCommand } from '../../src/cli/deploy-command.js';
import { main } from '../../src/cli/main.js';
import { rollbackCommand } from '../../src/cli/rollback-command.js';
import type { DeployDeps } from '../../src/cli/vtctld-connect.js';
import { hashLive } from '../../src/deploy/live-hash.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { V1, V2 } from '../deploy/helpers.js';
import { type DeployRepo, makeDeployRepo } from './deploy-repo.js';

let r: DeployRepo;
const git = (...a: string[]): string => r.git(...a);
const writeSide = (side: Record<string, VSchemaJson>): void => r.writeSide(side);
let repo = '';

beforeEach(() => {
  r = makeDeployRepo('vg-deploy-');
  repo = r.dir;
});
afterEach(() => r.remove());

function deps(fake: MemoryVtctld, env: NodeJS.ProcessEnv = {}): DeployDeps {
  let t = Date.UTC(2026, 11, 6, 3, 0, 0);
  return {
    connect: async (flags) => (flags.vtctld === 'down:1' ? { error: 'cannot connect to down:1' } : { client: fake, address: flags.vtctld! }),
    now: () => (t += 2), sleep: async (ms) => void (t += ms), fetchJson: async () => ({}), env,
  };
}

async function cli(cmd: typeof deployCommand, argv: string[], d: DeployDeps) {
  let out = '';
  let err = '';
  const code = await cmd(argv, { out: (s) => void (out += s), err: (s) => void (err += s) }, d);
  return { code, out, err };
}

describe('vschema-guard deploy (CLI)', () => {
  it('deploys base-ref → working tree, writes a valid record, names the deploy by repository and commit', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    const r = await cli(deployCommand, ['--vtctld', '127.0.0.1:15999', '--head', 'vschema', '--base-ref', 'HEAD', '--record', 'out/deploy.json'], deps(fake));
    expect(r.err).toContain('[committed]');
    expect(r.code).toBe(0);
    const sha = git('rev-parse', 'HEAD').trim();
    expect(r.out).toContain(`vschema-guard deploy acme/shop@${sha} → vtctld 127.0.0.1:15999`);
    expect(r.out).toMatch(/\n {2}1 {2}lookup +apply +verified /);
    expect(r.out).toContain('deployed: deployed lookup → corder → customer\nrecord: out/deploy.json\n');
    const record = JSON.parse(fs.readFileSync('out/deploy.json', 'utf8'));
    const { DEPLOY_RECORD_SCHEMA } = await import('../../src/deploy/record-schema.js');
    expect(new Ajv({ strict: true, allowUnionTypes: true }).validate(DEPLOY_RECORD_SCHEMA, record)).toBe(true);
    expect(record.base.source).toMatch(/^git HEAD \([0-9a-f]{7}\)$/);

    // Rollback from that record file restores V1 exactly.
    const rb = await cli(rollbackCommand, ['--record', 'out/deploy.json', '--out', 'out/rollback.json'], deps(fake));
    expect(rb.code).toBe(0);
    expect(rb.out).toContain('restored: restored customer → corder → lookup');
    for (const k of ['lookup', 'customer', 'corder']) {
      expect(hashLive(k, fake.getVSchemaSync(k)).hash).toBe(record.keyspaces.find((x: { name: string }) => x.name === k).hashes.live);
    }
    expect(JSON.parse(fs.readFileSync('out/rollback.json', 'utf8')).kind).toBe('rollback');
  });

  it('uses GITHUB_REPOSITORY and GITHUB_SHA, or --deploy-id, and prints JSON with --format json', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const env = { GITHUB_REPOSITORY: 'acme/prod', GITHUB_SHA: 'f'.repeat(40) };
    const r = await cli(deployCommand, ['--vtctld', 'v:1', '--head', 'vschema', '--base', 'vschema', '--dry-run', '--format', 'json'], deps(fake, env));
    expect(JSON.parse(r.out).deploy_id).toBe(`acme/prod@${'f'.repeat(40)}`);
    const r2 = await cli(deployCommand, ['--vtctld', 'v:1', '--head', 'vschema', '--base', 'vschema', '--dry-run', '--format', 'json', '--deploy-id', 'x/y@1'], deps(fake, env));
    expect(JSON.parse(r2.out).deploy_id).toBe('x/y@1');
  });

  it('drift: exit 1, shows the difference and the commit live matches', async () => {
    const hotfix = { ...V1, customer: { ...V1.customer!, vindexes: { hash: { type: 'xxhash' } } } };
    writeSide(hotfix);
    git('add', '.');
    git('commit', '-qm', 'hotfix: xxhash');
    const hotfixSha = git('rev-parse', '--short=7', 'HEAD').trim();
    git('revert', '--no-edit', 'HEAD');
    writeSide(V2);
    const fake = new MemoryVtctld(['zone1'], hotfix);
    const r = await cli(deployCommand, ['--vtctld', 'v:1', '--head', 'vschema', '--base-ref', 'HEAD'], deps(fake));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Live matches ${hotfixSha} (hotfix: xxhash).`);
    expect(r.out).toContain('~ vindexes.hash.type: "hash" → "xxhash"');
    expect(r.out).toContain('REFUSED: refused before any write');
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('refuses a head with error findings (check runs first)', async () => {
    fs.writeFileSync('vschema/corder.json', JSON.stringify({ ...V2.corder!, vindexes: { hash: { type: 'hsh' } } }));
    const fake = new MemoryVtctld(['zone1'], V1);
    const r = await cli(deployCommand, ['--vtctld', 'v:1', '--head', 'vschema', '--base-ref', 'HEAD'], deps(fake));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/vschema\/corder\.json:\d+:\d+: vindex-type-unknown: /);
  });

  it('usage and connection errors exit 2', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    expect((await run(['deploy', '--head', 'vschema', '--base-ref', 'HEAD'])).err).toContain('--vtctld HOST:PORT is required');
    expect((await run(['deploy', '--vtctld', 'v:1', '--head', 'vschema'])).code).toBe(2);
    const down = await cli(deployCommand, ['--vtctld', 'down:1', '--head', 'vschema', '--base-ref', 'HEAD'], deps(fake));
    expect(down).toMatchObject({ code: 2, err: 'vschema-guard deploy: cannot connect to down:1\n' });
    fs.writeFileSync('bad.json', '{"format": 1}');
    await expect(cli(rollbackCommand, ['--record', 'bad.json'], deps(fake))).rejects.toThrow(/not a vschema-guard deploy record/);
    expect((await run(['rollback', '--record', 'bad.json'])).code).toBe(2);
    expect((await run(['rollback', '--record', 'bad.json'])).err).toMatch(/bad\.json is not a vschema-guard deploy record: \/ must have required property/);
    expect((await run(['schema', 'record'])).out).toContain('"title": "vschema-guard deploy record"');
    expect((await run(['--help'])).out).toContain('vschema-guard deploy --vtctld HOST:PORT --head PATH');
    const { DEPLOY_OPTIONS } = await import('../../src/cli/deploy-command.js');
    const help = (await run(['deploy', '--help'])).out;
    for (const o of Object.keys(DEPLOY_OPTIONS)) expect(help, `--${o}`).toContain(`--${o}`);
    const rbHelp = (await run(['rollback', '--help'])).out;
    for (const o of ['record', 'out', 'keyspace', 'dry-run', 'format', 'vtctld', 'tls-ca', 'auth-file', 'rpc-timeout']) expect(rbHelp, `--${o}`).toContain(`--${o}`);
  });
});

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}
