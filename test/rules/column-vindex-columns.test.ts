import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('column-vindex-columns', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('column-vindex-columns', {
      valid: [
        "{\"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"columns\": [\"id\"], \"name\": \"h\"}]}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"column\": \"a\", \"columns\": [\"b\"], \"name\": \"h\"}]}}}", vitess: "can't use column and columns at the same time in vindex (h) and table (t)" },
        { text: "{\"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [⟪{\"name\": \"h\"}]}}}", vitess: "must specify at least one column for vindex (h) and table (t)" },
      ],
    });
  });
});
