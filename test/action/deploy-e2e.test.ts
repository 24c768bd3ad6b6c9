// `mode: deploy` end to end: the built dist/index.js, run as the runner runs it on a push, against the
// in-process fake vtctld over gRPC (with static auth from the `auth` input) and a fake GitHub API for
// the Deployment and its statuses.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashVSchemaJson } from '../../src/deploy/live-hash.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { FakeVtctld } from '../fakes/fake-vtctld.js';
import { V1, V2 } from '../deploy/helpers.js';
import { runDistAction } from './run-dist.js';

let repo = '';
let fake: FakeVtctld;
let github: http.Server;
let requests: string[] = [];
let before = '';
let after = '';

beforeEach(async () => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-deploy-e2e-'));
  const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' }).trim();
  const write = (side: Record<string, VSchemaJson>) => {
    fs.mkdirSync(path.join(repo, 'vschema'), { recursive: true });
    for (const [k, v] of Object.entries(side)) fs.writeFileSync(path.join(repo, 'vschema', `${k}.json`), JSON.stringify(v, null, 2));
  };
  git('init', '-q');
  write(V1);
  git('add', '.');
  git('commit', '-qm', 'v1');
  before = git('rev-parse', 'HEAD');
  write(V2);
  git('add', '.');
  git('commit', '-qm', 'v2');
  after = git('rev-parse', 'HEAD');

  fake = await FakeVtctld.start({ auth: { username: 'deployer', password: 's3cret-pw' } });
  fake.addCell('zone1').addCell('zone2');
  fake.createKeyspace('lookup').createShard('lookup', '0');
  for (const k of ['customer', 'corder']) fake.createKeyspace(k).createShard(k, '-80').createShard(k, '80-');
  for (const [k, v] of Object.entries(V1)) fake.setVSchema(k, v);
  fake.rebuildSrvVSchema();

  requests = [];
  github = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url!.endsWith('/deployments') ? { id: 42 } : { id: 1 }));
    });
  });
  await new Promise<void>((r) => github.listen(0, '127.0.0.1', () => r()));
});

