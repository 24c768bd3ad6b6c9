// The unicode_loose collation tables (src/generated/unicode-loose-tables.ts) are decoded only when a
// unicode_loose vindex maps a value: `check`, `simulate` and `locate` of other vindexes never pay for them.
import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { collateTablesDecoded } from '../../src/vindexes/collate-data.js';

const quiet = { out: () => undefined, err: () => undefined };

it('decodes the tables on the first unicode_loose mapping, not before', async () => {
  expect(collateTablesDecoded()).toBe(false);
  expect(await main(['check', 'fixtures/examples/commerce-customer/head'], quiet)).toBeTypeOf('number');
  expect(await main(['locate', '--vindex-type', 'xxhash', '--value', 'abc'], quiet)).toBe(0);
  expect(collateTablesDecoded()).toBe(false);
  let out = '';
  expect(await main(['locate', '--vindex-type', 'unicode_loose_md5', '--value', 'Test'], { out: (s) => void (out += s), err: () => undefined })).toBe(0);
  expect(out).toContain('0b5edbb401fd7524393690491d64f1f5');
  expect(collateTablesDecoded()).toBe(true);
});
