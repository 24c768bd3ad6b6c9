import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('sequence-unresolved', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('sequence-unresolved', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}, \"t\": {\"auto_increment\": {\"column\": \"id\", \"sequence\": \"ks.s\"}}}}",
      ],
      invalid: [
        { text: "{\"sharded\": true, \"vindexes\": {\"h\": {\"type\": \"hash\"}}, \"tables\": {\"t\": {\"column_vindexes\": [{\"column\": \"id\", \"name\": \"h\"}], ⟪\"auto_increment\": {\"column\": \"id\", \"sequence\": \"seq\"}}}}", vitess: "cannot resolve sequence seq: table seq not found" },
        { text: "{\"tables\": {\"t\": {⟪\"auto_increment\": {\"column\": \"id\", \"sequence\": \"a.b.c\"}}}}", vitess: "cannot resolve sequence a.b.c: invalid table name: a.b.c" },
      ],
    });
  });
});
