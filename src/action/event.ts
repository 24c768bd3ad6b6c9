/** What the workflow run is about: the base and head commits and, for PRs, the PR. */
import fs from 'node:fs';

/** The comparison the run makes. */
export interface RunTarget {
  event: string;
  /** Commit to compare against (null: nothing to compare, check the tree alone). */
  baseSha: string | null;
  headSha: string;
  pr: { number: number; fork: boolean } | null;
  owner: string;
  repo: string;
}

/** Reads GITHUB_EVENT_NAME / GITHUB_EVENT_PATH / GITHUB_REPOSITORY / GITHUB_SHA. Throws on missing env. */
export function readTarget(env: NodeJS.ProcessEnv): RunTarget {
  const event = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '/').split('/');
  let payload: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (env.GITHUB_EVENT_PATH && fs.existsSync(env.GITHUB_EVENT_PATH)) payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const sha = env.GITHUB_SHA ?? 'HEAD';
  if ((event === 'pull_request' || event === 'pull_request_target') && payload.pull_request) {
    const pr = payload.pull_request;
    const fork = !!pr.head?.repo?.full_name && pr.head.repo.full_name !== `${owner}/${repo}`;
    return { event, baseSha: pr.base?.sha ?? null, headSha: pr.head?.sha ?? sha, pr: { number: pr.number, fork }, owner, repo };
  }
  if (event === 'merge_group' && payload.merge_group) {
    return { event, baseSha: payload.merge_group.base_sha ?? null, headSha: payload.merge_group.head_sha ?? sha, pr: null, owner, repo };
  }
  if (event === 'push' && payload.before && !/^0+$/.test(payload.before)) {
    return { event, baseSha: payload.before, headSha: payload.after ?? sha, pr: null, owner, repo };
  }
  return { event, baseSha: `${sha}^`, headSha: sha, pr: null, owner, repo };
}
