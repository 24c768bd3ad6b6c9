/**
 * `.vschema-guard.yml`: rule severities, per-table suppressions with a reason, keyspace names for
 * files, default keyspace. Parsed with `yaml` (LineCounter for positions) and validated with ajv.
 * Pure: the caller reads the file.
 */
import type { ValidateFunction } from 'ajv';
import { validate as compiledConfigValidator } from '../generated/config-validator.js';
import { closest, distance } from 'fastest-levenshtein';
import { type Document, LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Finding, Severity } from './finding.js';

/** One suppression: a rule silenced for a keyspace/table (or a JSON pointer), with a reason. */
export interface Suppression {
  rule: string;
  keyspace?: string;
  table?: string;
  pointer?: string;
  reason: string;
}

/** The validated configuration. */
export interface Config {
  /** Rule id → severity or "off". */
  rules: Record<string, Severity | 'off'>;
  suppressions: Suppression[];
  /** Keyspace names of single-keyspace files: glob (picomatch) → name. */
  keyspaces: Array<{ path: string; name: string }>;
  defaultKeyspace: string | null;
  /** Fail threshold used by `diff` and the action when not given on the command line. */
  failOn: string[] | null;
}

/** The configuration when no file is given. */
export const DEFAULT_CONFIG: Config = { rules: {}, suppressions: [], keyspaces: [], defaultKeyspace: null, failOn: null };

/** JSON Schema of `.vschema-guard.yml` (published in the README). */
export const CONFIG_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'vschema-guard configuration (.vschema-guard.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      description: 'rule id → error | warning | info | off',
      additionalProperties: { enum: ['error', 'warning', 'info', 'off'] },
    },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { type: 'string', minLength: 1 },
          keyspace: { type: 'string' },
          table: { type: 'string' },
          pointer: { type: 'string', description: 'JSON pointer inside the file, e.g. /tables/user/column_vindexes/0' },
          reason: { type: 'string', minLength: 1, description: 'why this is acceptable (required)' },
        },
      },
    },
    keyspaces: {
      type: 'array',
      items: {
        type: 'object', additionalProperties: false, required: ['path', 'name'],
        properties: { path: { type: 'string', minLength: 1, description: 'glob of single-keyspace files' }, name: { type: 'string', minLength: 1 } },
      },
    },
    default_keyspace: { type: 'string' },
    fail_on: {
      anyOf: [
        { enum: ['error', 'warning', 'regression', 'breaking', 'never'] },
        { type: 'array', items: { enum: ['error', 'warning', 'regression', 'breaking', 'never'] } },
      ],
    },
  },
} as const;

/** CONFIG_JSON_SCHEMA's validator, precompiled by scripts/validators.ts (ajv standalone code). */
const validate = compiledConfigValidator as ValidateFunction;

/**
 * Parses the YAML text of a config file. Returns the config and findings (rule `config-invalid`)
 * with file:line:column for every problem; an invalid file yields DEFAULT_CONFIG plus findings.
 * `knownRules` lets unknown rule ids be reported.
 */
