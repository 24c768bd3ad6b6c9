/**
 * The GitHub REST calls the action makes, through Octokit with the retry (5xx, 429) and throttling
 * (primary and secondary rate limits) plugins and a time limit per request. The one PR comment is
 * found by its hidden marker, updated in place, never duplicated (also when two runs race) and not
 * rewritten when its body is unchanged.
 */
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

/** Milliseconds a single API request may take. */
export const REQUEST_TIMEOUT_MS = 20_000;

export type Api = ReturnType<typeof getOctokit>;

/** Milliseconds of retrying an unreachable GitHub API (from its first network failure) before giving up on it. */
export const UNREACHABLE_BUDGET_MS = 10_000;

/**
 * A fetch that gives up on an unreachable API: after the first network failure, requests keep being
 * retried (Octokit's backoff) for at most `budgetMs` in total; then every further request is answered
 * at once with a 400 (which the retry plugin does not retry) and `log` is told once. `now` is injected.
 */
export function budgetedFetch(
  log: (msg: string) => void, budgetMs = UNREACHABLE_BUDGET_MS, now: () => number = Date.now, inner: typeof fetch = fetch,
): (url: string, init: RequestInit) => Promise<Response> {
  let firstFailure: number | null = null;
  let said = false;
  return async (url, init) => {
    if (firstFailure !== null && now() - firstFailure >= budgetMs) {
      if (!said) log(`vschema-guard: the GitHub API is unreachable (no answer for ${Math.round(budgetMs / 1000)} s of retries); giving up on it: the report is in the job summary and the outputs`);
      said = true;
      return new Response(JSON.stringify({ message: 'GitHub API unreachable: vschema-guard stopped retrying' }), { status: 400, headers: { 'content-type': 'application/json' } });
    }
    try {
      return await inner(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      firstFailure ??= now();
      throw e;
    }
  };
}

/** Builds the client. `log` receives retry/rate-limit notices. */
export function makeApi(token: string, baseUrl: string | undefined, log: (msg: string) => void): Api {
  return getOctokit(
    token,
    {
      baseUrl,
      request: { fetch: budgetedFetch(log) },
      retry: { retries: 3, doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
      throttle: {
        onRateLimit: (after: number, opts: { method: string; url: string }, _o: unknown, count: number) => {
          log(`GitHub rate limit on ${opts.method} ${opts.url}; retrying in ${after} s`);
          return count < 2;
        },
        onSecondaryRateLimit: (after: number, opts: { method: string; url: string }, _o: unknown, count: number) => {
          log(`GitHub secondary rate limit on ${opts.method} ${opts.url}; retrying in ${after} s`);
          return count < 2;
        },
      },
    },
    retry,
    throttling,
  );
}

/** A failed call, summarised for a log line (never the token). */
export function describeApiError(e: unknown): { status: number | null; message: string; permissions: string | null } {
  const err = e as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
  return {
    status: typeof err.status === 'number' ? err.status : null,
    message: String(err.message ?? e).split('\n')[0]!,
    permissions: err.response?.headers?.['x-accepted-github-permissions'] ?? null,
  };
}

/** Files of a PR (paginated; the API returns at most 3,000). */
export async function listPrFiles(api: Api, owner: string, repo: string, pull: number): Promise<Array<{ filename: string; status: string; previous_filename?: string }>> {
  return api.paginate(api.rest.pulls.listFiles, { owner, repo, pull_number: pull, per_page: 100 });
}

/** What happened to the comment. */
export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'skipped';

interface IssueComment {
  id: number;
  html_url?: string;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

/** Comments of the PR carrying `marker`, oldest first. */
async function markedComments(api: Api, owner: string, repo: string, issue: number, marker: string): Promise<IssueComment[]> {
  const all = (await api.paginate(api.rest.issues.listComments, { owner, repo, issue_number: issue, per_page: 100 })) as IssueComment[];
  return all.filter((c) => (c.body ?? '').includes(marker)).sort((a, b) => a.id - b.id);
}

/**
 * Creates or updates the one comment with `marker`. `create` = false only updates an existing one
 * (comment mode on-failure with a passing report). After creating, duplicates from a racing run
 * are removed, keeping the oldest.
 */
export async function upsertComment(
  api: Api,
  target: { owner: string; repo: string; issue: number },
  marker: string,
  body: string,
  create: boolean,
  onUrl: (url: string) => void = () => undefined,
): Promise<CommentOutcome> {
  const { owner, repo, issue } = target;
  const existing = await markedComments(api, owner, repo, issue, marker);
  const keep = existing[0];
  if (keep) {
    for (const dup of existing.slice(1)) await api.rest.issues.deleteComment({ owner, repo, comment_id: dup.id });
    if (keep.html_url) onUrl(keep.html_url);
    if ((keep.body ?? '') === body) return 'unchanged';
    await api.rest.issues.updateComment({ owner, repo, comment_id: keep.id, body });
    return 'updated';
  }
  if (!create) return 'skipped';
  const created = await api.rest.issues.createComment({ owner, repo, issue_number: issue, body });
  // Two runs may both have found no comment and both created one: keep the oldest, drop ours.
  const after = await markedComments(api, owner, repo, issue, marker);
  if (after.length > 1) {
    for (const dup of after.slice(1)) await api.rest.issues.deleteComment({ owner, repo, comment_id: dup.id });
    if ((after[0]!.body ?? '') !== body) await api.rest.issues.updateComment({ owner, repo, comment_id: after[0]!.id, body });
  }
  const url = after[0]?.html_url ?? (created.data as { html_url?: string }).html_url;
  if (url) onUrl(url);
  return 'created';
}

/** A GitHub Deployment status state we set. */
export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error';

/**
 * Creates a GitHub Deployment of `ref` to `environment` (no required status contexts: the deploy has
 * its own checks; no auto-merge). Returns its id. Needs `deployments: write`.
 */
export async function createDeployment(
  api: Api,
  t: { owner: string; repo: string; ref: string; environment: string; description: string; payload: Record<string, string> },
): Promise<number> {
  const res = await api.rest.repos.createDeployment({
    owner: t.owner, repo: t.repo, ref: t.ref, environment: t.environment, description: t.description.slice(0, 140),
    auto_merge: false, required_contexts: [], payload: t.payload, production_environment: false,
  });
  const id = (res.data as { id?: number }).id;
  if (typeof id !== 'number') throw new Error(`GitHub did not create the deployment: ${(res.data as { message?: string }).message ?? res.status}`);
  return id;
}

/** Sets a deployment's status (the description is cut to GitHub's 140 characters). */
export async function setDeploymentStatus(
  api: Api,
  t: { owner: string; repo: string; id: number; state: DeploymentState; description: string; logUrl?: string },
): Promise<void> {
  await api.rest.repos.createDeploymentStatus({
    owner: t.owner, repo: t.repo, deployment_id: t.id, state: t.state, description: t.description.slice(0, 140),
    ...(t.logUrl ? { log_url: t.logUrl } : {}),
  });
}
