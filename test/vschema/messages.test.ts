// Messages for the inputs people actually have: a `null` file, a UTF-8 BOM, config mistakes at their
// line with "did you mean", a column type in the wrong case, one finding per wrong-type field, and a
// sequence hint that names the real cause.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/core/config.js';
import { ALL_RULE_META } from '../../src/rules/index.js';
import { check } from '../helpers.js';

const RULE_IDS = ALL_RULE_META.map((m) => m.id);

describe('messages', () => {
  it('a file that is `null` says null, not "object"', () => {
    const f = check('null');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/got null/);
  });

  it('a UTF-8 BOM is one finding that says so, and the rest of the file is still checked', () => {
    const f = check('\uFEFF{"sharded": true, "vindexes": {"h": {"type": "hash"}}, "tables": {"t": {}}}');
    expect(f.filter((x) => x.rule === 'json-syntax').map((x) => x.message)).toEqual([expect.stringMatching(/byte order mark/)]);
    expect(f.map((x) => x.rule)).toContain('primary-vindex-missing');
  });

  it('an unknown config key is reported at its own line', () => {
    const { findings } = parseConfig('c.yml', 'rules:\n  vindex-unused: off\ndefault_keyspce: customer\n', RULE_IDS);
    expect(findings).toMatchObject([{ rule: 'config-invalid', line: 3, column: 1 }]);
    expect(findings[0]!.message).toMatch(/default_keyspce.*did you mean `default_keyspace`/);
  });

  it('a mistyped rule id gets a "did you mean", at its line (also in suppressions)', () => {
    const { findings } = parseConfig('c.yml', 'rules:\n  vindex-unusd: off\nsuppressions:\n  - rule: primary-vindex-lookpu\n    reason: r\n', RULE_IDS);
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [2, expect.stringMatching(/unknown rule id "vindex-unusd"; did you mean `vindex-unused`\?/)],
      [4, expect.stringMatching(/unknown rule id "primary-vindex-lookpu"; did you mean `primary-vindex-lookup`\?/)],
    ]);
  });

  it('a column type in the wrong case suggests the right one', () => {
    const f = check('{"tables": {"t": {"columns": [{"name": "c", "type": "varchar"}]}}}').filter((x) => x.rule === 'json-type');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/did you mean `VARCHAR`\?/);
  });

  it('a wrong-type field gives one finding, not the follow-on findings Vitess never reaches', () => {
    const f = check('{"sharded": true, "vindexes": {"h": {"type": {"name": "hash"}}}, "tables": {"t": {"column_vindexes": [{"column": "id", "name": "h"}]}}}');
    expect(f.map((x) => x.rule)).toEqual(['json-type']);
    const g = check('{"sharded": "true", "vindexes": {"h": {"type": "hash"}}, "tables": {"t": {"column_vindexes": [{"column": "id", "name": "h"}]}}}');
    expect(g.map((x) => x.rule)).toEqual(['json-type']);
  });

  it('the sequence hint names the real cause: a keyspace whose file was not passed, or an ambiguous name', () => {
    const sharded = (seq: string) => `{"sharded": true, "vindexes": {"h": {"type": "hash"}}, "tables": {"t": {"column_vindexes": [{"column": "id", "name": "h"}], "auto_increment": {"column": "id", "sequence": "${seq}"}}}}`;
    const missingKs = check(sharded('commerce.customer_seq')).find((x) => x.rule === 'sequence-unresolved')!;
    expect(missingKs.hint).toMatch(/keyspace "commerce" is not in the files checked.*pass its VSchema file/);
    expect(missingKs.hint).not.toMatch(/qualify it/);
    const unqualified = check(sharded('customer_seq')).find((x) => x.rule === 'sequence-unresolved')!;
    expect(unqualified.hint).toMatch(/no keyspace of the files checked declares "customer_seq".*file.*missing/);
  });
});
