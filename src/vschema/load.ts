/**
 * Loads VSchema files into clusters, like Vitess would see them, without touching the disk:
 * callers pass file contents. Shapes (spec A.3): a SrvVSchema (`{"keyspaces":{...}}`), a single
 * keyspace (`{"sharded":..,"vindexes":..,"tables":..}`), a vtexplain map (`{"ks":{...}}`) and a
 * routing rules file (`{"rules":[...]}`).
 *
 * Grouping: every SrvVSchema or vtexplain map is a complete cluster of its own; all single-keyspace
 * and routing-rules files of one call together form one more cluster.
 */
import path from 'node:path';
import type { Finding } from '../core/finding.js';
import { buildKeyspace, buildRoutingRules, buildShardRoutingRules, field, isObj } from './build-model.js';
import { keyspaceNameFromPath } from './keyspace-name.js';
import type { Cluster, KeyspaceDef } from './model.js';
import { type ParseCache, parseJsonCached } from './parse-json.js';
import { escapePointer, type JsonSource } from './source.js';
import { validateShape } from './validate-shape.js';

/** One input file: its path (as the user named it) and its text. */
export interface InputFile {
  path: string;
  text: string;
}

/** Options of loadClusters. */
export interface LoadOptions {
  /** Keyspace name for a single-keyspace file, by path; wins over the name from the path. */
  keyspaceNameFor?: (path: string) => string | undefined;
  /** Parses shared with other loads of the same texts (base and head of a diff). */
  parseCache?: ParseCache;
}

/** Result of loadClusters: clusters (possibly empty) plus parse/shape findings. */
export interface LoadResult {
  clusters: Cluster[];
  findings: Finding[];
  /** Parsed sources by path (for locating later findings). */
  sources: Map<string, JsonSource>;
}

/** Field names of a Keyspace message (snake_case and lowerCamelCase). */
export const KEYSPACE_FIELDS = [
  'sharded', 'vindexes', 'tables', 'require_explicit_routing', 'requireExplicitRouting',
  'foreign_key_mode', 'foreignKeyMode', 'multi_tenant_spec', 'multiTenantSpec',
];
/** Field names of a SrvVSchema message. */
export const SRV_FIELDS = [
  'keyspaces', 'routing_rules', 'routingRules', 'shard_routing_rules', 'shardRoutingRules',
  'keyspace_routing_rules', 'keyspaceRoutingRules', 'mirror_rules', 'mirrorRules',
];

/** The file shapes we recognise. */
export type FileShape = 'srv' | 'keyspace' | 'vtexplain' | 'routing-rules';

/** The JSON type a keyspace field has in a Keyspace message (proto/vschema.proto). */
const FIELD_TYPE: Record<string, 'boolean' | 'string' | 'object'> = {
  sharded: 'boolean', require_explicit_routing: 'boolean', requireExplicitRouting: 'boolean',
  foreign_key_mode: 'string', foreignKeyMode: 'string',
  vindexes: 'object', tables: 'object', multi_tenant_spec: 'object', multiTenantSpec: 'object',
};

/** True when `key` is a Keyspace field and `v` has that field's JSON type. */
function typedKeyspaceField(key: string, v: unknown): boolean {
  const t = FIELD_TYPE[key];
  return t === 'object' ? isObj(v) : t !== undefined && typeof v === t;
}

/** A scalar Keyspace field (`sharded`, `require_explicit_routing`, `foreign_key_mode`) of its own type. */
function hasScalarKeyspaceField(value: Record<string, unknown>): boolean {
  return Object.entries(value).some(([k, v]) => FIELD_TYPE[k] !== 'object' && typedKeyspaceField(k, v));
}

/**
 * Decides the shape of a parsed JSON object (see the module comment). A vtexplain map may name its
 * keyspaces `sharded` or `tables`: a key is read as a Keyspace field only when its value has that
 * field's type (`"sharded": true`, not `"sharded": {…}`).
 */
export function detectShape(value: Record<string, unknown>): FileShape {
  const keys = Object.keys(value);
  if (keys.some((k) => SRV_FIELDS.includes(k))) return 'srv';
  if (keys.length === 0 || hasScalarKeyspaceField(value)) return 'keyspace';
  if (keys.length === 1 && keys[0] === 'rules') return 'routing-rules';
  const values = Object.values(value);
  const keyspaceLike = (v: unknown): boolean => isObj(v) && Object.entries(v).some(([k, x]) => typedKeyspaceField(k, x));
  if (values.every(isObj) && values.some((v) => isObj(v) && hasScalarKeyspaceField(v))) return 'vtexplain';
  if (keys.some((k) => KEYSPACE_FIELDS.includes(k))) return 'keyspace';
  if (values.every(isObj) && values.some(keyspaceLike)) return 'vtexplain';
  return 'keyspace';
}

