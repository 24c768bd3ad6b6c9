/** `vschema-guard schema [vschema|config]`: prints a JSON Schema (the build writes dist/vschema.schema.json). */
import { CONFIG_JSON_SCHEMA } from '../core/config.js';
import { VSCHEMA_JSON_SCHEMA } from '../vschema/json-schema.js';
import type { Io } from './check-command.js';
import { UsageError } from './usage.js';

/** Prints the requested schema; returns 0. */
export function schemaCommand(argv: string[], io: Io): number {
  const which = argv[0] ?? 'vschema';
  if (which !== 'vschema' && which !== 'config') throw new UsageError('schema takes "vschema" or "config"');
  io.out(JSON.stringify(which === 'vschema' ? VSCHEMA_JSON_SCHEMA : CONFIG_JSON_SCHEMA, null, 2) + '\n');
  return 0;
}
