// The character-loop depth check of parseJson against jsonc-parser's scanner (the reference): the same
// answer, and the same offset, for JSON near the depth limit with brackets and quotes inside strings,
// escapes, comments, control characters and unterminated strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, depthExceeded, scannerDepthExceeded } from '../../src/vschema/parse-json.js';

const piece = fc.constantFrom('{', '}', '[', ']', '"', '"a"', '"{["', '"]}"', '"\\""', '"\\\\"', '"\\/"', '"\\u005b"', '"\\x"', '"\\n["', '"\t"', '"\n"', ':', ',', ' ', '\n', '1', '-2.5e3', 'true', 'null', '/', '//c\n', '/* [ */', '/* ] */', '// ]\n', '"\n[', '"\r[[', '"\t]"', '"\n]"', '[[[[', '\u2028', '\ufeff', 'é');
const deep = fc.tuple(fc.oneof(fc.nat({ max: MAX_JSON_DEPTH + 3 }), fc.integer({ min: MAX_JSON_DEPTH - 4, max: MAX_JSON_DEPTH })), fc.array(piece, { maxLength: 30 }), fc.constantFrom('{"a":', '[')).map(([d, mid, open]) => open.repeat(d) + mid.join(''));
const text = fc.oneof(deep, fc.array(piece, { maxLength: 80 }).map((xs) => xs.join('')), fc.string({ maxLength: 60 }));

describe('parseJson depth check', () => {
  it('gives the scanner\'s answer and offset (property)', () => {
    fc.assert(fc.property(text, (t) => {
      expect(depthExceeded(t)).toBe(scannerDepthExceeded(t));
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 5000) });
  });
  it('finds too-deep nesting past strings full of brackets', () => {
    const t = '{"x": "]]]]", "y": ' + '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH) + '}';
    expect(depthExceeded(t)).toBe(scannerDepthExceeded(t));
    expect(depthExceeded(t)).not.toBeUndefined();
    expect(depthExceeded('{"a": [1, {"b": "[[["}]}')).toBeUndefined();
  });
});