/** Parses, validates and groups `files` into clusters. Never throws. */
export function loadClusters(files: readonly InputFile[], options: LoadOptions = {}): LoadResult {
  const findings: Finding[] = [];
  const clusters: Cluster[] = [];
  const sources = new Map<string, JsonSource>();
  const combined: Cluster = { label: '', keyspaces: new Map(), routingRules: [], shardRoutingRules: [], files: [] };

  for (const file of files) {
    const parsed = parseJsonCached(file.path, file.text, options.parseCache);
    sources.set(file.path, parsed.source);
    findings.push(...parsed.findings);
    if (parsed.value === undefined) continue;
    const src = parsed.source;
    if (!isObj(parsed.value)) {
      findings.push({
        rule: 'json-type', severity: 'error', file: file.path, line: 1, column: 1, keyspace: null, pointer: '',
        message: `expected a JSON object (a keyspace VSchema, a SrvVSchema or routing rules), got ${parsed.value === null ? 'null' : Array.isArray(parsed.value) ? 'an array' : typeof parsed.value}`,
        vitess_error: null, hint: null,
      });
      continue;
    }
    const value = parsed.value;
    const shape = detectShape(value);
    if (shape === 'srv' || shape === 'vtexplain') {
      const cluster: Cluster = { label: file.path, keyspaces: new Map(), routingRules: [], shardRoutingRules: [], files: [file.path] };
      const [ksV, ksKey] = shape === 'srv' ? field(value, 'keyspaces') : [value, ''];
      const base = shape === 'srv' ? '/' + ksKey : '';
      if (shape === 'srv') {
        const keyspaceOf = (p: string): string | null =>
          p.startsWith(base + '/') ? p.slice(base.length + 1).split('/')[0]!.replace(/~1/g, '/').replace(/~0/g, '~') : null;
        findings.push(...validateShape(src, value, 'SrvVSchema', '', keyspaceOf));
      } else {
        for (const [name, ks] of Object.entries(value)) {
          findings.push(...validateShape(src, ks, 'Keyspace', '/' + escapePointer(name), () => name));
        }
      }
      for (const [name, ks] of Object.entries(isObj(ksV) ? ksV : {})) {
        cluster.keyspaces.set(name, buildKeyspace(src, name, ks, `${base}/${escapePointer(name)}`));
      }
      if (shape === 'srv') {
        cluster.routingRules = buildRoutingRules(src, field(value, 'routing_rules')[0], '/' + field(value, 'routing_rules')[1]);
        cluster.shardRoutingRules = buildShardRoutingRules(src, field(value, 'shard_routing_rules')[0], '/' + field(value, 'shard_routing_rules')[1]);
      }
      clusters.push(cluster);
    } else if (shape === 'routing-rules') {
      findings.push(...validateShape(src, value, 'RoutingRulesFile', '', () => null));
      combined.routingRules.push(...buildRoutingRules(src, value, ''));
      combined.files.push(file.path);
    } else {
      const given = options.keyspaceNameFor?.(file.path);
      const name = given ?? keyspaceNameFromPath(file.path);
      if (given === undefined && name !== path.posix.basename(file.path.split('\\').join('/')).replace(/\.json$/i, '')) findings.push(guessedName(file.path, name));
      findings.push(...validateShape(src, value, 'Keyspace', '', () => name));
      const ks = buildKeyspace(src, name, value, '');
      const existing = combined.keyspaces.get(name);
      if (existing) {
        findings.push(duplicateKeyspace(ks, existing));
        continue;
      }
      combined.keyspaces.set(name, ks);
      combined.files.push(file.path);
    }
  }
  if (combined.files.length > 0) {
    combined.label = combined.files.length === 1 ? combined.files[0]! : `${combined.files.length} files`;
    clusters.push(combined);
  }
  return { clusters, findings, sources };
}

/** Merges clusters into one (later keyspaces of the same name win), labelled `label`. */
export function mergeClusters(clusters: readonly Cluster[], label: string): Cluster {
  const out: Cluster = { label, keyspaces: new Map(), routingRules: [], shardRoutingRules: [], files: [] };
  for (const c of clusters) {
    for (const [k, v] of c.keyspaces) out.keyspaces.set(k, v);
    out.routingRules.push(...c.routingRules);
    out.shardRoutingRules.push(...c.shardRoutingRules);
    out.files.push(...c.files);
  }
  return out;
}

function duplicateKeyspace(ks: KeyspaceDef, first: KeyspaceDef): Finding {
  return {
    rule: 'keyspace-duplicate', severity: 'error', file: ks.loc.file, line: ks.loc.line, column: ks.loc.column,
    keyspace: ks.name, pointer: '',
    message: `keyspace "${ks.name}" is already defined by ${first.loc.file}; this file was skipped`,
    vitess_error: null,
    hint: 'name the keyspace in .vschema-guard.yml (keyspaces: [{path, name}]) or rename the file',
  };
}

/** The info finding saying a keyspace name was guessed from a file name (vschema_customer_sharded.json → customer_sharded). */
function guessedName(file: string, name: string): Finding {
  return {
    rule: 'keyspace-name-from-file', severity: 'info', file, line: 1, column: 1, keyspace: name, pointer: '',
    message: `keyspace name "${name}" is guessed from the file name ${file}`,
    vitess_error: null,
    hint: `if the keyspace is called otherwise, name it: --keyspace-map ${file}=<keyspace> (action input keyspace-map, or keyspaces: in .vschema-guard.yml)`,
  };
}
