/**
 * Parsing a deploy record file (for `vschema-guard rollback`): JSON, checked against
 * DEPLOY_RECORD_SCHEMA with ajv, so a wrong or truncated file is refused with the first problem's
 * JSON pointer instead of a crash halfway through a rollback. Pure: the caller reads the file.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { DeployRecord } from './record.js';
import { DEPLOY_RECORD_SCHEMA } from './record-schema.js';

let validator: ValidateFunction | null = null;

/** The record, or a sentence saying why `text` (from `file`) is not a deploy record. */
export function parseDeployRecord(file: string, text: string): { record: DeployRecord } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `${file} is not JSON: ${(e as Error).message}` };
  }
  validator ??= new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(DEPLOY_RECORD_SCHEMA);
  if (!validator(value)) {
    const e = validator.errors![0]!;
    return { error: `${file} is not a vschema-guard deploy record: ${e.instancePath || '/'} ${e.message}` };
  }
  const record = value as DeployRecord;
  if (record.kind !== 'deploy') return { error: `${file} is the record of a rollback, not of a deploy: give the deploy's record` };
  return { record };
}
