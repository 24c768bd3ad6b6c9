/**
 * JSON Schema (draft-07) of the deploy record (src/deploy/record.ts), printed by
 * `vschema-guard schema record`. A test validates real records against it with ajv, so the two stay
 * in step.
 */
import { DEPLOY_EVENTS, DEPLOY_STATES, KEYSPACE_STATES } from './state-machine.js';

type Schema = Record<string, unknown>;

const str = (description: string): Schema => ({ type: 'string', description });
const obj = (properties: Record<string, Schema>, description: string, optional: string[] = []): Schema => ({
  type: 'object', description, properties, additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
});
const ISO = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
const time = (description: string): Schema => ({ type: 'string', pattern: ISO, description });
const hash = (description: string): Schema => ({ type: 'string', pattern: '^([0-9a-f]{64}|absent|none)$', description });

const step = obj(
  {
    rpc: str('vtctld RPC (`GetVSchema`, `ApplyVSchema`, …)'),
    keyspace: { type: ['string', 'null'] },
    attempt: { type: 'integer', minimum: 1, description: '1-based attempt of this call (retries of transient failures)' },
    at: time('when the attempt started (UTC)'),
    duration_ms: { type: 'number', minimum: 0 },
    ok: { type: 'boolean' },
    code: str('gRPC status name of a failed attempt'),
    error: str("vtctld's error text, verbatim"),
  },
  'one RPC attempt',
  ['code', 'error'],
);

const keyspace = obj(
  {
    name: str('keyspace'),
    decision: { enum: ['skip', 'apply', 'drift', 'refused'], description: 'compare-and-swap decision: live == head → skip, live == base → apply, else drift' },
    reason: str('why this decision'),
    state: { enum: [...KEYSPACE_STATES] },
    hashes: obj(
      {
        base: hash('canonical SHA-256 of the base VSchema'),
        head: hash('canonical SHA-256 of the head VSchema'),
        live: hash('canonical SHA-256 of the live VSchema before any write'),
        after: { anyOf: [hash('canonical SHA-256 re-read after the last write'), { type: 'null' }] },
      },
      'canonical SHA-256 hashes (`absent`: no VSchema node; `none`: not known)',
    ),
    snapshot: { type: ['object', 'null'], description: 'the live VSchema (proto field names) before any write: the rollback point' },
    snapshot_absent: { type: 'boolean', description: 'the keyspace had no VSchema node (a rollback applies an empty VSchema)' },
    unknown_fields: { type: 'array', items: { type: 'string' }, description: 'fields of the live VSchema our proto does not know' },
    unknown_vindex_params: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    drift: { type: 'array', items: { type: 'string' }, description: 'what differs between live and base' },
    live_matches: { type: ['string', 'null'], description: "the commit whose version of the file live matches" },
    order: { type: ['integer', 'null'], minimum: 0 },
  },
  'one keyspace',
);

/** The schema object. */
export const DEPLOY_RECORD_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/vschema-guard/vschema-guard/deploy-record.schema.json',
  title: 'vschema-guard deploy record',
  ...obj(
    {
      format: { const: 1 },
      kind: { enum: ['deploy', 'rollback'] },
      deploy_id: str('repository + commit, e.g. `acme/shop@4f1c2e…`'),
      rollback_of: { type: ['string', 'null'], description: 'for a rollback record: the deploy id it restores' },
      tool: obj({ name: { const: 'vschema-guard' }, version: str('tool version') }, 'the tool'),
      vtctld: str('vtctld address (host:port); never credentials'),
      base: obj({ source: str('where base came from: a path, a git ref, or the record restored') }, 'base side'),
      head: obj({ source: str('where head came from') }, 'head side'),
      dry_run: { type: 'boolean' },
      allow_drift: { type: 'boolean' },
      started_at: time('UTC'),
      finished_at: { anyOf: [time('UTC'), { type: 'null' }] },
      state: { enum: [...DEPLOY_STATES] },
      outcome: { enum: ['deployed', 'nothing-to-do', 'planned', 'restored', 'refused', 'rolled-back', 'failed', 'error', null] },
      message: str('one sentence for humans'),
      cells: { type: 'array', items: { type: 'string' } },
      order: { type: 'array', items: { type: 'string' }, description: 'keyspaces in apply order' },
      keyspaces: { type: 'array', items: keyspace },
      refusals: {
        type: 'array',
        items: obj({ keyspace: { type: ['string', 'null'] }, kind: str('why'), message: str('what'), command: str('what to run instead') }, 'a refusal', ['command']),
      },
      ddl: {
        anyOf: [obj({ ok: { type: 'boolean' }, message: { type: 'string' }, detail: {} }, 'the Online DDL phase result'), { type: 'null' }],
      },
      verification: obj(
        {
          cells: { type: 'object', additionalProperties: { type: 'object', additionalProperties: hash('hash in this cell') }, description: 'cell → keyspace → canonical hash seen in its SrvVSchema' },
          vtgates: { type: 'array', items: obj({ url: { type: 'string' }, ok: { type: 'boolean' }, message: { type: 'string' } }, "a vtgate's /debug/vschema check") },
        },
        'what verification saw',
      ),
      transitions: {
        type: 'array',
        items: obj(
          { from: { enum: [...DEPLOY_STATES] }, to: { enum: [...DEPLOY_STATES] }, event: { enum: [...DEPLOY_EVENTS] }, at: time('UTC'), reason: { type: 'string' } },
          'one transition',
        ),
      },
      steps: { type: 'array', items: step },
      notes: { type: 'array', items: { type: 'string' } },
    },
    'What a deploy (or rollback) saw, decided, wrote and left; written after every transition.',
  ),
};
