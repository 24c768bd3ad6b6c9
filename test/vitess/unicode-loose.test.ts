// Differential test of the unicode_loose_md5 / unicode_loose_xxhash port (src/vindexes/unicode-hash.ts
// and collate-*.ts) against Vitess's own vindexes: test/vitess/unicode-oracle (Go, built by
// build-unicode-oracle.sh from vitess.io/vitess v0.24.4) maps the same inputs, and every keyspace id
// and error text must be equal. Inputs are thousands of fast-check strings drawn from the places the
// collator has special rules: combining marks of many classes (canonical reordering, > 30 in a row),
// contractions (Cyrillic, Thai/Lao, Tibetan, Catalan l·l ...), Hangul syllables and jamo, CJK and
// other implicit weights, unassigned and private-use code points, NFKD-decomposed compatibility
// characters, any astral scalar value, texts over 64 bytes, trailing spaces and tabs; plus random
// bytes for the invalid-UTF-8 error text. VG_UNICODE_SEED / VG_UNICODE_RUNS override seed and count.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hex, mapToDestination } from '../../src/vindexes/keyspace-id.js';

const SEED = Number(process.env.VG_UNICODE_SEED ?? 20261206);
const RUNS = Number(process.env.VG_UNICODE_RUNS ?? 6000);
let oracle = '';

beforeAll(() => {
  oracle = execFileSync(path.join(import.meta.dirname, 'build-unicode-oracle.sh'), { encoding: 'utf8' }).trim();
}, 600_000);

/** The oracle's answers for each input: [md5, xxhash], each a hex keyspace id or `!error`. */
function vitess(inputs: Uint8Array[]): string[][] {
  const stdin = inputs.map((b) => Buffer.from(b).toString('hex')).join('\n') + '\n';
  const out = execFileSync(oracle, { input: stdin, encoding: 'utf8', maxBuffer: 1 << 28 });
  return out.trimEnd().split('\n').map((l) => l.split('\t'));
}

/** Ours, in the oracle's format. */
function ours(b: Uint8Array): string[] {
  return (['unicode_loose_md5', 'unicode_loose_xxhash'] as const).map((t) => {
    const d = mapToDestination(t, {}, [{ type: 'hex', text: Buffer.from(b).toString('hex') }]);
    return d.kind === 'ksid' ? hex(d.ksid) : d.kind === 'none' ? `!${d.reason}` : `?${d.kind}`;
  });
}

