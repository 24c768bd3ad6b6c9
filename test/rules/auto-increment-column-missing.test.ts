import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('auto-increment-column-missing', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('auto-increment-column-missing', {
      valid: [
        "{\"tables\": {\"s\": {\"type\": \"sequence\"}, \"t\": {\"column_list_authoritative\": true, \"columns\": [{\"name\": \"id\"}], \"auto_increment\": {\"column\": \"id\", \"sequence\": \"s\"}}}}",
      ],
      invalid: [
        { text: "{\"tables\": {\"s\": {\"type\": \"sequence\"}, \"t\": {\"column_list_authoritative\": true, \"columns\": [{\"name\": \"id\"}], ⟪\"auto_increment\": {\"column\": \"uid\", \"sequence\": \"s\"}}}}", vitess: null },
      ],
    });
  });
});
