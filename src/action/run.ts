/**
 * The action: loads the whole cluster at base and head, builds the report, and publishes it as a
 * job summary (always), annotations, outputs and one PR comment kept up to date. The check result
 * comes from the findings and the `fail-on` threshold, never from a failed API call.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as actionsCache from '@actions/cache';
import * as core from '@actions/core';
import { type Report, buildReport } from '../diff/build-report.js';
import { filePlanCache } from '../io/plan-cache.js';
import { keepShown, tee } from '../diff/query-sinks.js';
import { spillQueries } from '../io/spill-queries.js';
import { readCorpus } from '../io/read-corpus.js';
import { changedFiles, ensureCommit, readSchemaDirAtRef, refExists, shortSha } from '../io/git.js';
import { findFiles, globMatcher } from '../io/glob-files.js';
import { otherInputs, vschemaFilesAtHead, vschemaSides } from '../io/vschema-files.js';
import { keyspaceNameFor, loadConfig, parseKeyspaceMap } from '../io/load-config.js';
import type { InputType } from '../corpus/formats.js';
import { readSchemaDir } from '../io/read-inputs.js';
import { readTopologyFile } from '../io/read-topology.js';
import { streamJson } from '../report/json-stream.js';
import { COMMENT_LIMIT, MARKDOWN_ROWS, marker, plural, renderMarkdown } from '../report/markdown.js';
import { boundHeapGrowth } from '../cli/heap-growth.js';
import { VERSION } from '../cli/usage.js';
import type { InputFile } from '../vschema/load.js';
import { planAnnotations } from './annotations.js';
import { restorePlanCache, savePlanCache } from './persist-cache.js';
import { readTarget } from './event.js';
import { type Api, createDeployment, describeApiError, listPrFiles, makeApi, setDeploymentStatus, upsertComment } from './github-api.js';
import { runDeployMode } from './deploy-mode.js';
import { runRollbackMode } from './rollback-mode.js';
import { fetchJson } from '../io/fetch-json.js';
import { gitLiveMatcher } from '../io/live-matches.js';
import { writeJsonAtomic } from '../io/write-json.js';
import { type ActionInputs, parseInputs } from './inputs.js';
import { runMigrationsMode, type MigrationsModeDeps } from './migrations-mode.js';
import { type ConnectionSettings, loadConnectionOptions, resolveConnectionOptions } from '../vtctld/connection-options.js';
import type { VtctldClient } from '../vtctld/client.js';
import { createVtctldClient } from '../vtctld/grpc-client.js';

/** Summary budget: GitHub accepts 1 MiB per step summary. */
const SUMMARY_LIMIT = 1_000_000;

/** Runs the action; reports any thrown value through core.setFailed. */
export async function run(): Promise<void> {
  try {
    const inputs = parseInputs((n) => core.getInput(n));
    process.chdir(inputs.workingDirectory);
    await runIn(inputs);
  } catch (e) {
    core.setFailed(`vschema-guard: ${(e as Error).message ?? String(e)}`);
  }
}

