// The char-code statement splitter (src/sql/split-statements.ts) against the per-character version it
// replaced (./split-statements-oracle.ts): same statements, same start lines, on random scripts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/split-statements.js';
import { splitStatements as oracle } from './split-statements-oracle.js';
import { script } from './script-pieces.js';

describe('splitStatements', () => {
  it('gives exactly the statements and lines of the per-character splitter (property)', () => {
    fc.assert(fc.property(script, (text) => {
      expect(splitStatements(text)).toEqual(oracle(text));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 5000) });
  });

  it('agrees on scripts with every construct', () => {
    for (const text of [
      "-- head\nuse ks\nselect 'a;b' from t; # c\n/* x;\n y */ select 2\\G\nDELIMITER $$\ncreate procedure p() begin select 1; end$$\nDELIMITER ;\n\\! ls\nselect 3;",
      '\r\nselect 1;\r\n\r\n  use `ks`;\r\nselect "q;" -- tail\r\n',
      '/*vt+ A=1 */;\n/* only */;\n#only\n;-- \n;select`x``;`;',
      '-- c\nuse db\nselect 1;\nDELIMITER ;;\nselect 2;;',
    ]) expect(splitStatements(text)).toEqual(oracle(text));
  });
});
