/**
 * The deploy id: repository + commit, `owner/name@<full sha>`. The same commit deployed twice has
 * the same id (the Online DDL phase uses it as its migration context, so a re-run resubmits nothing).
 * Taken from `--deploy-id`, else GITHUB_REPOSITORY + GITHUB_SHA (in Actions), else the `origin`
 * remote's `owner/name` (or the checkout directory's name) + `git rev-parse HEAD`.
 */

/** `owner/name` from a git remote URL (`https://host/owner/name(.git)`, `git@host:owner/name.git`, `ssh://…`), or null. */
export function repoFromRemote(url: string): string | null {
  const m = /[:/]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return m ? `${m[1]}/${m[2]}` : null;
}

/** What the default deploy id is made of. */
export interface DeployIdSources {
  explicit?: string | null;
  env: { GITHUB_REPOSITORY?: string; GITHUB_SHA?: string };
  head: string | null;
  remote: string | null;
  /** Name of the checkout directory (last path segment of the top level). */
  dirName: string | null;
}

/** The deploy id, or null when there is no commit to name (then the caller asks for `--deploy-id`). */
export function deployIdFrom(s: DeployIdSources): string | null {
  if (s.explicit?.trim()) return s.explicit.trim();
  if (s.env.GITHUB_REPOSITORY && s.env.GITHUB_SHA) return `${s.env.GITHUB_REPOSITORY}@${s.env.GITHUB_SHA}`;
  if (!s.head) return null;
  const repo = (s.remote && repoFromRemote(s.remote)) || s.dirName || 'local';
  return `${repo}@${s.head}`;
}