async function runIn(inputs: ActionInputs): Promise<void> {
  if (inputs.mode === 'migrations') return runMigrationsMode(inputs.migrations, process.env, migrationsModeDeps());
  if (inputs.mode === 'rollback') return rollbackFromRecord(inputs);
  const target = readTarget(process.env);
  const api = inputs.githubToken ? makeApi(inputs.githubToken, process.env.GITHUB_API_URL, (m) => core.info(m)) : null;
  if (inputs.postReport) return postReport(api, inputs, target);
  if (inputs.mode === 'deploy') return deployFromCheckout(inputs, target, api);
  // VSchema files: the vschema-paths globs, or (default) every JSON file named or shaped like a
  // VSchema; files given as topology, config, schema or queries never count.
  const isOther = otherInputs([inputs.topology, inputs.config], [inputs.schema, inputs.cache], inputs.queries);
  const selection = { globs: inputs.vschemaPaths.length ? inputs.vschemaPaths : null, exclude: isOther };
  const described = inputs.vschemaPaths.length ? `vschema-paths (${inputs.vschemaPaths.join(', ')})` : 'the default vschema-paths (JSON files named vschema*.json, under a vschema* folder, or whose content is a VSchema)';
  // Paths in the report are relative to working-directory; the PR's file list, annotations and links
  // are relative to the repository root.
  const rel = process.env.GITHUB_WORKSPACE ? path.relative(process.env.GITHUB_WORKSPACE, process.cwd()).split(path.sep).join('/') : '';
  const prefix = rel && !rel.startsWith('..') ? rel + '/' : '';
  const fromRoot = (p: string): string => prefix + p;
  const toLocal = (p: string): string | null => (p.startsWith(prefix) ? p.slice(prefix.length) : null);
  const fail = async (line: string): Promise<void> => {
    await core.summary.addRaw(line, true).write();
    setOutputs({ result: 'fail', errors: 0, warnings: 0, regressions: 0, 'breaking-changes': 0 });
    core.setFailed(line);
  };

  // 1. Which files changed (PR API, paginated; git diff as the fallback).
  let changed: string[] | null = null;
  if (target.pr && api) {
    try {
      changed = (await listPrFiles(api, target.owner, target.repo, target.pr.number))
        .flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])])
        .flatMap((p) => toLocal(p) ?? []);
    } catch (e) {
      core.info(`could not list the PR files (${describeApiError(e).message}); using git diff`);
    }
  }
  if (changed === null && target.baseSha && refExists(target.baseSha)) {
    try {
      changed = changedFiles(target.baseSha, target.headSha).flatMap((c) => [c.path, ...(c.from ? [c.from] : [])]).flatMap((p) => toLocal(p) ?? []);
    } catch {
      changed = null;
    }
  }
  const headOnly = vschemaFilesAtHead('.', selection);
  const headSet = new Set(headOnly.map((f) => f.path));
  const maybeVSchema = selection.globs ? globMatcher(selection.globs) : (p: string): boolean => p.toLowerCase().endsWith('.json') && !fs.existsSync(p); // a deleted JSON file may have been one
  const relevant = (p: string): boolean => headSet.has(p) || isOther(p) || (!isOther(p) && maybeVSchema(p));
  if (changed !== null && target.pr && headOnly.length > 0 && !changed.some(relevant)) {
    const line = `vschema-guard: no VSchema change in this pull request (${plural(changed.length, 'file')} changed, ${plural(headOnly.length, 'VSchema file')} unchanged): nothing to check.`;
    await core.summary.addRaw(line, true).write();
    setOutputs({ result: 'pass', errors: 0, warnings: 0, regressions: 0, 'breaking-changes': 0 });
    core.info(line);
    return;
  }

  // 2. The whole cluster at head (working tree) and at base (git, fetching the commit if needed).
  let baseRef: string | null = null;
  if (target.baseSha) {
    const got = ensureCommit(target.baseSha);
    if ('error' in got) return fail(`vschema-guard: ${got.error}`);
    baseRef = got.ref;
  }
  const sides = vschemaSides('.', baseRef, selection);
  if (sides.head.length === 0 && sides.base.length === 0) {
    return fail(`vschema-guard: no VSchema file found in ${process.cwd()}: nothing matches ${described}. Set the vschema-paths input to the globs of your VSchema files (e.g. "vschema/*.json"); a required check never passes on nothing.`);
  }
  const headFiles: InputFile[] = sides.head;
  const baseFiles: InputFile[] = sides.base;
  const baseLabel = baseRef ? shortSha(baseRef) : '(none)';

  // 3. Inputs of the report.
  const cfg = fs.existsSync(inputs.config) ? loadConfig(inputs.config) : loadConfig(undefined);
  const queryFiles = inputs.queries.length ? findFiles('.', inputs.queries) : [];
  if (inputs.queries.length && queryFiles.length === 0) {
    return fail(`vschema-guard: no file matches the queries input (${inputs.queries.join(', ')}) in ${process.cwd()}: fix the globs or remove the input; routing is never checked on nothing.`);
  }
  if (queryFiles.length) boundHeapGrowth();
  const corpus = queryFiles.length
    ? await readCorpus(queryFiles, inputs.inputType === 'auto' ? undefined : (inputs.inputType as InputType), undefined, { sql: inputs.sqlColumn, count: inputs.countColumn })
    : null;
  for (const p of corpus?.problems ?? []) core.warning(p.message, { file: fromRoot(p.file), startLine: p.line || undefined });
  let topology: unknown = null;
  if (inputs.topology) {
    const t = readTopologyFile(inputs.topology);
    if ('error' in t) core.warning(t.error);
    else topology = t.spec;
  }
  const ddl = inputs.schema ? readSchemaDir(inputs.schema) : { files: [], findings: [] };
  // Both sides get the same inputs: the DDL as it was at the base commit for the base.
  const baseDdl = inputs.schema ? (baseRef ? readSchemaDirAtRef(baseRef, inputs.schema) : []) : undefined;
  // The plan cache of earlier runs (the `cache` input): a problem with it is a warning, never a failure.
  const cacheDir = inputs.cache ? path.resolve(inputs.cache) : null;
  let saveKey: string | null = null;
  if (cacheDir) {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
    } catch (e) {
      core.warning(`vschema-guard: plan cache ${inputs.cache}: ${(e as Error).message}`);
    }
    const config = JSON.stringify([VERSION, fs.existsSync(inputs.config) ? fs.readFileSync(inputs.config, 'utf8') : '', inputs.topology, inputs.queries, inputs.defaultKeyspace, inputs.vschemaPaths]);
    saveKey = await restorePlanCache(actionsCache, cacheDir, { config, pr: target.pr?.number ?? inputs.prNumber, runId: process.env.GITHUB_RUN_ID ?? '0', runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? '1' }, core);
  }
  const planCache = cacheDir ? filePlanCache(cacheDir, VERSION, { limits: inputs.cacheLimits }) : undefined;
  if (planCache?.problem) core.warning(`vschema-guard: plan cache ${inputs.cache}: ${planCache.problem}; its plans are computed again`);
  const dir = path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'vschema-guard');
  fs.mkdirSync(dir, { recursive: true });
  // Of the compared statements only the markdown's rows are kept; report.json gets each as it is
  // compared (a temporary file), and is written as soon as the report is built.
  const spill = spillQueries(dir);
  const shown = keepShown(MARKDOWN_ROWS);
  let report: Report;
  try {
    report = buildReport({
      base: { label: baseLabel, files: baseFiles },
      head: { label: target.headSha.slice(0, 7), files: headFiles, findings: [...cfg.findings, ...ddl.findings] },
      corpus: corpus ? { entries: corpus.entries, files: queryFiles, lines: corpus.lines, total: corpus.total } : null,
      topology, ddl: ddl.files, baseDdl, config: { ...cfg.config, defaultKeyspace: inputs.defaultKeyspace ?? cfg.config.defaultKeyspace },
      keyspaceNameFor: keyspaceNameFor(cfg.config, parseKeyspaceMap(inputs.keyspaceMap)), failOn: inputs.failOn, version: VERSION,
      querySink: tee(spill, shown),
      planCache,
    });
    const fd = fs.openSync(path.join(dir, 'report.json'), 'w');
    try {
      streamJson(report, (chunk) => fs.writeSync(fd, chunk), undefined, spill.splices());
      fs.writeSync(fd, '\n');
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    spill.close();
  }
  const flushed = planCache?.flush();
  if (planCache?.rejected) core.warning(`vschema-guard: plan cache ${inputs.cache}: ${planCache.rejected} unreadable entries ignored (planned again)`);
  if (planCache?.failedWrites) core.warning(`vschema-guard: plan cache ${inputs.cache}: plans not stored: ${planCache.writeError}`);
  if (flushed) {
    core.info(`vschema-guard: plan cache ${inputs.cache}: ${flushed.entries} plans, ${(flushed.bytes / 2 ** 20).toFixed(1)} MB (${flushed.used} used by this run, ${flushed.kept} older kept, ${flushed.expired} dropped after ${inputs.cacheLimits.maxAgeDays} days unused, ${flushed.overSize} dropped for cache-max-mb)${flushed.unchanged ? ': unchanged, not rewritten' : ''}`);
    if (flushed.usedDropped) core.warning(`vschema-guard: plan cache ${inputs.cache}: this run's plans alone exceed cache-max-mb ${inputs.cacheLimits.maxBytes / 2 ** 20}: ${flushed.usedDropped} are planned again next time`);
  }
  if (cacheDir && saveKey) await savePlanCache(actionsCache, cacheDir, saveKey, core, flushed?.unchanged === true);

  // 4. Publish: files and outputs, summary, annotations, comment.
  const serverUrl = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const linkBase = target.owner ? `${serverUrl}/${target.owner}/${target.repo}/blob/${target.headSha}/${prefix}` : null;
  const rows = shown.rows();
  const body = renderMarkdown(report, { id: inputs.commentId, linkBase, rows });
  fs.writeFileSync(path.join(dir, 'report.md'), body);
  setOutputs({
    result: report.summary.verdict, errors: report.summary.errors, warnings: report.summary.warnings,
    regressions: report.summary.regressions, 'breaking-changes': report.summary.breaking_changes,
    'report-json': path.join(dir, 'report.json'), 'report-markdown': path.join(dir, 'report.md'),
  });
  await core.summary.addRaw(renderMarkdown(report, { id: inputs.commentId, linkBase, limit: SUMMARY_LIMIT, rows }), true).write();
  for (const a of planAnnotations(report.findings.introduced.map((f) => ({ ...f, file: fromRoot(f.file) })), new Set((changed ?? []).map(fromRoot)), inputs.annotations)) {
    const props = { file: a.file, startLine: a.line, startColumn: a.column, title: a.title };
    if (a.level === 'error') core.error(a.message, props);
    else if (a.level === 'warning') core.warning(a.message, props);
    else core.notice(a.message);
  }
  await publishComment(api, inputs, target, report, body);

  if (report.summary.verdict === 'fail') core.setFailed(`vschema-guard: ${report.summary.reasons.join('; ')}`);
  else core.info(`vschema-guard: pass (${report.vschema_changes.length} VSchema changes, ${report.deploy_plan.length} deploy steps)`);
}

