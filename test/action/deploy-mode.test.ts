import { describe, expect, it } from 'vitest';
import { type DeployModeContext, type DeployModeDeps, runDeployMode } from '../../src/action/deploy-mode.js';
import { parseInputs } from '../../src/action/inputs.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { DeployRecord } from '../../src/deploy/record.js';
import { hashLive } from '../../src/deploy/live-hash.js';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { ConnectionOptionsError } from '../../src/vtctld/connection-options.js';
import { MemoryVtctld } from '../fakes/memory-vtctld.js';
import { V1, V2 } from '../deploy/helpers.js';

const SHA = '4f1c2e9d0000000000000000000000000000abcd';
const files = (side: Record<string, VSchemaJson>) => Object.entries(side).map(([k, v]) => ({ path: `vschema/${k}.json`, text: JSON.stringify(v) }));

function context(over: Partial<DeployModeContext> = {}): DeployModeContext {
  return {
    target: { event: 'push', baseSha: 'b'.repeat(40), headSha: SHA, pr: null, owner: 'acme', repo: 'shop' },
    env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: SHA },
    headFiles: files(V2), baseFiles: files(V1), baseLabel: 'bbbbbbb', config: DEFAULT_CONFIG,
    keyspaceNameFor: (p) => p.replace(/^vschema\//, '').replace(/\.json$/, ''),
    defaultRecordPath: '/tmp/rt/vschema-guard/deploy-record.json', version: '0.1.0', runUrl: 'https://github.com/acme/shop/actions/runs/1',
    ...over,
  };
}

function recorder(fake: MemoryVtctld, api: 'ok' | 'down' | 'none' = 'ok') {
  let t = Date.UTC(2026, 11, 6, 4);
  const r = {
    summaries: [] as string[], outputs: {} as Record<string, string>, failed: null as string | null, notices: [] as string[],
    records: [] as Array<[string, DeployRecord]>, deployments: [] as string[], connected: [] as Array<[string | undefined, string | null]>,
  };
  const deps: DeployModeDeps = {
    connect: (s, auth) => {
      if (!s.vtctld) throw new ConnectionOptionsError('--vtctld HOST:PORT is required');
      r.connected.push([s.vtctld, auth]);
      return { client: fake, address: s.vtctld };
    },
    now: () => (t += 4), sleep: async (ms) => void (t += ms), fetchJson: async () => ({}),
    writeRecord: (p, rec) => void r.records.push([p, structuredClone(rec)]),
    summary: async (md) => void r.summaries.push(md),
    info: () => {}, notice: (l) => void r.notices.push(l),
    output: (n, v) => void (r.outputs[n] = v), fail: (m) => void (r.failed = m),
    deployments: api === 'none' ? null : {
      create: async (ref, env, desc, payload) => {
        if (api === 'down') throw new Error('HttpError: Resource not accessible by integration');
        r.deployments.push(`create ${ref.slice(0, 7)} ${env} "${desc}" ${payload.deploy_id}`);
        return 7;
      },
      status: async (id, state, desc) => void r.deployments.push(`status ${id} ${state} "${desc}"`),
    },
  };
  return { r, deps };
}

const inputs = (o: Record<string, string> = {}) => parseInputs((n) => ({ mode: 'deploy', vtctld: '127.0.0.1:15999', 'deployment-environment': 'production-vitess', ...o })[n] ?? '').deploy;

