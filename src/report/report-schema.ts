/** JSON Schema of `diff --format json` (the Report of src/diff/build-report.ts); golden reports are validated against it. */

const str = { type: 'string' };
const int = { type: 'integer', minimum: 0 };
const nstr = { type: ['string', 'null'] };
const finding = {
  type: 'object',
  required: ['rule', 'severity', 'message', 'vitess_error', 'file', 'line', 'column', 'keyspace', 'hint', 'pointer'],
  properties: {
    rule: str, severity: { enum: ['error', 'warning', 'info'] }, message: str, vitess_error: nstr, file: str, line: int, column: int,
    keyspace: nstr, table: nstr, hint: nstr, pointer: str,
  },
};
const route = {
  type: 'object',
  required: ['operator', 'variant', 'keyspace', 'vindex', 'values', 'shards', 'shard_count', 'total_shards'],
  properties: {
    operator: str, variant: str, keyspace: str, vindex: nstr, values: { type: 'array', items: str },
    shards: { type: ['array', 'null'], items: str }, shard_count: int, total_shards: int, keyspace_ids: { type: 'array', items: str },
  },
};
const queryReport = {
  type: 'object',
  required: ['routes', 'pushdown', 'fanout', 'reason', 'error'],
  properties: { routes: { type: 'array', items: route }, pushdown: { type: 'boolean' }, fanout: { enum: ['single', 'multi', 'scatter'] }, reason: str, error: nstr },
};
const side = { type: 'object', required: ['single', 'multi', 'scatter', 'errors', 'single_share', 'scatter_share'], properties: { single: int, multi: int, scatter: int, errors: int, single_share: { type: 'number' }, scatter_share: { type: 'number' } } };

const sideInfo = { type: 'object', required: ['label', 'files', 'errors', 'warnings'], properties: { label: str, files: { type: 'array', items: str }, errors: int, warnings: int } };

/** The schema object (draft-07). */
export const REPORT_JSON_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'vschema-guard report (diff --format json)',
  type: 'object',
  required: ['tool', 'base', 'head', 'summary', 'findings', 'vschema_changes', 'routing', 'deploy_plan', 'corpus', 'topology', 'notes'],
  properties: {
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'vschema-guard' }, version: str } },
    base: sideInfo,
    head: sideInfo,
    summary: {
      type: 'object',
      required: ['verdict', 'reasons', 'fail_on', 'errors', 'warnings', 'regressions', 'breaking_changes', 'deploy_steps', 'pre_existing_errors'],
      properties: {
        verdict: { enum: ['pass', 'fail'] }, reasons: { type: 'array', items: str },
        fail_on: { type: 'array', items: { enum: ['error', 'warning', 'regression', 'breaking', 'never'] } },
        errors: int, warnings: int, regressions: int, breaking_changes: int, deploy_steps: int, pre_existing_errors: int,
      },
    },
    findings: {
      type: 'object', required: ['introduced', 'resolved', 'unchanged'],
      properties: { introduced: { type: 'array', items: finding }, resolved: { type: 'array', items: finding }, unchanged: { type: 'array', items: finding } },
    },
    vschema_changes: {
      type: 'array',
      items: {
        type: 'object', required: ['risk', 'kind', 'keyspace', 'path', 'sentence'],
        properties: { risk: { enum: ['breaking', 'deploy', 'safe'] }, kind: str, keyspace: nstr, table: str, vindex: str, path: str, sentence: str },
      },
    },
    routing: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object', required: ['queries', 'planned', 'occurrences', 'unaffected', 'base', 'head', 'counts', 'regressed_share'],
          properties: {
            queries: {
              type: 'array',
              items: {
                type: 'object', required: ['file', 'line', 'sql', 'fingerprint', 'count', 'change', 'base', 'head'],
                properties: {
                  file: str, line: int, sql: str, fingerprint: str, count: { type: 'number', minimum: 0 },
                  change: { enum: ['worse', 'better', 'same', 'newly-failing', 'fixed', 'failing'] }, base: queryReport, head: queryReport,
                },
              },
            },
            planned: { description: 'Distinct statements planned at base and head and compared.', ...int },
            occurrences: { type: 'number' },
            unaffected: {
              description: 'Statements that mention only names whose routing is identical at base and head: same by construction, not planned (not in queries).',
              type: 'object', required: ['queries', 'occurrences'], properties: { queries: int, occurrences: { type: 'number' } },
            },
            cache: {
              description: 'Only with a plan cache (--cache DIR): side plans read from the cache (hits) and planned then stored (misses); a statement planned at base and head counts twice.',
              type: 'object', required: ['hits', 'misses'], properties: { hits: int, misses: int },
            },
            base: side, head: side, counts: { type: 'object' }, regressed_share: { type: 'number' },
          },
        },
      ],
    },
    deploy_plan: {
      type: 'array',
      items: { type: 'object', required: ['kind', 'keyspace', 'command', 'why'], properties: { kind: { enum: ['ddl', 'workflow', 'apply-vschema', 'backfill', 'routing-rules'] }, keyspace: nstr, command: str, why: str, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } } },
    },
    corpus: {
      anyOf: [
        { type: 'null' },
        { type: 'object', required: ['files', 'lines', 'statements', 'distinct'], properties: { files: { type: 'array', items: str }, lines: int, statements: { type: 'number' }, distinct: int } },
      ],
    },
    topology: { type: 'object', additionalProperties: { type: 'array', items: str } },
    notes: { type: 'array', items: str },
  },
} as const;
