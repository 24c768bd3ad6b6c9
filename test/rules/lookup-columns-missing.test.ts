import { describe, it } from 'vitest';
import { ruleCases } from '../helpers.js';

describe('lookup-columns-missing', () => {
  it('reports exactly the marked nodes', () => {
    ruleCases('lookup-columns-missing', {
      valid: [
        "{\"vindexes\": {\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"ks.lt\", \"from\": \"a\", \"to\": \"k\"}}}, \"tables\": {\"lt\": {\"column_list_authoritative\": true, \"columns\": [{\"name\": \"a\"}, {\"name\": \"k\"}]}}}",
      ],
      invalid: [
        { text: "{\"vindexes\": {⟪\"l\": {\"type\": \"lookup\", \"params\": {\"table\": \"ks.lt\", \"from\": \"a\", \"to\": \"ksid\"}}}, \"tables\": {\"lt\": {\"column_list_authoritative\": true, \"columns\": [{\"name\": \"a\"}, {\"name\": \"k\"}]}}}", vitess: null },
      ],
    });
  });
});
