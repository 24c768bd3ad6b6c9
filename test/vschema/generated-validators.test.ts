// The precompiled ajv validators (src/generated/) must be what scripts/validators.ts generates from
// the current JSON Schemas: a schema edited without `npm run gen:validators` fails here.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatorSources } from '../../scripts/validators.js';

describe('precompiled validators', () => {
  it.each(validatorSources())('$path is up to date (npm run gen:validators)', ({ path, text }) => {
    expect(fs.readFileSync(path, 'utf8') === text, `${path} is stale: run npm run gen:validators`).toBe(true);
  });

  it('report the same errors as compiling the schema at run time', async () => {
    const { Ajv } = await import('ajv');
    const { VSCHEMA_JSON_SCHEMA } = await import('../../src/vschema/json-schema.js');
    const generated = await import('../../src/generated/vschema-validators.js');
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    ajv.addSchema(VSCHEMA_JSON_SCHEMA);
    const compiled = ajv.getSchema(`${VSCHEMA_JSON_SCHEMA.$id as string}#/definitions/Keyspace`)!;
    const doc = { sharded: 'true', vindexes: { h: { type: 'hash', params: { x: 1 } } }, tables: { t: { column_vindexes: [{ colum: 'id', name: 'h' }] } }, bogus: 1 };
    const fn = generated.Keyspace as typeof compiled;
    expect(fn(doc)).toBe(false);
    expect(compiled(doc)).toBe(false);
    const shape = (es: typeof compiled.errors): unknown => es?.map((e) => [e.instancePath, e.keyword, e.message, e.params]);
    expect(shape(fn.errors)).toEqual(shape(compiled.errors));
    expect(fn.errors!.length).toBeGreaterThan(2);
  });
});
