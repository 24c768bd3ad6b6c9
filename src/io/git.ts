/**
 * Reading files at a git ref, without a shell (execFile with argument arrays): file names from a
 * PR are data, never command text.
 */
import { execFileSync } from 'node:child_process';
import type { InputFile } from '../vschema/load.js';
import { schemaKeyspace } from './read-inputs.js';
import { isForeignJson } from '../vschema/recognise.js';

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
export function readFilesAtRef(ref: string, paths: readonly string[], cwd?: string, exclude: (p: string) => boolean = () => false): InputFile[] {
  if (!refExists(ref, cwd)) throw new Error(`unknown git ref "${ref}" (is the history fetched? actions/checkout needs fetch-depth: 0)`);
  const out: InputFile[] = [];
  for (const p of paths) {
    const rel = p.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
    const listed = git(['ls-tree', '-r', '--name-only', '--full-name', ref, '--', rel], cwd).split('\n').filter(Boolean);
    const prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
    for (const full of listed) {
      if (!full.toLowerCase().endsWith('.json')) continue;
      const local = prefix && full.startsWith(prefix) ? full.slice(prefix.length) : full;
      // Like readVSchemaInputs at head: inside a directory, other inputs and foreign JSON are skipped.
      const inDir = listed.length > 1 || full.replace(/\/+$/, '') !== (prefix + rel).replace(/^\.\//, '');
      if (inDir && exclude(local)) continue;
      const text = git(['show', `${ref}:${full}`], cwd);
      if (inDir && isForeignJson(text)) continue;
      out.push({ path: local, text });
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

/**
 * The DDL files (`*.sql`) of a schema directory (relative to `cwd`) as they are at `ref`, named like
 * readSchemaDir names them. A directory absent at `ref` gives no files. Throws when `ref` is unknown.
 */
export function readSchemaDirAtRef(ref: string, dir: string, cwd?: string): Array<{ path: string; keyspace: string; text: string }> {
  if (!refExists(ref, cwd)) throw new Error(`unknown git ref "${ref}" (is the history fetched? actions/checkout needs fetch-depth: 0)`);
  const root = dir.replace(/\\/g, '/').replace(/\/+$/, '') || '.';
  const out: Array<{ path: string; keyspace: string; text: string }> = [];
  for (const p of git(['ls-tree', '-r', '--name-only', ref, '--', root], cwd).split('\n').filter(Boolean)) {
    if (!p.toLowerCase().endsWith('.sql')) continue;
    const text = showFileAtRef(ref, p, cwd);
    const rel = root === '.' ? p : p.slice(root.length + 1);
    if (text !== null) out.push({ path: p, keyspace: schemaKeyspace(rel), text });
  }
  return out;
}

/**
 * The texts of `paths` (relative to `cwd`) at `ref`, read through one `git cat-file --batch` process.
 * Paths absent at `ref` are absent from the map. Throws when git cannot run.
 */
export function readBlobsAtRef(ref: string, paths: readonly string[], cwd?: string): Map<string, string> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const prefix = git(['rev-parse', '--show-prefix'], cwd).trim();
  const input = paths.map((p) => `${ref}:${prefix}${p}`).join('\n') + '\n';
  const buf = execFileSync('git', ['cat-file', '--batch'], { cwd, input, maxBuffer: MAX, stdio: ['pipe', 'pipe', 'pipe'] });
  let pos = 0;
  for (const p of paths) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) break;
    const header = buf.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<object> missing"
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(p, buf.subarray(pos, pos + size).toString('utf8'));
    pos += size + 1;
  }
  return out;
}

/**
 * Makes `ref` (a commit SHA, or `<sha>^` for a push's parent) available, fetching it from origin when
 * the clone lacks it (actions/checkout's default depth is 1). Returns the ref to read, null when there
 * is legitimately no base (the parent of a root commit in a full clone), or an error saying how to
 * fix it. Never answers with an empty base for a commit it could not get.
 */
export function ensureCommit(ref: string, cwd?: string): { ref: string | null } | { error: string } {
  if (refExists(ref, cwd)) return { ref };
  const parentOf = ref.endsWith('^') ? ref.slice(0, -1) : null;
  const sha = parentOf ?? ref;
  try {
    git(['fetch', '--no-tags', '--quiet', `--depth=${parentOf ? 2 : 1}`, 'origin', parentOf ? resolveSha(sha, cwd) : sha], cwd);
  } catch {
    // reported below
  }
  if (refExists(ref, cwd)) return { ref };
  if (parentOf && refExists(sha, cwd) && !isShallow(cwd)) return { ref: null };
  return {
    error: `the base commit ${ref} is not in this clone and could not be fetched from origin, so there is nothing to compare the change with. ` +
      'Check out the full history: actions/checkout with "fetch-depth: 0" (or fetch the base commit before this step).',
  };
}

/** git's trimmed output, or `fallback` when git fails (not a repository, no such ref or remote). */
function gitLine<T>(args: string[], fallback: T, cwd?: string): string | T {
  try {
    return git(args, cwd).trim() || fallback;
  } catch {
    return fallback;
  }
}

function resolveSha(ref: string, cwd?: string): string {
  return gitLine(['rev-parse', ref], ref, cwd);
}

function isShallow(cwd?: string): boolean {
  return gitLine(['rev-parse', '--is-shallow-repository'], 'true', cwd) === 'true';
}

/** The full SHA of HEAD, or null outside a repository. */
export function headCommit(cwd?: string): string | null {
  return gitLine(['rev-parse', 'HEAD'], null, cwd);
}

/** The URL of remote `origin`, or null. */
export function originUrl(cwd?: string): string | null {
  return gitLine(['remote', 'get-url', 'origin'], null, cwd);
}

/** The repository's top-level directory, or null. */
export function topLevel(cwd?: string): string | null {
  return gitLine(['rev-parse', '--show-toplevel'], null, cwd);
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