/**
 * Second half of the fork-safe pattern (a `workflow_run` workflow with write permissions): posts the
 * markdown an unprivileged run produced. The file is data: it is never executed, it must carry our
 * marker and it is capped at the comment size.
 */
async function postReport(api: Api | null, inputs: ActionInputs, target: ReturnType<typeof readTarget>): Promise<void> {
  const pr = inputs.prNumber ?? target.pr?.number ?? null;
  if (!pr) throw new Error('post-report needs pr-number (the pull request the report belongs to)');
  if (!api) throw new Error('post-report needs github-token');
  let body = fs.readFileSync(inputs.postReport!, 'utf8');
  if (!body.startsWith(marker(inputs.commentId))) throw new Error(`${inputs.postReport} is not a vschema-guard report for comment-id "${inputs.commentId}"`);
  if (body.length > COMMENT_LIMIT) body = body.slice(0, COMMENT_LIMIT);
  const outcome = await upsertComment(api, { owner: target.owner, repo: target.repo, issue: pr }, marker(inputs.commentId), body, true, (url) => core.setOutput('comment-url', url));
  core.info(`vschema-guard: PR comment ${outcome}`);
}

/**
 * `mode: deploy`: reads the VSchemas of the pushed tree and of the push's `before` commit (fetched when
 * the clone is shallow; a deploy never compares with nothing) and runs src/action/deploy-mode.ts with
 * @actions/core, the gRPC client and Octokit.
 */
