/**
 * Reading user files from disk: paths and directories → InputFile[], with a `file-unreadable`
 * finding for each path that cannot be read. The only file-system code of `check`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import type { InputFile } from '../vschema/load.js';
import { isForeignJson } from '../vschema/recognise.js';

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Files under `dir` (recursively) whose name matches `accept`, sorted. */
export function listFiles(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && accept(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** A finding for a path that cannot be used. */
export function unreadable(file: string, why: string): Finding {
  return {
    rule: 'file-unreadable', severity: 'error', message: why, vitess_error: null, file, line: 1, column: 1,
    keyspace: null, hint: null, pointer: '',
  };
}

/** Reads a text file, or returns a finding saying why it cannot be read. */
export function readText(file: string): { text: string } | { finding: Finding } {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { finding: unreadable(file, `${file} is a directory`) };
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    return { finding: unreadable(file, `cannot read ${file}: ${why}`) };
  }
}

/**
 * Expands paths (files or directories of `*.json`) and reads them. A file named explicitly is always
 * read; in a directory, files `exclude` names (the topology, config...) and valid JSON that is clearly
 * not a VSchema (isForeignJson) are skipped and listed in `skipped` with the reason.
 */
export function readVSchemaInputs(
  paths: readonly string[],
  exclude: (p: string) => boolean = () => false,
): { files: InputFile[]; findings: Finding[]; skipped: Array<{ path: string; why: string }> } {
  const files: InputFile[] = [];
  const findings: Finding[] = [];
  const skipped: Array<{ path: string; why: string }> = [];
  for (const p of paths) {
    let list: string[];
    let dir: boolean;
    try {
      dir = fs.statSync(p).isDirectory();
      list = dir ? listFiles(p, (n) => n.toLowerCase().endsWith('.json')) : [p];
    } catch {
      findings.push(unreadable(p, `cannot read ${p}: no such file or directory`));
      continue;
    }
    if (list.length === 0) findings.push(unreadable(p, `${p} contains no .json files`));
    for (const f of list) {
      if (dir && exclude(f)) {
        skipped.push({ path: f, why: 'it is given as another input (topology, config, schema or queries)' });
        continue;
      }
      const r = readText(f);
      if (!('text' in r)) findings.push(r.finding);
      else if (dir && isForeignJson(r.text)) skipped.push({ path: f, why: 'it is JSON but not a VSchema (no keyspace, SrvVSchema or routing rules field); name the file to check it anyway' });
      else files.push({ path: f, text: r.text });
    }
  }
  return { files, findings, skipped };
}

/** The keyspace of a DDL file by its path below the schema directory (`ks.sql` or `ks/any.sql`, `/`-separated). */
export function schemaKeyspace(rel: string): string {
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.sql$/i, '');
}

/**
 * DDL files of a --schema directory: `<dir>/<keyspace>.sql` or `<dir>/<keyspace>/*.sql`.
 */
export function readSchemaDir(dir: string): { files: Array<{ path: string; keyspace: string; text: string }>; findings: Finding[] } {
  const out: Array<{ path: string; keyspace: string; text: string }> = [];
  const findings: Finding[] = [];
  let list: string[];
  try {
    list = listFiles(dir, (n) => n.toLowerCase().endsWith('.sql'));
  } catch {
    return { files: [], findings: [unreadable(dir, `cannot read schema directory ${dir}: no such directory`)] };
  }
  for (const f of list) {
    const keyspace = schemaKeyspace(path.relative(dir, f).split(path.sep).join('/'));
    const r = readText(f);
    if ('text' in r) out.push({ path: f, keyspace, text: r.text });
    else findings.push(r.finding);
  }
  return { files: out, findings };
}
