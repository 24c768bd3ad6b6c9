// End to end: runs the built dist/index.js exactly as the runner does (GITHUB_* and INPUT_* env
// vars, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) over a temporary git repository with base
// and head commits, against a local HTTP server on 127.0.0.1 that plays the GitHub REST API.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runDistAction } from './run-dist.js';

interface Comment { id: number; html_url: string; body: string; user: { login: string; type: string } }

/** The fake GitHub API: state plus switches for failure scenarios. */
class FakeGitHub {
  comments: Comment[] = [];
  requests: string[] = [];
  fail500 = 0;
  forbid = false;
  /** The files the pull request changes. */
  prFiles = ['vschema/customer.json'];
  private nextId = 100;
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => this.handle(req, res, data));
  });

  private handle(req: http.IncomingMessage, res: http.ServerResponse, data: string): void {
    const url = new URL(req.url!, 'http://x');
    this.requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (this.fail500 > 0 && url.pathname.includes('/comments')) {
      this.fail500--;
      return send(500, { message: 'Server Error' });
    }
    if (this.forbid && url.pathname.includes('/comments')) {
      return send(403, { message: 'Resource not accessible by integration' }, { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' });
    }
    if (req.method === 'GET' && url.pathname === '/repos/o/r/pulls/1/files') {
      return send(200, this.prFiles.map((filename) => ({ filename, status: 'modified' })));
    }
    if (url.pathname === '/repos/o/r/issues/1/comments') {
      if (req.method === 'GET') return send(200, this.comments);
      const id = this.nextId++;
      const c = { id, html_url: `https://github.example/o/r/pull/1#issuecomment-${id}`, body: (JSON.parse(data) as { body: string }).body, user: { login: 'github-actions[bot]', type: 'Bot' } };
      this.comments.push(c);
      return send(201, c);
    }
    const m = /^\/repos\/o\/r\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m) {
      const c = this.comments.find((x) => x.id === Number(m[1]));
      if (!c) return send(404, { message: 'Not Found' });
      if (req.method === 'PATCH') {
        c.body = (JSON.parse(data) as { body: string }).body;
        return send(200, c);
      }
      if (req.method === 'DELETE') {
        this.comments = this.comments.filter((x) => x !== c);
        res.writeHead(204);
        res.end();
        return;
      }
    }
    send(404, { message: `no route ${req.method} ${url.pathname}` });
  }
}

const gh = new FakeGitHub();
let apiUrl = '';
let repo = '';
let baseSha = '';
let headSha = '';
const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const defaultRepo = (): string => repo;
const defaultBase = (): string => baseSha;
const defaultHead = (): string => headSha;
const gitIn = (dir: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' }).trim();

beforeAll(async () => {
  await new Promise<void>((r) => gh.server.listen(0, '127.0.0.1', () => r()));
  apiUrl = `http://127.0.0.1:${(gh.server.address() as AddressInfo).port}`;
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-e2e-'));
  const src = 'fixtures/diff/query-turns-scatter';
  fs.mkdirSync(path.join(repo, 'vschema'));
  for (const f of ['commerce.json', 'customer.json']) fs.copyFileSync(path.join(src, 'base', f), path.join(repo, 'vschema', f));
  fs.copyFileSync(path.join(src, 'queries.sql'), path.join(repo, 'queries.sql'));
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'base');
  baseSha = git('rev-parse', 'HEAD');
  // Head: the lookup vindex dropped (a routing regression) and a table without a primary vindex (an error).
  const head = JSON.parse(fs.readFileSync(path.join(src, 'head', 'customer.json'), 'utf8')) as { tables: Record<string, unknown> };
  head.tables.refund = {};
  fs.writeFileSync(path.join(repo, 'vschema', 'customer.json'), JSON.stringify(head, null, 2) + '\n');
  git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'head');
  headSha = git('rev-parse', 'HEAD');
}, 30_000);

