/**
 * The Online DDL scenarios of issue 13, as data: each builds a fake vtctld (any `VtctldClient` whose
 * migration methods play the timelines) and says what the DDL phase must end with. Run in-process
 * (ddl-phase.test.ts) and through the gRPC fake server.
 */
import type { ShardScript } from '../fakes/migration-timeline.js';
import { EIGHT_SHARDS } from '../fakes/migration-timeline.js';

/** One scenario. */
export interface Scenario {
  name: string;
  scripts: Record<string, ShardScript>;
  /** DDL statements (default one ALTER). */
  sql?: string[];
  expectOk: boolean;
  /** Substrings of the phase message. */
  messageHas: string[];
}

const ALTER = 'ALTER TABLE customer ADD COLUMN email varchar(128)';
const all = (s: ShardScript): Record<string, ShardScript> => Object.fromEntries(EIGHT_SHARDS.map((n) => [n, s]));

/** The scenarios that run both in-process and over gRPC. */
export const SCENARIOS: Scenario[] = [
  { name: '8 shards all completing', scripts: {}, sql: [ALTER, 'CREATE TABLE customer_email_idx (email varchar(128) primary key, keyspace_id varbinary(16))'], expectOk: true, messageHas: ['2 migration(s) COMPLETED on every shard'] },
  { name: '1 of 8 failing, then succeeding on retry', scripts: { '40-60': { failRuns: 1 } }, expectOk: true, messageHas: ['COMPLETED on every shard'] },
  {
    name: '3 of 8 failing: breaker cancels the rest and halts',
    scripts: { '-20': { failRuns: 5 }, '20-40': { failRuns: 5 }, '80-a0': { failRuns: 5 } },
    expectOk: false,
    messageHas: ['breaker: 3 of 8 shards failed (37.5% > 15%)', 'no VSchema written'],
  },
  {
    name: 'throttled shards still complete',
    scripts: { '60-80': { throttle: { fromSeconds: 5, toSeconds: 50, component: 'vplayer' }, copySeconds: 90 }, 'e0-': { throttle: { fromSeconds: 5, toSeconds: 40, component: 'online-ddl' } } },
    expectOk: true,
    messageHas: ['COMPLETED on every shard'],
  },
  {
    name: 'postponed completion held until the slowest shard is ready',
    scripts: { ...all({ copySeconds: 10 }), 'c0-e0': { copySeconds: 600, tableRows: 50_000_000 } },
    expectOk: true,
    messageHas: ['COMPLETED on every shard'],
  },
  {
    name: 'ApplySchema fails on one shard with no response body; resubmitting finishes it',
    scripts: { 'a0-c0': { rejectSubmissions: 1 } },
    sql: [ALTER, 'ALTER TABLE corder ADD KEY (customer_id)'],
    expectOk: true,
    messageHas: ['2 migration(s) COMPLETED on every shard'],
  },
  {
    name: 'a shard with no primary is refused before submission',
    scripts: { '20-40': { noPrimary: true } },
    expectOk: false,
    messageHas: ['shard: 20-40 does not have a primary'],
  },
];

export { ALTER };