export function parseConfig(file: string, text: string, knownRules: readonly string[]): { config: Config; findings: Finding[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const findings: Finding[] = [];
  const at = (offset: number, message: string, pointer = ''): void => {
    const p = lc.linePos(offset);
    findings.push({
      rule: 'config-invalid', severity: 'error', message, vitess_error: null, file, line: p.line, column: p.col,
      keyspace: null, hint: 'see the configuration section of the README', pointer,
    });
  };
  for (const e of doc.errors) at(e.pos[0], `invalid YAML: ${e.message.split('\n')[0]}`);
  if (findings.length) return { config: DEFAULT_CONFIG, findings };
  const raw: unknown = doc.toJS() ?? {};
  if (!validate(raw)) {
    for (const e of validate.errors ?? []) {
      const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
      if (e.keyword === 'additionalProperties') {
        // At the unknown key's own line, with the closest known key.
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        const known = Object.keys(propertiesAt(path) ?? {});
        at(keyOffset(doc, path, name) ?? node?.range?.[0] ?? 0, `${e.instancePath || 'config'}: unknown key "${name}"${didYouMean(name, known)}`, `${e.instancePath}/${name}`);
        continue;
      }
      at(node?.range?.[0] ?? 0, `${e.instancePath || 'config'} ${e.message}`, e.instancePath);
    }
    return { config: DEFAULT_CONFIG, findings };
  }
  const r = raw as {
    rules?: Record<string, Severity | 'off'>; suppressions?: Suppression[]; keyspaces?: Config['keyspaces'];
    default_keyspace?: string; fail_on?: string | string[];
  };
  const unknownRule = (id: string, offset: number | undefined): void => {
    if (!knownRules.includes(id)) at(offset ?? 0, `unknown rule id "${id}"${didYouMean(id, knownRules)}`);
  };
  for (const id of Object.keys(r.rules ?? {})) unknownRule(id, keyOffset(doc, ['rules'], id));
  (r.suppressions ?? []).forEach((sup, i) => unknownRule(sup.rule, (doc.getIn(['suppressions', i, 'rule'], true) as { range?: [number, number] } | undefined)?.range?.[0]));
  return {
    config: {
      rules: r.rules ?? {},
      suppressions: r.suppressions ?? [],
      keyspaces: r.keyspaces ?? [],
      defaultKeyspace: r.default_keyspace ?? null,
      failOn: r.fail_on === undefined ? null : Array.isArray(r.fail_on) ? r.fail_on : [r.fail_on],
    },
    findings,
  };
}

/** A suppressed finding keeps its data plus the reason (reported in JSON, not counted). */
export interface SuppressedFinding extends Finding {
  suppressed_reason: string;
}

/**
 * Applies severities and suppressions: returns kept findings (re-graded) and suppressed ones.
 * Rules set to "off" are dropped.
 */
export function applyConfig(findings: readonly Finding[], config: Config): { kept: Finding[]; suppressed: SuppressedFinding[] } {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const sev = config.rules[f.rule];
    if (sev === 'off') continue;
    const g: Finding = sev ? { ...f, severity: sev } : f;
    const s = config.suppressions.find(
      (x) =>
        x.rule === f.rule &&
        (x.keyspace === undefined || x.keyspace === f.keyspace) &&
        (x.table === undefined || x.table === f.table) &&
        (x.pointer === undefined || x.pointer === f.pointer),
    );
    if (s) suppressed.push({ ...g, suppressed_reason: s.reason });
    else kept.push(g);
  }
  return { kept, suppressed };
}

/** `; did you mean \`x\`?` when a known name is close to `name` (edit distance ≤ max(2, a third of it)), else ''. */
export function didYouMean(name: string, known: readonly string[]): string {
  if (!known.length) return '';
  const c = closest(name, [...known]);
  return distance(name, c) <= Math.max(2, Math.floor(name.length / 3)) ? `; did you mean \`${c}\`?` : '';
}

/** Offset of the key `name` in the map at `path` of a YAML document. */
function keyOffset(doc: Document, path: ReadonlyArray<string | number>, name: string): number | undefined {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (!isMap(map)) return undefined;
  for (const item of map.items) if (isScalar(item.key) && String(item.key.value) === name) return item.key.range?.[0];
  return undefined;
}

/** The `properties` of the config schema at a data path (for suggestions), if it is an object with known keys. */
function propertiesAt(path: ReadonlyArray<string | number>): Record<string, unknown> | undefined {
  let node: Record<string, unknown> = CONFIG_JSON_SCHEMA as unknown as Record<string, unknown>;
  for (const seg of path) {
    const next = typeof seg === 'number' ? node.items : (node.properties as Record<string, unknown> | undefined)?.[seg];
    if (!next || typeof next !== 'object') return undefined;
    node = next as Record<string, unknown>;
  }
  return node.properties as Record<string, unknown> | undefined;
}