afterAll(() => {
  gh.server.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

interface RunResult { code: number; stdout: string; outputs: Record<string, string>; summary: string }

/** Where and on which commits a run happens (default: the repository of beforeAll). */
interface RunWhere { repo: string; baseSha: string; headSha: string; defaults?: Record<string, string>; apiUrl?: string }

/** Runs dist/index.js like the runner, with `inputs` as INPUT_* variables. */
async function runAction(inputs: Record<string, string>, event: Record<string, unknown> = {}, where?: RunWhere): Promise<RunResult> {
  const { repo, baseSha, headSha } = where ?? { repo: defaultRepo(), baseSha: defaultBase(), headSha: defaultHead() };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-run-'));
  const eventPath = path.join(tmp, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify({
    pull_request: { number: 1, base: { sha: baseSha }, head: { sha: headSha, repo: { full_name: 'o/r' } } },
    ...event,
  }));
  const out = path.join(tmp, 'output');
  const summary = path.join(tmp, 'summary');
  fs.writeFileSync(out, '');
  fs.writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME,
    GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: where?.apiUrl ?? apiUrl, GITHUB_REPOSITORY: 'o/r',
    GITHUB_SHA: headSha, GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: tmp, GITHUB_WORKSPACE: repo,
  };
  const all = { ...(where?.defaults ?? { 'vschema-paths': 'vschema/*.json', queries: 'queries.sql' }), 'github-token': 'ghs_secret_token', ...inputs };
  return runDistAction(repo, env, all);
}

describe('the action, end to end', () => {
  it('creates one comment, annotates, writes outputs and summary, fails on the regression', async () => {
    const r = await runAction({});
    expect(r.code).toBe(1);
    expect(gh.comments).toHaveLength(1);
    expect(gh.comments[0]!.body).toContain('<!-- vschema-guard:report:default -->');
    expect(gh.comments[0]!.body).toContain('Routing regressions');
    expect(r.stdout).toMatch(/^::error title=vschema-guard primary-vindex-missing,file=vschema\/customer\.json,line=\d+,col=\d+::table "refund"/m);
    expect(r.outputs).toMatchObject({ result: 'fail', errors: '1', regressions: '1' });
    expect(fs.existsSync(r.outputs['report-json']!)).toBe(true);
    expect(JSON.parse(fs.readFileSync(r.outputs['report-json']!, 'utf8')).summary.verdict).toBe('fail');
    expect(r.summary).toContain('vschema-guard: 1 error');
    expect(r.stdout).not.toContain('ghs_secret_token');
    expect(r.outputs['comment-url']).toBe(gh.comments[0]!.html_url);
  }, 60_000);

  it('a second run updates the same comment instead of posting another', async () => {
    const before = gh.requests.length;
    const r = await runAction({ 'fail-on': 'never' });
    expect(r.code).toBe(0);
    expect(r.outputs.result).toBe('pass');
    expect(gh.comments).toHaveLength(1);
    expect(gh.requests.slice(before)).toContain(`PATCH /repos/o/r/issues/comments/${gh.comments[0]!.id}`);
    // Same report again: the body is unchanged, so nothing is rewritten.
    const n = gh.requests.length;
    await runAction({ 'fail-on': 'never' });
    expect(gh.requests.slice(n).filter((x) => x.startsWith('PATCH') || x.startsWith('POST'))).toEqual([]);
  }, 60_000);

  it('on 403 the result still comes from the findings, with a notice', async () => {
    gh.forbid = true;
    try {
      const r = await runAction({});
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::notice::vschema-guard: cannot comment on the pull request \(403 \(the endpoint needs: issues=write; pull_requests=write\)\)/);
      expect(r.summary).toContain('vschema-guard: 1 error');
      const ok = await runAction({ 'fail-on': 'never' });
      expect(ok.code).toBe(0);
    } finally {
      gh.forbid = false;
    }
  }, 60_000);

  it('retries a 500 and then succeeds', async () => {
    gh.comments = [];
    gh.fail500 = 1;
    const before = gh.requests.length;
    const r = await runAction({ 'fail-on': 'never' });
    expect(r.code).toBe(0);
    const calls = gh.requests.slice(before).filter((x) => x === 'GET /repos/o/r/issues/1/comments');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(gh.comments).toHaveLength(1);
  }, 60_000);

  it('fork pull requests get the summary and annotations, no comment', async () => {
    const n = gh.requests.length;
    const r = await runAction({}, { pull_request: { number: 1, base: { sha: baseSha }, head: { sha: headSha, repo: { full_name: 'someone/r' } } } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('::notice::vschema-guard: pull request from a fork');
    expect(gh.requests.slice(n).filter((x) => x.includes('/comments'))).toEqual([]);
  }, 60_000);

  it('passes quickly when the PR changes no VSchema file (and VSchema files exist)', async () => {
    gh.prFiles = ['README.md'];
    try {
      const r = await runAction({ 'vschema-paths': '', queries: '' });
      expect(r.code).toBe(0);
      expect(r.summary).toContain('no VSchema change in this pull request');
      expect(r.outputs.result).toBe('pass');
    } finally {
      gh.prFiles = ['vschema/customer.json'];
    }
  }, 60_000);

  it('the default vschema-paths finds the README layout (vschema/commerce.json, customer.json)', async () => {
    const r = await runAction({ 'vschema-paths': '', 'fail-on': 'error', comment: 'off' });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ result: 'fail', errors: '1' });
    expect(r.stdout).toMatch(/::error title=vschema-guard primary-vindex-missing,file=vschema\/customer\.json/);
  }, 60_000);

  it('vschema-paths matching no file fails and says which input to set', async () => {
    const r = await runAction({ 'vschema-paths': 'other/*.json', queries: '' });
    expect(r.code).toBe(1);
    expect(r.outputs.result).toBe('fail');
    expect(r.stdout).toMatch(/::error::vschema-guard: no VSchema file found.*vschema-paths \(other\/\*\.json\).*Set the vschema-paths input/);
  }, 60_000);

  it('a queries input matching no file fails (a missing corpus never passes)', async () => {
    const r = await runAction({ queries: 'nope/*.log', 'fail-on': 'never' });
    expect(r.code).toBe(1);
    expect(r.outputs.result).toBe('fail');
    expect(r.stdout).toMatch(/::error::vschema-guard: no file matches the queries input \(nope\/\*\.log\)/);
  }, 60_000);
});

