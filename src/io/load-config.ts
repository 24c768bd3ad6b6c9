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

/** The keyspace name a config assigns to a single-keyspace file, if any. */
export function keyspaceNameFor(config: Config): (path: string) => string | undefined {
  const matchers = config.keyspaces.map((k) => ({ m: picomatch(k.path, { dot: true }), name: k.name }));
  return (p) => matchers.find((x) => x.m(p.split('\\').join('/')))?.name;
}
