// The one-statement-per-line fast path (src/sql/simple-statements.ts): whenever it answers, it answers
// what the general splitter does; and it does answer for the common slow-log record.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simpleStatements } from '../../src/sql/simple-statements.js';
import { splitStatements } from '../../src/sql/split-statements.js';
import { SCRIPT_PIECES } from './script-pieces.js';

const line = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('select 1;', ' SELECT a FROM t WHERE b = 2 ;\t', 'SET timestamp=1;', 'use db;', 'delimiter ;', 'update t set a=-1;', 'a--b;', '', '  ', '\u00a0select 2;\u2028', 'select 3;;', ';', "select 'a;b' from t;", 'update t set a="#" ;', "select '' ;", 'select `x`;', "select 'x'';") },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...SCRIPT_PIECES), { maxLength: 6 }).map((xs) => xs.join('')) },
);

describe('simpleStatements', () => {
  it('when it gives statements, they are exactly splitStatements of the joined lines (property)', () => {
    let answered = 0;
    fc.assert(fc.property(fc.array(line, { maxLength: 6 }), (lines) => {
      const fast = simpleStatements(lines);
      if (fast === null) return;
      answered++;
      expect(fast).toEqual(splitStatements(lines.join('\n') + '\n'));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 5000) });
    expect(answered).toBeGreaterThan(100);
  });

  it('takes the common slow-log record and leaves the rest to the general splitter', () => {
    expect(simpleStatements(['SET timestamp=1763632800;', 'select c0 from t1_0 where customer_id = 0;'])).toEqual([
      { sql: 'SET timestamp=1763632800', line: 1 },
      { sql: 'select c0 from t1_0 where customer_id = 0', line: 2 },
    ]);
    expect(simpleStatements(['', '  update t set a = 1 ;  '])).toEqual([{ sql: 'update t set a = 1', line: 2 }]);
    expect(simpleStatements(["select * from t where e = 'a;b' and `c#` = \"-- x\";"])).toEqual([{ sql: "select * from t where e = 'a;b' and `c#` = \"-- x\"", line: 1 }]);
    for (const hard of [["select 'a\\'b';"], ["select 'it''s';"], ["select 'open;"], ["select 'a';'"], ['select 1; select 2;'], ['select a', 'from t;'], ['use db;'], ['DELIMITER ;'], ['select 1; -- c'], ['select 1 /* c */;'], ['select 1\\G'], ['select 1'], ['select `a``b`;'], ['select 1;\n', 'select 2;'], ['select 1;\r\n']]) {
      expect(simpleStatements(hard)).toBeNull();
    }
  });
});