describe('working-directory', () => {
  it('reads paths below it and annotates files relative to the repository root', async () => {
    const r = await runAction({ 'working-directory': 'vschema', 'vschema-paths': '*.json', queries: '', 'fail-on': 'error', comment: 'off' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/::error title=vschema-guard primary-vindex-missing,file=vschema\/customer\.json,line=\d+/);
  }, 60_000);
});

describe('two-workflow mode (post-report)', () => {
  it('posts a report made by another run, and refuses files that are not reports', async () => {
    gh.comments = [];
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-post-'));
    const report = path.join(tmp, 'report.md');
    fs.writeFileSync(report, '<!-- vschema-guard:report:default -->\n### ✅ vschema-guard: 0 errors\n');
    const r = await runAction({ 'post-report': report, 'pr-number': '1' }, { pull_request: undefined });
    expect(r.code).toBe(0);
    expect(gh.comments.map((c) => c.body)).toEqual(['<!-- vschema-guard:report:default -->\n### ✅ vschema-guard: 0 errors\n']);
    fs.writeFileSync(report, 'hello @everyone');
    const bad = await runAction({ 'post-report': report, 'pr-number': '1' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('is not a vschema-guard report');
  }, 60_000);
});

/** A repository laid out like the README's sample workflow, from the README example's fixtures. */
function readmeRepo(): { dir: string; base: string; head: string } {
  const EX = path.resolve('fixtures/examples/commerce-customer');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-readme-'));
  fs.mkdirSync(path.join(dir, 'vschema'));
  fs.mkdirSync(path.join(dir, 'queries'));
  fs.cpSync(path.join(EX, 'schema'), path.join(dir, 'schema'), { recursive: true });
  fs.copyFileSync(path.join(EX, 'topology.json'), path.join(dir, 'vschema', 'topology.json'));
  fs.copyFileSync(path.join(EX, 'queries.log'), path.join(dir, 'queries', 'prod-sample.log'));
  for (const f of ['commerce.json', 'customer.json']) fs.copyFileSync(path.join(EX, 'base', f), path.join(dir, 'vschema', f));
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '.');
  gitIn(dir, 'commit', '-qm', 'base');
  const base = gitIn(dir, 'rev-parse', 'HEAD');
  for (const f of ['commerce.json', 'customer.json']) fs.copyFileSync(path.join(EX, 'head', f), path.join(dir, 'vschema', f));
  gitIn(dir, 'commit', '-qam', 'head');
  return { dir, base, head: gitIn(dir, 'rev-parse', 'HEAD') };
}

/** The `with:` of the vschema-guard step of the README's sample workflow, verbatim. */
function readmeWorkflowInputs(): Record<string, string> {
  const readme = fs.readFileSync('README.md', 'utf8');
  const block = /```yaml\n(# \.github\/workflows\/vschema\.yml\n[\s\S]*?)```/.exec(readme)![1]!;
  const wf = parseYaml(block) as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }> };
  const step = Object.values(wf.jobs)[0]!.steps.find((s) => s.uses?.startsWith('vschema-guard/'))!;
  return Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, String(v)]));
}

