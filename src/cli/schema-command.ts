/** `vschema-guard schema [vschema|config|report|record|migrations]`: prints a JSON Schema (the build writes dist/vschema.schema.json). */
import { CONFIG_JSON_SCHEMA } from '../core/config.js';
import { VSCHEMA_JSON_SCHEMA } from '../vschema/json-schema.js';
import { REPORT_JSON_SCHEMA } from '../report/report-schema.js';
import { DEPLOY_RECORD_SCHEMA } from '../deploy/record-schema.js';
import { MIGRATIONS_JSON_SCHEMA } from '../migrations/report.js';
import type { Io } from './check-command.js';
import { UsageError } from './usage.js';

/** Prints the requested schema; returns 0. */
export function schemaCommand(argv: string[], io: Io): number {
  const which = argv[0] ?? 'vschema';
  const schemas: Record<string, unknown> = {
    vschema: VSCHEMA_JSON_SCHEMA,
    config: CONFIG_JSON_SCHEMA,
    report: REPORT_JSON_SCHEMA,
    record: DEPLOY_RECORD_SCHEMA,
    migrations: MIGRATIONS_JSON_SCHEMA,
  };
  if (!(which in schemas)) throw new UsageError('schema takes "vschema", "config", "report", "record" or "migrations"');
  io.out(JSON.stringify(schemas[which], null, 2) + '\n');
  return 0;
}