const range = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
/** Code points weighted towards the collator's special cases. */
const codePoint = fc.oneof(
  { weight: 6, arbitrary: fc.oneof(range(0x20, 0x7e), fc.constantFrom(0x09, 0x0a, 0x00, 0x7f)) },
  { weight: 4, arbitrary: range(0xc0, 0x24f) }, // Latin-1, Latin Extended
  { weight: 6, arbitrary: fc.oneof(range(0x300, 0x36f), range(0x591, 0x5c7), range(0x64b, 0x65f), range(0x1ab0, 0x1aff), range(0x1dc0, 0x1dff), range(0x20d0, 0x20f0), range(0x302a, 0x302f), range(0x3099, 0x309a), range(0x0e31, 0x0e3a), range(0x0f71, 0x0f84)) }, // combining marks
  { weight: 4, arbitrary: fc.oneof(range(0x370, 0x3ff), range(0x400, 0x4ff), range(0x900, 0x97f), range(0xe00, 0xeff), range(0xf00, 0xfff), range(0x1000, 0x109f)) }, // scripts with contractions
  { weight: 2, arbitrary: fc.constantFrom(0x6c, 0x4c, 0xb7, 0x387, 0x438, 0x306, 0x418, 0x0e40, 0x0e01, 0x0ec0, 0x0e81, 0x0fb2, 0x0f80, 0x0fb3, 0x0f71) }, // l·l, й, Thai/Lao prevowels, Tibetan
  { weight: 4, arbitrary: fc.oneof(range(0xac00, 0xd7a3), range(0x1100, 0x11ff), range(0x3130, 0x318f)) }, // Hangul
  { weight: 4, arbitrary: fc.oneof(range(0x4e00, 0x9fff), range(0x3400, 0x4dbf), range(0xf900, 0xfaff), range(0x20000, 0x2fa1f), range(0x30000, 0x323af)) }, // CJK (implicit weights)
  { weight: 3, arbitrary: fc.oneof(range(0xfb00, 0xfb4f), range(0x2150, 0x24ff), range(0x3200, 0x33ff), range(0xff00, 0xffef), range(0x1d400, 0x1d7ff), range(0x1f100, 0x1f1ff), range(0xfe30, 0xfe6f)) }, // compatibility (NFKD)
  { weight: 2, arbitrary: fc.oneof(range(0xe000, 0xf8ff), range(0xf0000, 0x10fffd), range(0x0378, 0x0379), range(0x2fe0, 0x2fef), range(0xe0000, 0xe0fff), range(0xfdd0, 0xfdef), range(0x1f300, 0x1faff)) }, // private use, unassigned, emoji
  { weight: 3, arbitrary: fc.oneof(range(0, 0xd7ff), range(0xe000, 0x10ffff)) }, // any scalar value
);
/** Runes that start contractions in the root table, and marks that continue or sit inside them. */
const starter = fc.oneof(fc.constantFrom(0x438, 0x418, 0x435, 0x415, 0x456, 0x443, 0x4e9, 0x6c, 0x4c, 0x0e40, 0x0ec0, 0x0f40, 0x0fb2, 0x0fb3, 0x0f71, 0x1025, 0x0b92, 0x0dd9), range(0x400, 0x4ff), range(0xe00, 0xeff), range(0xf00, 0xfff));
const mark = fc.oneof(fc.constantFrom(0x306, 0x308, 0x300, 0x301, 0x323, 0x327, 0x328, 0x31b, 0x0f71, 0x0f72, 0x0f74, 0x0f80, 0x0fb5, 0x0fb7, 0x0e38, 0x0e39, 0x0e48, 0x102e, 0x0bd7, 0x0dca, 0x0dcf, 0x0ddf, 0x0c55, 0x0c56, 0xb7), range(0x300, 0x36f), range(0x591, 0x5c7), range(0x1dc0, 0x1dff));
/** Combining marks that carry primary weights, in several combining classes. */
const primaryMark = fc.oneof(range(0x363, 0x36f), fc.constantFrom(0x816, 0x817, 0x81b, 0x94d, 0x9cd, 0xc55, 0xc56, 0xe38, 0xe39, 0xe3a, 0xeb8, 0xeb9, 0xf71, 0xf72, 0xf73, 0xf74, 0xf75, 0xf7a, 0xf7b), range(0x300, 0x362));
const text = fc.oneof(
  { weight: 8, arbitrary: fc.array(codePoint, { maxLength: 12 }) },
  { weight: 4, arbitrary: fc.array(codePoint, { minLength: 20, maxLength: 80 }) }, // > 64 bytes
  { weight: 2, arbitrary: fc.tuple(fc.array(codePoint, { maxLength: 3 }), fc.array(range(0x300, 0x36f), { minLength: 25, maxLength: 45 })).map(([a, b]) => [...a, ...b]) }, // long mark runs
  { weight: 1, arbitrary: fc.tuple(fc.array(codePoint, { maxLength: 8 }), fc.array(fc.constantFrom(0x20, 0x09), { maxLength: 4 })).map(([a, b]) => [...a, ...b]) }, // trailing blanks
  { weight: 3, arbitrary: fc.tuple(starter, fc.array(mark, { maxLength: 4 }), fc.array(mark, { maxLength: 3 }), fc.array(codePoint, { maxLength: 2 })).map(([a, b, c, d]) => [a, ...b, ...c, ...d]) }, // discontiguous contractions
  { weight: 2, arbitrary: fc.tuple(starter, fc.array(primaryMark, { minLength: 26, maxLength: 40 })).map(([a, b]) => [a, ...b]) }, // > 30 marks with weights
).map((cps) => Uint8Array.from(Buffer.from(String.fromCodePoint(...cps), 'utf8')));
/** Bytes that are mostly not UTF-8 (the error text quotes them with Go's %q). */
const bytes = fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.tuple(text, fc.uint8Array({ minLength: 1, maxLength: 3 })).map(([t, b]) => Uint8Array.from([...t, ...b])));

describe('unicode_loose_md5 / unicode_loose_xxhash equal Vitess (differential, unicode-oracle)', () => {
  it(`maps ${RUNS} random texts to the same keyspace ids (seed ${SEED})`, () => {
    const inputs = fc.sample(text, { numRuns: RUNS, seed: SEED });
    const want = vitess(inputs);
    expect(want).toHaveLength(inputs.length);
    const bad = inputs.flatMap((b, i) => {
      const got = ours(b);
      return got.join('\t') === want[i]!.join('\t') ? [] : [{ input: Buffer.from(b).toString('hex'), text: Buffer.from(b).toString('utf8'), got, want: want[i] }];
    });
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('gives the same error text for bytes that are not UTF-8, and the same ids for those that are', () => {
    const inputs = [...fc.sample(bytes, { numRuns: 600, seed: SEED + 1 }), Buffer.from('é\xff́ \n"\\\t\x07\u{10ffff}\u200b', 'latin1'), Buffer.from([0xc3, 0xa9, 0xff, 0xe2, 0x80, 0x8b, 0x0a, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xc0, 0xaf])];
    const want = vitess(inputs);
    let errors = 0;
    const bad = inputs.flatMap((b, i) => {
      const got = ours(b);
      if (want[i]![0]!.startsWith('!')) errors++;
      return got.join('\t') === want[i]!.join('\t') ? [] : [{ input: Buffer.from(b).toString('hex'), got, want: want[i] }];
    });
    expect(bad.slice(0, 5)).toEqual([]);
    expect(errors).toBeGreaterThan(300);
  });
});

describe('src/generated/unicode-loose-tables.ts', () => {
  it('is what scripts/unicode-loose/gen.sh writes from Vitess v0.24.4 today', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-unicode-gen-'));
    try {
      const out = path.join(dir, 'tables.ts');
      execFileSync(path.join(import.meta.dirname, '../../scripts/unicode-loose/gen.sh'), [out], { stdio: ['ignore', 'ignore', 'pipe'] });
      expect(fs.readFileSync(out, 'utf8') === fs.readFileSync(path.join(import.meta.dirname, '../../src/generated/unicode-loose-tables.ts'), 'utf8')).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
