// The streamed JSON report is JSON.stringify(report, null, 2), byte for byte.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamJson } from '../../src/report/json-stream.js';

const streamed = (v: unknown, depth?: number): { text: string; chunks: number } => {
  let text = '';
  let chunks = 0;
  streamJson(v, (c) => ((text += c), chunks++), depth);
  return { text, chunks };
};

describe('streamJson', () => {
  it('equals JSON.stringify(v, null, 2) for any JSON value, at any streaming depth (property)', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(5), (v, depth) => {
      expect(streamed(v, depth).text).toBe(JSON.stringify(v, null, 2));
    }), { numRuns: 500 });
  });

  it('leaves out undefined members like JSON.stringify', () => {
    const v = { a: undefined, b: [undefined, 1], c: { d: undefined }, e: 'x' };
    expect(streamed(v).text).toBe(JSON.stringify(v, null, 2));
  });

  it('writes a large report in chunks, same text as the golden JSON', () => {
    for (const f of fs.readdirSync('test/golden/diff').filter((x) => x.endsWith('.json'))) {
      const text = fs.readFileSync(`test/golden/diff/${f}`, 'utf8');
      expect(streamed(JSON.parse(text)).text + '\n', f).toBe(text);
    }
    const big = { routing: { queries: Array.from({ length: 5000 }, (_, i) => ({ sql: `select ${i}`, base: { routes: [{ shards: ['-80'] }] } })) } };
    const s = streamed(big);
    expect(s.text).toBe(JSON.stringify(big, null, 2));
    expect(s.chunks).toBeGreaterThan(5);
  });
});