afterEach(async () => {
  await fake.stop();
  github.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

async function runAction(inputs: Record<string, string>, event = 'push') {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-run-'));
  const eventPath = path.join(tmp, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(event === 'push' ? { before, after, ref: 'refs/heads/main' } : { ref: 'refs/heads/main', inputs: {} }));
  const out = path.join(tmp, 'output');
  const summary = path.join(tmp, 'summary');
  fs.writeFileSync(out, '');
  fs.writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME,
    GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: after, GITHUB_RUN_ID: '99',
    GITHUB_API_URL: `http://127.0.0.1:${(github.address() as AddressInfo).port}`,
    GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: tmp, GITHUB_WORKSPACE: repo,
  };
  const all = { mode: 'deploy', vtctld: fake.address, auth: '{"Username":"deployer","Password":"s3cret-pw"}', 'github-token': 'ghs_token', 'deployment-environment': 'vitess', 'vschema-paths': 'vschema/*.json', ...inputs };
  return runDistAction(repo, env, all);
}

const liveHash = (k: string): string => hashVSchemaJson(k, fake.vschemaOf(k)!).hash;

describe('the action in deploy mode, end to end', () => {
  it('deploys the push through gRPC with static auth, records, summarises, and reports the GitHub Deployment', async () => {
    const r = await runAction({});
    expect(r.code, r.stdout).toBe(0);
    for (const k of Object.keys(V2)) expect(liveHash(k)).toBe(hashVSchemaJson(k, V2[k]!).hash);
    expect(fake.calls.every((c) => c.metadata.username === 'deployer')).toBe(true);
    expect(r.outputs['deploy-result']).toBe('deployed');
    const record = JSON.parse(fs.readFileSync(r.outputs.record!, 'utf8'));
    expect(record.deploy_id).toBe(`o/r@${after}`);
    expect(record.base.source).toBe(`git ${before.slice(0, 7)}`);
    expect(r.summary).toContain('deployed');
    expect(requests.map((x) => x.split(' ').slice(0, 2).join(' '))).toEqual(['POST /repos/o/r/deployments', 'POST /repos/o/r/deployments/42/statuses', 'POST /repos/o/r/deployments/42/statuses']);
    expect(JSON.parse(requests[0]!.split(' ').slice(2).join(' '))).toMatchObject({ ref: after, environment: 'vitess', required_contexts: [], auto_merge: false });
    expect(requests.map((x) => /"state":"(\w+)"/.exec(x)?.[1] ?? null)).toEqual([null, 'in_progress', 'success']);
    expect(r.stdout + r.summary + JSON.stringify(record)).not.toContain('s3cret-pw');
  }, 60_000);

  it('mode rollback (workflow_dispatch) undoes that deploy from its record: every keyspace back to its exact previous hash', async () => {
    const deployed = await runAction({ 'deployment-environment': '' });
    expect(deployed.code, deployed.stdout).toBe(0);
    const artifact = path.join(repo, 'record', 'deploy-record.json');
    fs.mkdirSync(path.dirname(artifact), { recursive: true });
    fs.copyFileSync(deployed.outputs.record!, artifact);
    // vtctld from the record: the input is left empty.
    const r = await runAction({ mode: 'rollback', 'rollback-record': 'record/deploy-record.json', vtctld: '', 'github-token': '' }, 'workflow_dispatch');
    expect(r.code, r.stdout).toBe(0);
    for (const k of Object.keys(V1)) expect(liveHash(k)).toBe(hashVSchemaJson(k, V1[k]!).hash);
    expect(r.outputs['rollback-result']).toBe('restored');
    const record = JSON.parse(fs.readFileSync(r.outputs.record!, 'utf8'));
    expect(record).toMatchObject({ kind: 'rollback', rollback_of: `o/r@${after}`, outcome: 'restored' });
    expect(r.summary).toContain(`Rollback of \`o/r@${after}\``);
    expect(r.stdout + r.summary + JSON.stringify(record)).not.toContain('s3cret-pw');
    // Again: nothing to do. A file that is not there: the step fails with a sentence.
    const again = await runAction({ mode: 'rollback', 'rollback-record': 'record/deploy-record.json', 'github-token': '' }, 'workflow_dispatch');
    expect(again.outputs['rollback-result']).toBe('nothing-to-do');
    const missing = await runAction({ mode: 'rollback', 'rollback-record': 'record/nope.json', 'github-token': '' }, 'workflow_dispatch');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('::error::vschema-guard rollback: cannot read record/nope.json: no such file (download the deploy record artifact first)');
  }, 60_000);

  it('a rejected keyspace fails the step before any write, with vtctld\'s text in the summary', async () => {
    await fake.stop();
    fake = await FakeVtctld.start({ auth: { username: 'deployer', password: 's3cret-pw' }, handlers: { buildKeyspace: (ks) => (ks === 'corder' ? 'vindexType "consistent_lookup_unique" not found' : null) } });
    fake.addCell('zone1');
    for (const k of Object.keys(V1)) fake.createKeyspace(k);
    for (const [k, v] of Object.entries(V1)) fake.setVSchema(k, v);
    fake.rebuildSrvVSchema();
    const r = await runAction({});
    expect(r.code).toBe(1);
    expect(r.outputs['deploy-result']).toBe('refused');
    expect(r.stdout).toContain('::error::vschema-guard deploy: refused before any write: rejected in corder');
    expect(r.summary).toContain('BuildKeyspace(corder): vindexType "consistent_lookup_unique" not found');
    expect(fake.callsOf('ApplyVSchema').filter((c) => !c.request.dry_run)).toEqual([]);
    expect(requests.map((x) => /"state":"(\w+)"/.exec(x)?.[1] ?? null)).toEqual([null, 'in_progress', 'failure']);
  }, 60_000);

  it('keyspace-map names a file whose name does not say its keyspace; keyspace deploys only that keyspace', async () => {
    const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' }).trim();
    git('mv', 'vschema/customer.json', 'vschema/vs_main.json');
    git('commit', '-qm', 'rename');
    after = git('rev-parse', 'HEAD');
    // Without the map the file is keyspace "vs_main": the deploy of keyspace customer is refused, nothing written.
    const unmapped = await runAction({ keyspace: 'customer', 'deployment-environment': '' });
    expect(unmapped.code).toBe(1);
    expect(unmapped.stdout).toContain('refused before any write: unknown-keyspace in customer');
    expect(unmapped.summary).toContain('customer: head has no such keyspace (it has corder, lookup, vs_main)');
    expect(fake.callsOf('ApplyVSchema').filter((c) => !c.request.dry_run)).toEqual([]);
    const r = await runAction({ keyspace: 'customer', 'keyspace-map': 'vschema/vs_main.json=customer', 'deployment-environment': '' });
    expect(r.code, r.stdout).toBe(0);
    expect(liveHash('customer')).toBe(hashVSchemaJson('customer', V2.customer!).hash);
    for (const k of ['corder', 'lookup']) expect(liveHash(k)).toBe(hashVSchemaJson(k, V1[k]!).hash);
    const record = JSON.parse(fs.readFileSync(r.outputs.record!, 'utf8'));
    expect(record.keyspaces.map((k: { name: string }) => k.name)).toEqual(['customer']);
    const bad = await runAction({ 'keyspace-map': 'customer' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error::vschema-guard deploy: input keyspace-map: keyspace map entry "customer" must be FILE=KEYSPACE');
  }, 60_000);
});
