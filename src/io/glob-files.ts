/** Files of the working tree matching globs (picomatch), relative to the root, sorted. */
import path from 'node:path';
import picomatch from 'picomatch';
import { listFiles } from './read-inputs.js';

/** A matcher for a list of globs (`!glob` excludes). */
export function globMatcher(globs: readonly string[]): (p: string) => boolean {
  const inc = globs.filter((g) => !g.startsWith('!'));
  const exc = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const i = picomatch(inc.length ? inc : ['**'], { dot: false });
  const e = exc.length ? picomatch(exc) : () => false;
  return (p) => {
    const n = p.split(path.sep).join('/');
    return i(n) && !e(n);
  };
}

/** Files under `root` matching `globs`. */
export function findFiles(root: string, globs: readonly string[]): string[] {
  const m = globMatcher(globs);
  return listFiles(root, () => true)
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .filter(m)
    .sort();
}