async function deployFromCheckout(inputs: ActionInputs, target: ReturnType<typeof readTarget>, api: Api | null): Promise<void> {
  const isOther = otherInputs([inputs.topology, inputs.config], [inputs.schema, inputs.cache], inputs.queries);
  const selection = { globs: inputs.vschemaPaths.length ? inputs.vschemaPaths : null, exclude: isOther };
  if (!target.baseSha) return core.setFailed('vschema-guard deploy: no base commit (the push event has no "before"): nothing to compare the live VSchemas with');
  const got = ensureCommit(target.baseSha);
  if ('error' in got) return core.setFailed(`vschema-guard deploy: ${got.error}`);
  const sides = vschemaSides('.', got.ref, selection);
  if (sides.head.length === 0) return core.setFailed(`vschema-guard deploy: no VSchema file found in ${process.cwd()}; set vschema-paths. A deploy never runs on nothing.`);
  const cfg = fs.existsSync(inputs.config) ? loadConfig(inputs.config) : loadConfig(undefined);
  let keyspaceMap;
  try {
    keyspaceMap = parseKeyspaceMap(inputs.keyspaceMap);
  } catch (e) {
    return core.setFailed(`vschema-guard deploy: input keyspace-map: ${(e as Error).message}`);
  }
  const nameFor = keyspaceNameFor(cfg.config, keyspaceMap);
  const dir = path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'vschema-guard');
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl = process.env.GITHUB_RUN_ID && target.owner ? `${server}/${target.owner}/${target.repo}/actions/runs/${process.env.GITHUB_RUN_ID}` : null;
  await runDeployMode(
    inputs.deploy,
    {
      target, env: process.env, headFiles: sides.head, baseFiles: sides.base, baseLabel: got.ref ? shortSha(got.ref) : '(none)',
      config: cfg.config, keyspaceNameFor: nameFor, defaultRecordPath: path.join(dir, 'deploy-record.json'), version: VERSION, runUrl,
    },
    {
      connect: connectWith,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      fetchJson,
      writeRecord: (p, r) => writeJsonAtomic(p, r),
      summary: async (md) => {
        await core.summary.emptyBuffer().addRaw(md, true).write({ overwrite: true });
      },
      info: (l) => core.info(l),
      notice: (l) => core.notice(l),
      output: (n, v) => core.setOutput(n, v),
      fail: (m) => core.setFailed(m),
      liveMatcher: (head) => gitLiveMatcher(head, nameFor),
      deployments: api && target.owner
        ? {
            create: (ref, environment, description, payload) => createDeployment(api, { owner: target.owner, repo: target.repo, ref, environment, description, payload }),
            status: (id, state, description) => setDeploymentStatus(api, { owner: target.owner, repo: target.repo, id, state, description, logUrl: runUrl ?? undefined }),
          }
        : null,
    },
  );
}

