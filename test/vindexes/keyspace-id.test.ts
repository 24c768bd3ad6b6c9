// Every vector of fixtures/vindex-vectors.json (Vitess v18 test vectors, Apache-2.0, copied from the
// project's spec) is checked against our keyspace-id functions.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type SqlValue, hex, mapToDestination } from '../../src/vindexes/keyspace-id.js';
import { compareKeys, contains, evenShards, parseShardName } from '../../src/topology/key-range.js';

interface Vector {
  vindex: string;
  params?: Record<string, unknown>;
  input: unknown;
  input_type: string | string[];
  keyspace_id_hex: string | null;
  destination?: string;
  start_hex?: string;
  end_hex?: string;
}
const data = JSON.parse(fs.readFileSync('fixtures/vindex-vectors.json', 'utf8')) as {
  vectors: Vector[];
  parameterized_vectors: Vector[];
  multi_column_vectors: Vector[];
  derived_vectors: { rows: Vector[] };
  keyrange: {
    even_shards_from_tests: Array<{ i: number; n: number; spec: string }>;
    contains_from_tests: Array<{ ksid_hex: string; start: string; end: string; contained: boolean }>;
    vtexplain_examples: Array<{ vindex: string; input: number | string; input_type: string; keyspace_id_hex: string | null; shards: string[]; expected_shard: string }>;
  };
};

function sqlValue(input: unknown, type: string): SqlValue {
  if (input === null || type === 'null') return { type: 'null', text: '' };
  if (type === 'varbinary(hex)') return { type: 'hex', text: String(input) };
  if (type === 'hexval') return { type: 'hex', text: String(input).replace(/^x'|'$/g, '') };
  if (type === 'int64' || type === 'int32') return { type: 'int', text: String(input) };
  if (type === 'uint64') return { type: 'uint', text: String(input) };
  if (type === 'float64') return { type: 'float', text: String(input) };
  return { type: 'str', text: String(input) };
}

function params(v: Vector): Record<string, string> {
  const p: Record<string, string> = {};
  for (const [k, x] of Object.entries(v.params ?? {})) {
    if (k === '_json_path_content') p.json = JSON.stringify(x);
    else if (k !== 'json_path') p[k] = String(x);
  }
  return p;
}

function check(v: Vector): void {
  const inputs = Array.isArray(v.input) ? (v.input as unknown[]) : [v.input];
  const types = Array.isArray(v.input_type) ? v.input_type : [v.input_type];
  const d = mapToDestination(v.vindex, params(v), inputs.map((x, i) => sqlValue(x, types[i] ?? types[0]!)));
  if (v.keyspace_id_hex !== null) {
    expect(d.kind === 'ksid' ? hex(d.ksid) : d).toBe(v.keyspace_id_hex);
  } else if (v.destination === 'KeyRange') {
    expect(d.kind === 'range' ? [hex(d.start), hex(d.end)] : d).toEqual([v.start_hex, v.end_hex]);
  } else {
    expect(d.kind).toBe('none');
  }
}

describe('keyspace ids (spec C, vindex-vectors.json)', () => {
  for (const group of ['vectors', 'parameterized_vectors', 'multi_column_vectors'] as const) {
    it.each(data[group].map((v) => [`${v.vindex} ${JSON.stringify(v.input)} (${String(v.input_type)})`, v] as const))(`${group}: %s`, (_, v) => check(v));
  }
  it.each(data.derived_vectors.rows.map((v) => [`${v.vindex} ${JSON.stringify(v.input)}`, v] as const))('derived: %s', (_, v) => check(v));
});

describe('key ranges (spec C.12)', () => {
  it.each(data.keyrange.even_shards_from_tests)('even shard $i of $n is $spec', ({ i, n, spec }) => {
    expect((evenShards(n) as string[])[i]).toBe(spec);
  });
  it.each(data.keyrange.contains_from_tests)('$ksid_hex in [$start, $end) = $contained', ({ ksid_hex, start, end, contained }) => {
    expect(contains({ start: Buffer.from(start, 'hex'), end: Buffer.from(end, 'hex') }, Buffer.from(ksid_hex, 'hex'))).toBe(contained);
  });
  it.each(data.keyrange.vtexplain_examples)('vtexplain: $vindex($input) is on $expected_shard', ({ vindex, input, input_type, keyspace_id_hex, shards, expected_shard }) => {
    const d = mapToDestination(vindex, {}, [sqlValue(input, input_type)]);
    // Some examples name only the shard (unicode_loose_md5 ones from vtexplain's test outputs).
    if (keyspace_id_hex !== null) expect(d.kind === 'ksid' && hex(d.ksid)).toBe(keyspace_id_hex);
    else expect(d.kind).toBe('ksid');
    const owner = shards.find((s) => d.kind === 'ksid' && contains(parseShardName(s) as never, d.ksid));
    expect(owner).toBe(expected_shard);
  });
  it('compares keys ignoring trailing zero bytes and rejects bad names', () => {
    expect(compareKeys(Buffer.from('80', 'hex'), Buffer.from('8000', 'hex'))).toBe(0);
    expect(parseShardName('80-40')).toMatch(/out of order keys/);
    expect(evenShards(3)).toBe('the shard count must be a power of two: 3');
    expect(evenShards(512)).toHaveLength(512);
  });
});

describe('hash of unsigned literals (issue 14)', () => {
  it('maps integer literals in [2^63, 2^64) as uint64, like vtexplain', () => {
    const ksid = (text: string) => {
      const d = mapToDestination('hash', {}, [{ type: 'int', text }]);
      return d.kind === 'ksid' ? hex(d.ksid) : d.kind;
    };
    // vtexplain v24.0.4: select * from user where user_id = 18446744073709551615 → ksid 355550b2150e2451.
    expect(ksid('18446744073709551615')).toBe('355550b2150e2451');
    expect(ksid('-1')).toBe('355550b2150e2451');
    expect(ksid('9223372036854775808')).toBe(ksid('-9223372036854775808'));
    expect(ksid('18446744073709551616')).toBe('none');
  });
});

describe('hash vindex cipher reuse', () => {
  it('gives each value its own keyspace id whatever was hashed before (one DES cipher for all calls)', () => {
    const ksid = (n: string): string => {
      const d = mapToDestination('hash', {}, [{ type: 'int', text: n }]);
      return d.kind === 'ksid' ? hex(d.ksid) : JSON.stringify(d);
    };
    const values = ['1', '2', '-2', '18446744073709551615', '9223372036854775807', '0'];
    const first = values.map(ksid);
    const reversed = [...values].reverse().map(ksid).reverse();
    expect(reversed).toEqual(first);
    expect(new Set(first).size).toBe(values.length);
    // Vitess's hash vindex test vector: 1 → 166b40b44aba4bd6.
    expect(first[0]).toBe('166b40b44aba4bd6');
  });
});