describe('action mode: deploy', () => {
  it('deploys the push (base = before), writes the record, the summary, the outputs and a GitHub Deployment in_progress → success', async () => {
    const fake = new MemoryVtctld(['zone1', 'zone2'], V1);
    const { r, deps } = recorder(fake);
    await runDeployMode(inputs({ auth: '{"Username":"u","Password":"p"}' }), context(), deps);
    expect(r.failed).toBeNull();
    expect(r.connected).toEqual([['127.0.0.1:15999', '{"Username":"u","Password":"p"}']]);
    for (const k of Object.keys(V2)) expect(hashLive(k, fake.getVSchemaSync(k)).hash).toBe(r.records.at(-1)![1].keyspaces.find((x) => x.name === k)!.hashes.head);
    expect(r.outputs).toEqual({ 'deploy-result': 'deployed', record: '/tmp/rt/vschema-guard/deploy-record.json', result: 'pass' });
    expect(r.records.at(-1)![1].deploy_id).toBe(`acme/shop@${SHA}`);
    expect(r.records.at(-1)![1].base.source).toBe('git bbbbbbb');
    expect(r.deployments).toEqual([
      `create 4f1c2e9 production-vitess "vschema-guard deploy to 127.0.0.1:15999" acme/shop@${SHA}`,
      'status 7 in_progress "deploying VSchemas to 127.0.0.1:15999"',
      'status 7 success "deployed lookup → corder → customer"',
    ]);
    const md = r.summaries.at(-1)!;
    expect(md).toContain(`### ✅ vschema-guard: Deploy \`acme/shop@${SHA}\`: deployed`);
    expect(md).toMatch(/\| 1 \| lookup \| apply \| verified \| `[0-9a-f]{12}` \| `[0-9a-f]{12}` \| `[0-9a-f]{12}` \| \d+ ms \|/);
    // The secret is never in outputs, records or summaries.
    expect(JSON.stringify([r.outputs, r.summaries, r.records, r.deployments, r.notices])).not.toContain('Password');
  });

  it('drift: the step fails, the summary shows what differs, the deployment is a failure', async () => {
    const fake = new MemoryVtctld(['zone1'], { ...V1, customer: { ...V1.customer!, vindexes: { hash: { type: 'xxhash' } } } });
    const { r, deps } = recorder(fake);
    await runDeployMode(inputs(), context(), deps);
    expect(r.failed).toMatch(/^vschema-guard deploy: refused before any write: drift in customer$/);
    expect(r.outputs['deploy-result']).toBe('refused');
    expect(r.summaries.at(-1)).toContain('~ vindexes.hash.type: "hash" → "xxhash"');
    expect(r.deployments.at(-1)).toBe('status 7 failure "refused before any write: drift in customer"');
    expect(fake.count('ApplyVSchema')).toBe(0);
  });

  it('tolerates the GitHub API being unavailable: a notice, and the deploy still happens', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { r, deps } = recorder(fake, 'down');
    await runDeployMode(inputs(), context(), deps);
    expect(r.failed).toBeNull();
    expect(r.outputs['deploy-result']).toBe('deployed');
    expect(r.notices[0]).toMatch(/could not create a GitHub Deployment \(HttpError: Resource not accessible by integration\); deploying anyway/);
  });

  it('dry-run: no deployment, nothing written, the plan in the summary; record-file honoured', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { r, deps } = recorder(fake);
    await runDeployMode(inputs({ 'dry-run': 'true', 'record-file': 'out/plan.json' }), context(), deps);
    expect(r.failed).toBeNull();
    expect(r.deployments).toEqual([]);
    expect(fake.count('ApplyVSchema')).toBe(0);
    expect(r.outputs).toMatchObject({ 'deploy-result': 'planned', record: 'out/plan.json' });
    expect(r.summaries.at(-1)).toContain('**dry run**');
  });

  it('a missing vtctld input fails the step with the option named; a non-push event is noted', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { r, deps } = recorder(fake, 'none');
    await runDeployMode(inputs({ vtctld: '' }), context({ target: { ...context().target, event: 'workflow_dispatch' } }), deps);
    expect(r.failed).toBe('vschema-guard deploy: --vtctld HOST:PORT is required');
    expect(r.outputs['deploy-result']).toBe('error');
    expect(r.notices[0]).toBe('vschema-guard deploy: this run is a workflow_dispatch event, not a push; base is bbbbbbb');
  });

  it('inputs: booleans checked, auth and auth-file exclusive, vtgate-http a list', () => {
    expect(inputs({ 'vtgate-http': 'http://a:1\nhttp://b:2' }).vtgateHttp).toEqual(['http://a:1', 'http://b:2']);
    expect(() => inputs({ 'dry-run': 'yes' })).toThrow('input dry-run: "yes" is not true or false');
    expect(() => inputs({ auth: '{}', 'auth-file': 'a.json' })).toThrow('inputs auth and auth-file: give one of them, not both');
    expect(inputs({ keyspace: 'customer, corder' }).keyspaces).toEqual(['customer', 'corder']);
    expect(inputs().keyspaces).toEqual([]);
  });

  it('keyspace: only the named keyspaces are deployed; the others stay as they are live', async () => {
    const fake = new MemoryVtctld(['zone1'], V1);
    const { r, deps } = recorder(fake, 'none');
    await runDeployMode(inputs({ keyspace: 'customer\ncorder' }), context(), deps);
    expect(r.failed).toBeNull();
    const rec = r.records.at(-1)![1];
    expect(rec.keyspaces.map((k) => k.name)).toEqual(['corder', 'customer']);
    for (const k of rec.keyspaces) expect(hashLive(k.name, fake.getVSchemaSync(k.name)).hash).toBe(k.hashes.head);
    const before = new MemoryVtctld(['zone1'], V1);
    expect(hashLive('lookup', fake.getVSchemaSync('lookup')).hash).toBe(hashLive('lookup', before.getVSchemaSync('lookup')).hash);
  });
});
