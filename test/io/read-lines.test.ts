// The chunked line reader (src/io/read-lines.ts) against node:readline with crlfDelay: Infinity as on
// Node 20 (./readline-node20.ts; what readCorpus used before): same lines, same count, however the
// bytes are cut into reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readlineNode20 } from './readline-node20.js';
import { forEachLine, forEachSpan, lineSplitter, spanSplitter } from '../../src/io/read-lines.js';

/** Lines as readline gives them for `bytes` arriving in `cuts` pieces (decoded as fs.createReadStream(..., 'utf8') does). */
async function viaReadline(bytes: Buffer, cuts: number[]): Promise<string[]> {
  const pieces = cutAt(bytes, cuts);
  const input = Readable.from(pieces, { objectMode: false });
  input.setEncoding('utf8');
  const out: string[] = [];
  for await (const line of readlineNode20(input as AsyncIterable<string>)) out.push(line);
  return out;
}

function cutAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const c of [...at, bytes.length]) {
    if (c > prev) out.push(bytes.subarray(prev, c));
    prev = Math.max(prev, c);
  }
  return out;
}

function viaSplitter(bytes: Buffer, cuts: number[]): { lines: string[]; numbers: number[]; count: number } {
  const lines: string[] = [];
  const numbers: number[] = [];
  const s = lineSplitter((l, n) => {
    lines.push(l);
    numbers.push(n);
  });
  for (const piece of cutAt(bytes, cuts)) s.write(piece);
  return { lines, numbers, count: s.end() };
}

/** The spans a span splitter gives, as strings; throws if one holds a line break. */
function viaSpans(bytes: Buffer, cuts: number[]): string[] {
  const lines: string[] = [];
  const s = spanSplitter((text, start, end) => {
    const line = text.slice(start, end);
    if (/[\r\n]/.test(line) || start > end) throw new Error(`span ${start}..${end} holds a line break`);
    lines.push(line);
  });
  for (const piece of cutAt(bytes, cuts)) s.write(piece);
  s.end();
  return lines;
}

const text = fc.array(fc.constantFrom('a', 'select 1;', '\n', '\r', '\r\n', '\n\n', ' ', 'é', '😀', '\ufeff', '\u2028', '\t', '#'), { maxLength: 30 }).map((xs) => xs.join(''));
const bytesOf = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => Buffer.from(t, 'utf8')) },
  // Invalid and truncated UTF-8 too: both sides decode with the same replacement characters.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a.map((b) => [10, 13, 0xe2, 0x80, 0xa8, 0xf0, 0x9f, 65][b % 8]!))) },
);

describe('forEachLine', () => {
  it('gives the lines readline gives, for any cut of the bytes into reads (property)', async () => {
    await fc.assert(fc.asyncProperty(bytesOf, fc.array(fc.nat(), { maxLength: 8 }), async (bytes, cuts) => {
      const expected = await viaReadline(bytes, cuts);
      const got = viaSplitter(bytes, cuts);
      expect(got.lines).toEqual(expected);
      expect(got.count).toBe(expected.length);
      expect(got.numbers).toEqual(expected.map((_, i) => i + 1));
      expect(viaSpans(bytes, cuts)).toEqual(expected);
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) });
  });

  it('reads a file in chunks: CRLF and a multi-byte character across chunk boundaries, no final newline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-lines-'));
    const f = path.join(dir, 'x.log');
    const body = 'ab\r\ncdé😀\r\n\r\nlast';
    fs.writeFileSync(f, body);
    for (const chunk of [1, 2, 3, 5, 64]) {
      const lines: string[] = [];
      expect(await forEachLine(f, (l) => lines.push(l), chunk)).toBe(4);
      expect(lines).toEqual(['ab', 'cdé😀', '', 'last']);
      const spans: string[] = [];
      expect(await forEachSpan(f, (text, start, end) => spans.push(text.slice(start, end)), chunk)).toBe(4);
      expect(spans).toEqual(lines);
    }
    await expect(forEachLine(path.join(dir, 'missing'), () => undefined)).rejects.toThrow(/ENOENT/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