/** The `auth` input as the file `resolveConnectionOptions` reads (never written to disk). */
function connectWith(settings: ConnectionSettings, authJson: string | null): { client: VtctldClient; address: string } {
  const options = resolveConnectionOptions(
    authJson ? { ...settings, authFile: '(input auth)' } : settings,
    (p) => (authJson && p === '(input auth)' ? Buffer.from(authJson) : fs.readFileSync(p)),
  );
  return { client: createVtctldClient(options), address: options.address };
}

/** `mode: rollback` through @actions/core, fs and the gRPC client. */
async function rollbackFromRecord(inputs: ActionInputs): Promise<void> {
  const dir = path.join(process.env.RUNNER_TEMP ?? os.tmpdir(), 'vschema-guard');
  await runRollbackMode(inputs.rollback, { defaultRecordPath: path.join(dir, 'rollback-record.json'), version: VERSION }, {
    connect: connectWith,
    readFile: (p) => fs.readFileSync(p, 'utf8'),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    writeRecord: (p, r) => writeJsonAtomic(p, r),
    summary: async (md) => {
      await core.summary.emptyBuffer().addRaw(md, true).write({ overwrite: true });
    },
    info: (l) => core.info(l),
    output: (n, v) => core.setOutput(n, v),
    fail: (m) => core.setFailed(m),
  });
}

/** `mode: migrations` through @actions/core and the gRPC client. */
function migrationsModeDeps(): MigrationsModeDeps {
  return {
    connect: (settings) => createVtctldClient(loadConnectionOptions(settings)),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    summary: async (md) => {
      await core.summary.emptyBuffer().addRaw(md, true).write({ overwrite: true });
    },
    info: (l) => core.info(l),
    output: (n, v) => core.setOutput(n, v),
    fail: (m) => core.setFailed(m),
  };
}

function setOutputs(o: Record<string, string | number>): void {
  for (const [k, v] of Object.entries(o)) core.setOutput(k, String(v));
}

/** Comment policy: `update` posts and keeps one comment current; `on-failure` posts only when failing
 * (but keeps an existing one current); `off` never calls the comments API. */
async function publishComment(api: Api | null, inputs: ActionInputs, target: ReturnType<typeof readTarget>, report: Report, body: string): Promise<void> {
  if (!target.pr || inputs.comment === 'off') return;
  if (!api) {
    core.notice('vschema-guard: no github-token, so no PR comment; the report is in the job summary.');
    return;
  }
  if (target.pr.fork && target.event === 'pull_request') {
    core.notice('vschema-guard: pull request from a fork: its token is read-only, so the report is in the job summary and annotations, not a PR comment. See the README for the two-workflow pattern.');
    return;
  }
  try {
    const outcome = await upsertComment(api, { owner: target.owner, repo: target.repo, issue: target.pr.number }, marker(inputs.commentId), body, inputs.comment === 'update' || report.summary.verdict === 'fail', (url) => core.setOutput('comment-url', url));
    core.info(`vschema-guard: PR comment ${outcome}`);
  } catch (e) {
    const err = describeApiError(e);
    const perms = err.permissions ? ` (the endpoint needs: ${err.permissions})` : '';
    core.notice(
      err.status === 403
        ? `vschema-guard: cannot comment on the pull request (403${perms}); add "permissions: pull-requests: write" to the workflow. The report is in the job summary.`
        : `vschema-guard: could not write the PR comment (${err.status ?? 'network'}: ${err.message}); the report is in the job summary.`,
    );
  }
}