describe('the README sample workflow, verbatim', () => {
  it('loads only the VSchemas (topology.json is the topology), and fails like the CLI example', async () => {
    const { dir, base, head } = readmeRepo();
    gh.prFiles = ['vschema/commerce.json', 'vschema/customer.json'];
    try {
      const inputs = readmeWorkflowInputs();
      expect(inputs).toMatchObject({ topology: 'vschema/topology.json' });
      const r = await runAction({ ...inputs, comment: 'off' }, {}, { repo: dir, baseSha: base, headSha: head, defaults: {} });
      const report = JSON.parse(fs.readFileSync(r.outputs['report-json']!, 'utf8')) as { head: { files: string[] }; base: { files: string[] }; topology: Record<string, string[]>; findings: { introduced: Array<{ file: string }> } };
      expect(report.head.files).toEqual(['vschema/commerce.json', 'vschema/customer.json']);
      expect(report.base.files).toEqual(['vschema/commerce.json', 'vschema/customer.json']);
      expect(Object.keys(report.topology).sort()).toEqual(['commerce', 'customer']);
      expect(report.findings.introduced.filter((f) => f.file.includes('topology'))).toEqual([]);
      expect(r.outputs).toMatchObject({ result: 'fail', errors: '1', regressions: '3' });
    } finally {
      gh.prFiles = ['vschema/customer.json'];
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('same inputs on both sides', () => {
  it('a newline-only PR with schema: nothing introduced, no annotation, passes with fail-on warning', async () => {
    const { dir, head: base } = readmeRepo();
    fs.appendFileSync(path.join(dir, 'vschema', 'customer.json'), '\n');
    gitIn(dir, 'commit', '-qam', 'newline');
    const head = gitIn(dir, 'rev-parse', 'HEAD');
    try {
      const r = await runAction({ 'vschema-paths': 'vschema/*.json', schema: 'schema', 'fail-on': 'warning', comment: 'off' }, {}, { repo: dir, baseSha: base, headSha: head, defaults: {} });
      expect(r.summary).not.toContain('no VSchema change'); // it is a VSchema change, checked in full
      expect(r.stdout).not.toMatch(/^::(error|warning) /m);
      expect(r.outputs).toMatchObject({ result: 'pass', errors: '0', warnings: '0' });
      expect(r.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a shallow clone', () => {
  it('fetches the base commit from origin, and without origin fails with the fix instead of comparing with nothing', async () => {
    const { dir, base, head } = readmeRepo();
    const shallow = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow]);
    const where = { repo: shallow, baseSha: base, headSha: head, defaults: { 'vschema-paths': 'vschema/*.json', topology: 'vschema/topology.json' } };
    try {
      expect(() => gitIn(shallow, 'cat-file', '-e', `${base}^{commit}`)).toThrow();
      const r = await runAction({ comment: 'off', 'fail-on': 'error' }, {}, where);
      expect(r.outputs).toMatchObject({ result: 'fail', errors: '1' });
      const report = JSON.parse(fs.readFileSync(r.outputs['report-json']!, 'utf8')) as { base: { files: string[]; label: string } };
      expect(report.base.files).toEqual(['vschema/commerce.json', 'vschema/customer.json']);

      const again = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-shallow-'));
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, again]);
      gitIn(again, 'remote', 'remove', 'origin');
      const bad = await runAction({ comment: 'off', 'fail-on': 'never' }, {}, { ...where, repo: again });
      expect(bad.code).toBe(1);
      expect(bad.outputs.result).toBe('fail');
      expect(bad.stdout).toMatch(/::error::vschema-guard: the base commit [0-9a-f]+ is not in this clone.*fetch-depth: 0/);
      fs.rmSync(again, { recursive: true, force: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(shallow, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('inputs users of other PR checks expect', () => {
  it('annotations: off annotates nothing, error only errors; the result is unchanged', async () => {
    const off = await runAction({ annotations: 'off', comment: 'off' });
    expect(off.stdout).not.toMatch(/^::(error|warning) /m);
    expect(off.outputs.result).toBe('fail');
    const err = await runAction({ annotations: 'error', comment: 'off' });
    expect(err.stdout).toMatch(/^::error title=vschema-guard primary-vindex-missing/m);
    expect(err.stdout).not.toMatch(/^::warning /m);
  }, 60_000);

  it('input-type, sql-column, count-column read a CSV export; default-keyspace and keyspace-map reach the report', async () => {
    const csv = path.join(defaultRepo(), 'export.txt');
    fs.writeFileSync(csv, 'id,stmt,n\n1,select * from customer where customer_id = 5,40\n');
    try {
      const r = await runAction({ queries: 'export.txt', 'input-type': 'csv', 'sql-column': 'stmt', 'count-column': 'n', 'default-keyspace': 'customer', 'keyspace-map': 'vschema/customer.json=customer', comment: 'off', 'fail-on': 'never' });
      const report = JSON.parse(fs.readFileSync(r.outputs['report-json']!, 'utf8')) as { corpus: { statements: number }; routing: { queries: Array<{ head: { error: string | null } }> } | null };
      expect(report.corpus.statements).toBe(40);
      expect(r.code).toBe(0);
      const bad = await runAction({ 'input-type': 'xml', comment: 'off' });
      expect(bad.stdout).toMatch(/input input-type: "xml" is not auto or one of/);
    } finally {
      fs.rmSync(csv, { force: true });
    }
  }, 60_000);

  it('cache: a second run reads its plans from the cache directory, same report; a broken cache only warns', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vg-cache-')), 'plans');
    try {
      const report = (r: RunResult): { routing: { cache?: { hits: number; misses: number } } } => JSON.parse(fs.readFileSync(r.outputs['report-json']!, 'utf8'));
      const plain = await runAction({ comment: 'off' });
      const cold = await runAction({ comment: 'off', cache: dir });
      const warm = await runAction({ comment: 'off', cache: dir });
      const c = report(cold).routing.cache!;
      expect(c.hits).toBe(0);
      expect(c.misses).toBeGreaterThan(0);
      expect(report(warm).routing.cache).toEqual({ hits: c.misses, misses: 0 });
      // One pack file, rewritten by each run, its figures in the log.
      expect(fs.readdirSync(dir)).toEqual(['plans.vgpack']);
      expect(warm.stdout).toContain(`vschema-guard: plan cache ${dir}: ${c.misses} plans, `);
      expect(warm.stdout).toMatch(/MB \(\d+ used by this run, 0 older kept, 0 dropped after 30 days unused, 0 dropped for cache-max-mb\)/);
      const strip = (r: RunResult): unknown => {
        const j = report(r);
        delete j.routing.cache;
        return j;
      };
      expect(strip(warm)).toEqual(strip(plain));
      expect(warm.outputs.result).toBe(plain.outputs.result);
      expect(warm.code).toBe(plain.code);
      // A cache path that cannot be a directory: a warning, the same result.
      fs.rmSync(dir, { recursive: true });
      fs.writeFileSync(dir, 'x');
      const broken = await runAction({ comment: 'off', cache: dir });
      expect(broken.stdout).toMatch(/^::warning::vschema-guard: plan cache .* not stored: /m);
      expect(broken.outputs.result).toBe(plain.outputs.result);
      expect(broken.code).toBe(plain.code);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  }, 90_000);

  it('an unreachable GitHub API costs a bounded time and is said once', async () => {
    const t0 = Date.now();
    const r = await runAction({}, {}, { repo: defaultRepo(), baseSha: defaultBase(), headSha: defaultHead(), defaults: { 'vschema-paths': 'vschema/*.json', queries: 'queries.sql' }, apiUrl: 'http://127.0.0.1:9' });
    expect(Date.now() - t0).toBeLessThan(40_000);
    expect(r.stdout.match(/the GitHub API is unreachable/g)).toHaveLength(1);
    expect(r.outputs.result).toBe('fail');
    expect(r.summary).toContain('vschema-guard: 1 error');
  }, 60_000);
});
