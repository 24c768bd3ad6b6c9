/**
 * The keyspace name of a single-keyspace VSchema file is not in the file (it is the argument of
 * `vtctldclient ApplyVSchema ... <keyspace>`), so it comes from the path.
 */
import path from 'node:path';

/**
 * `commerce.json` → commerce; `commerce/vschema.json` → commerce; `vschema_commerce.json`,
 * `commerce_vschema.json`, `commerce.vschema.json` → commerce. Input: a path with `/` or the
 * platform separator. Output: a non-empty name.
 */
export function keyspaceNameFromPath(file: string): string {
  const norm = file.split(path.sep).join('/');
  const base = path.posix.basename(norm).replace(/\.json$/i, '');
  if (/^vschema$/i.test(base)) {
    const parent = path.posix.basename(path.posix.dirname(norm));
    if (parent && parent !== '.' && parent !== '/') return parent;
    return base;
  }
  const stripped = base.replace(/^vschema[._-]/i, '').replace(/[._-]vschema$/i, '');
  return stripped || base;
}
