import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/corpus/fingerprint.js';

describe('fingerprint (Vitess normalizer)', () => {
  it.each([
    ["select * from user where id = 5 and name = 'x' limit 10", 'select * from user where id = :vtg1 and name = :vtg2 limit :vtg3'],
    ['SELECT * FROM user WHERE id IN (1, 2, 3)', 'select * from user where id in ::vtg1'],
    ['select a from t where b = -1 and c in (:a, 2)', 'select a from t where b = :vtg1 and c in (:a, :vtg2)'],
    ["insert into t (a,b) values (1,'x'),(2,'y')", 'insert into t(a, b) values (:vtg1, :vtg2), (:vtg3, :vtg4)'],
    ['select /*vt+ PLANNER=gen4 */ 1 from `user` -- hi\n where x = 0x1f', 'select /*vt+ PLANNER=gen4 */ :vtg1 from `user` where x = :vtg2'],
  ])('%s', (sql, fp) => {
    expect(fingerprint(sql)).toBe(fp);
  });

  it('gives the same fingerprint to statements that differ only in literals, case and spacing', () => {
    expect(fingerprint("SELECT name FROM customer WHERE  email='a@x' ")).toBe(fingerprint("select name from customer where email = 'b@y'"));
    expect(fingerprint('select 1 from t where id in (1,2)')).toBe(fingerprint('select 1 from t where id in (7, 8, 9, 10)'));
  });
});
