/**
 * Reading files at a git ref, without a shell (execFile with argument arrays): file names from a
 * PR are data, never command text.
 */
import { execFileSync } from 'node:child_process';
import type { InputFile } from '../vschema/load.js';

const MAX = 256 * 1024 * 1024;

function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { encoding: 'utf8', maxBuffer: MAX, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** True when `ref` names a commit in the repository at `cwd`. */
export function refExists(ref: string, cwd?: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `.json` files under `paths` (files or directories, relative to `cwd`) as they are at `ref`.
 * Paths that do not exist at `ref` are simply absent (new in head). Throws with git's message when
 * the ref is unknown.
 */
export function readFilesAtRef(ref: string, paths: readonly string[], cwd?: string): InputFile[] {
  if (!refExists(ref, cwd)) throw new Error(`unknown git ref "${ref}" (is the history fetched? actions/checkout needs fetch-depth: 0)`);
  const out: InputFile[] = [];
  for (const p of paths) {
    const rel = p.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
    const listed = git(['ls-tree', '-r', '--name-only', '--full-name', ref, '--', rel], cwd).split('\n').filter(Boolean);
    const prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
    for (const full of listed) {
      if (!full.toLowerCase().endsWith('.json')) continue;
      const local = prefix && full.startsWith(prefix) ? full.slice(prefix.length) : full;
      out.push({ path: local, text: git(['show', `${ref}:${full}`], cwd) });
    }
  }
  return out;
}

/** Files changed between two refs (`--name-status`, renames followed). */
export function changedFiles(base: string, head: string, cwd?: string): Array<{ status: string; path: string; from?: string }> {
  return git(['diff', '--name-status', '-M', `${base}...${head}`], cwd)
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [status, a, b] = l.split('\t');
      return b ? { status: status!, path: b, from: a } : { status: status!, path: a! };
    });
}

/** The abbreviated SHA of a ref, or the ref itself. */
export function shortSha(ref: string, cwd?: string): string {
  try {
    return git(['rev-parse', '--short', ref], cwd).trim();
  } catch {
    return ref;
  }
}

/** Paths of all files at `ref` below `cwd`, relative to `cwd`. */
export function listFilesAtRef(ref: string, cwd?: string): string[] {
  return git(['ls-tree', '-r', '--name-only', ref, '--', '.'], cwd).split('\n').filter(Boolean);
}

/** The text of `path` (relative to `cwd`) at `ref`, or null when it does not exist there. */
export function showFileAtRef(ref: string, path: string, cwd?: string): string | null {
  try {
    return git(['show', `${ref}:./${path}`], cwd);
  } catch {
    return null;
  }
}

/** Fetches one commit from origin (shallow clones lack the base commit). Returns false on failure. */
export function fetchCommit(sha: string, cwd?: string): boolean {
  try {
    git(['fetch', '--no-tags', '--depth=1', 'origin', sha], cwd);
    return true;
  } catch {
    return false;
  }
}

/** The full SHA of HEAD, or null outside a repository. */
export function headCommit(cwd?: string): string | null {
  try {
    return git(['rev-parse', 'HEAD'], cwd).trim() || null;
  } catch {
    return null;
  }
}

/** The URL of remote `origin`, or null. */
export function originUrl(cwd?: string): string | null {
  try {
    return git(['remote', 'get-url', 'origin'], cwd).trim() || null;
  } catch {
    return null;
  }
}

/** The repository's top-level directory, or null. */
export function topLevel(cwd?: string): string | null {
  try {
    return git(['rev-parse', '--show-toplevel'], cwd).trim() || null;
  } catch {
    return null;
  }
}

/** The last `limit` commits that touched `path` (relative to `cwd`), newest first: full SHA and subject. */
export function fileHistory(path: string, limit: number, cwd?: string): Array<{ sha: string; subject: string }> {
  try {
    return git(['log', `-n${limit}`, '--format=%H%x09%s', '--', path], cwd)
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [sha, ...rest] = l.split('\t');
        return { sha: sha!, subject: rest.join('\t') };
      });
  } catch {
    return [];
  }
}
