/** Finds and reads `.vschema-guard.yml`; parsing is core/config.ts. */
import fs from 'node:fs';
import picomatch from 'picomatch';
import { type Config, DEFAULT_CONFIG, parseConfig } from '../core/config.js';
import type { Finding } from '../core/finding.js';
import { ALL_RULE_META } from '../rules/index.js';
import { readText } from './read-inputs.js';

/** Default config file names, looked up in the working directory. */
export const CONFIG_NAMES = ['.vschema-guard.yml', '.vschema-guard.yaml'];

/** Reads `explicit` (must exist) or the first default name that exists; none → DEFAULT_CONFIG. */
export function loadConfig(explicit: string | undefined): { config: Config; findings: Finding[]; path: string | null } {
  const file = explicit ?? CONFIG_NAMES.find((n) => fs.existsSync(n));
  if (!file) return { config: DEFAULT_CONFIG, findings: [], path: null };
  const r = readText(file);
  if ('finding' in r) return { config: DEFAULT_CONFIG, findings: [r.finding], path: file };
  const { config, findings } = parseConfig(file, r.text, [...ALL_RULE_META.map((m) => m.id), 'config-invalid']);
  return { config, findings, path: file };
}

/**
 * Parses `FILE=KS` entries (`--keyspace-map`, the action's `keyspace-map` input) into path → name
 * pairs; FILE may be a glob. Throws Error naming the bad entry.
 */
export function parseKeyspaceMap(entries: readonly string[]): Array<{ path: string; name: string }> {
  return entries.map((e) => {
    const i = e.lastIndexOf('=');
    const path = e.slice(0, i).trim();
    const name = e.slice(i + 1).trim();
    if (i < 1 || !path || !name) throw new Error(`keyspace map entry "${e}" must be FILE=KEYSPACE (e.g. vschema_customer_sharded.json=customer)`);
    return { path, name };
  });
}

/**
 * The keyspace name given to a single-keyspace file, if any: the explicit map first (`--keyspace-map`),
 * then the config's `keyspaces:`. A path matches an entry equal to it, to its end (`a/b.json` matches
 * `b.json`) or as a glob.
 */
export function keyspaceNameFor(config: Config, map: ReadonlyArray<{ path: string; name: string }> = []): (path: string) => string | undefined {
  const norm = (p: string): string => p.split('\\').join('/').replace(/^\.\//, '');
  const matchers = [...map, ...config.keyspaces].map((k) => {
    const g = picomatch(norm(k.path), { dot: true });
    const exact = norm(k.path);
    return { m: (p: string) => p === exact || p.endsWith('/' + exact) || g(p), name: k.name };
  });
  return (p) => matchers.find((x) => x.m(norm(p)))?.name;
}
