/**
 * Which files of a repository are the cluster's VSchemas, at head (the working tree) and at a base
 * commit (git). With explicit globs (`vschema-paths`) the globs decide; without them every `.json`
 * file named like a VSchema (`vschema*.json`, anything under a `vschema*` folder) or whose content is
 * one counts. Files given as another input (topology, config, schema, queries) are never VSchemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { looksLikeVSchema } from '../vschema/recognise.js';
import type { InputFile } from '../vschema/load.js';
import { globMatcher } from './glob-files.js';
import { listFiles } from './read-inputs.js';
import { listFilesAtRef, readBlobsAtRef } from './git.js';

/** Files larger than this are not read to recognise them (VSchemas are far smaller). */
const RECOGNISE_LIMIT = 16 * 1024 * 1024;

/** VSchema-like names: `vschema*.json` anywhere, or any `.json` below a `vschema*` folder. */
export const VSCHEMA_NAME_GLOBS = ['**/vschema*.json', '**/vschema*/**/*.json'];

/** How to pick VSchema files. */
export interface VSchemaSelection {
  /** Globs given by the user; null = automatic (names and content). */
  globs: string[] | null;
  /** Paths (relative, `/`-separated) that are inputs of another kind. */
  exclude: (p: string) => boolean;
}

/** A matcher for the paths the other inputs name: files, a directory (its contents), globs. */
export function otherInputs(files: ReadonlyArray<string | null>, dirs: ReadonlyArray<string | null>, globs: readonly string[]): (p: string) => boolean {
  const norm = (p: string): string => path.posix.normalize(p.split(path.sep).join('/')).replace(/^\.\//, '');
  const fileSet = new Set(files.filter((f): f is string => !!f).map(norm));
  const dirList = dirs.filter((d): d is string => !!d).map((d) => norm(d).replace(/\/?$/, '/'));
  const g = globs.length ? picomatch([...globs], { dot: true }) : () => false;
  return (p) => {
    const n = norm(p);
    return fileSet.has(n) || dirList.some((d) => d === './' || n.startsWith(d)) || g(n);
  };
}

/**
 * Picks the VSchema paths among `candidates` (relative paths). `read` gives a file's text (null when
 * unreadable) and is only called in automatic mode for `.json` files not named like VSchemas.
 */
export function selectVSchemaPaths(candidates: readonly string[], read: (p: string) => string | null, sel: VSchemaSelection): string[] {
  const keep = candidates.filter((p) => !sel.exclude(p));
  if (sel.globs) {
    const m = globMatcher(sel.globs);
    return keep.filter(m).sort();
  }
  const named = globMatcher(VSCHEMA_NAME_GLOBS);
  return keep
    .filter((p) => p.toLowerCase().endsWith('.json'))
    .filter((p) => {
      if (named(p)) return true;
      const t = read(p);
      return t !== null && looksLikeVSchema(t);
    })
    .sort();
}

/** The VSchema files of the working tree below `root` (paths relative to it). */
export function vschemaFilesAtHead(root: string, sel: VSchemaSelection): InputFile[] {
  const rel = listFiles(root, () => true).map((f) => path.relative(root, f).split(path.sep).join('/'));
  const readHead = (p: string): string | null => {
    try {
      const f = path.join(root, p);
      return fs.statSync(f).size > RECOGNISE_LIMIT ? null : fs.readFileSync(f, 'utf8');
    } catch {
      return null;
    }
  };
  return selectVSchemaPaths(rel, readHead, sel).map((p) => ({ path: p, text: readHead(p) ?? fs.readFileSync(path.join(root, p), 'utf8') }));
}

/** The VSchema files at `ref` below `cwd` (paths relative to it), read in one `git cat-file --batch`. */
export function vschemaFilesAtRef(ref: string, sel: VSchemaSelection, cwd?: string): InputFile[] {
  const all = listFilesAtRef(ref, cwd);
  const json = all.filter((p) => p.toLowerCase().endsWith('.json') && !sel.exclude(p));
  const texts = sel.globs ? readBlobsAtRef(ref, all.filter(globMatcher(sel.globs)), cwd) : readBlobsAtRef(ref, json, cwd);
  const picked = selectVSchemaPaths(all, (p) => texts.get(p) ?? null, sel);
  return picked.flatMap((p) => (texts.has(p) ? [{ path: p, text: texts.get(p)! }] : []));
}

/**
 * The VSchema files at head and at `ref` (null: no base), with one path set for both sides: a file
 * recognised on one side is read on the other too (a head file whose JSON broke is still the same
 * keyspace, compared with its base version).
 */
export function vschemaSides(root: string, ref: string | null, sel: VSchemaSelection): { head: InputFile[]; base: InputFile[] } {
  const head = vschemaFilesAtHead(root, sel);
  const base = ref ? vschemaFilesAtRef(ref, sel, root) : [];
  const headPaths = new Set(head.map((f) => f.path));
  const basePaths = new Set(base.map((f) => f.path));
  for (const f of base) {
    if (headPaths.has(f.path)) continue;
    const p = path.join(root, f.path);
    if (fs.existsSync(p) && fs.statSync(p).isFile()) head.push({ path: f.path, text: fs.readFileSync(p, 'utf8') });
  }
  if (ref) {
    const missing = head.filter((f) => !basePaths.has(f.path)).map((f) => f.path);
    const texts = readBlobsAtRef(ref, missing, root);
    for (const p of missing) if (texts.has(p)) base.push({ path: p, text: texts.get(p)! });
  }
  const byPath = (a: InputFile, b: InputFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { head: head.sort(byPath), base: base.sort(byPath) };
}
