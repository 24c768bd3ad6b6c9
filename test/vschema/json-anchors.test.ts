// parseJson's fast path (JSON.parse for the value, src/vschema/json-anchors.ts for the positions)
// against jsonc-parser's tree (the reference, and the path every other text takes): the same anchor
// for every JSON pointer, the same values without prototypes, the same locations (also for absent
// pointers), and no fast path when an object has a key twice. Keys with escapes, slashes, tildes,
// `__proto__`, integer-like keys and lone surrogates; every kind of JSON whitespace between tokens.
import fc from 'fast-check';
import { type Node, getNodeValue, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { jsonAnchors } from '../../src/vschema/json-anchors.js';
import { MAX_JSON_DEPTH, parseJson } from '../../src/vschema/parse-json.js';
import { JsonSource, escapePointer } from '../../src/vschema/source.js';

/** A JSON value whose objects are member lists (so a key may come twice). */
type V = null | boolean | number | string | V[] | { members: Array<[string, V]> };

const key = fc.oneof(
  fc.constantFrom('a', 'b', '', '/', '~', 'a/b~1c', '~0', '__proto__', 'constructor', 'toString', '0', '10', '2', '-1', 'é', '\u2028', '"', '\\', 'a"b', '\ud800', 'tables', 'column_vindexes'),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const scalar: fc.Arbitrary<V> = fc.oneof(fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string({ maxLength: 8, unit: 'binary' }), fc.constantFrom('{', '}', '[', ']', ',', '"', '\\"', ':'));
const value: fc.Arbitrary<V> = fc.letrec<{ v: V }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('v')), { maxLength: 4 }).map((members) => ({ members })),
  ),
})).v;
const space = fc.array(fc.constantFrom('', ' ', '\n', '\t', '\r\n', '  '), { minLength: 1, maxLength: 16 });

/** `v` as JSON text, with whitespace from `ws` (cycled) between every two tokens. */
function write(v: V, ws: string[]): string {
  let k = 0;
  const w = (): string => ws[k++ % ws.length]!;
  const go = (x: V): string => {
    if (Array.isArray(x)) return '[' + w() + x.map((e) => go(e) + w()).join(',' + w()) + ']';
    if (x !== null && typeof x === 'object') return '{' + w() + x.members.map(([name, e]) => JSON.stringify(name) + w() + ':' + w() + go(e) + w()).join(',' + w()) + '}';
    return JSON.stringify(x);
  };
  return w() + go(v) + w();
}

/**
 * The reference: each pointer's anchor read from jsonc-parser's tree, whether a key comes twice, and
 * whether a key is written with an escape (the fast path leaves both to jsonc-parser).
 */
function treeAnchors(text: string): { anchors: Map<string, number>; twice: boolean; escaped: boolean } {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false })!;
  const m = new Map<string, number>();
  let twice = false;
  let escaped = false;
  const walk = (node: Node, ptr: string, at: number): void => {
    if (m.has(ptr)) twice = true;
    m.set(ptr, at);
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const key = p.children![0]!;
        if (text.slice(key.offset, key.offset + key.length).includes('\\')) escaped = true;
        walk(p.children![1]!, ptr + '/' + escapePointer(String(key.value)), key.offset);
      }
    }
    if (node.type === 'array') (node.children ?? []).forEach((c, i) => walk(c, ptr + '/' + i, c.offset));
  };
  walk(root, '', root.offset);
  return { anchors: m, twice, escaped };
}

/** True when no object in `v` has a prototype. */
function noPrototypes(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) return v.every(noPrototypes);
  return Object.getPrototypeOf(v) === null && Object.values(v).every(noPrototypes);
}

describe('JSON anchors (parseJson fast path)', () => {
  it('are jsonc-parser\'s, with the same values and locations (property)', () => {
    fc.assert(
      fc.property(value, space, (v, ws) => {
        const text = write(v, ws);
        const tree = treeAnchors(text);
        const want = tree.twice ? undefined : tree.anchors;
        expect(jsonAnchors(text)).toEqual(tree.twice || tree.escaped ? undefined : want);
        const fast = parseJson('f.json', text);
        const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
        const ref = new JsonSource('f.json', text, root);
        expect(fast.value).toEqual(getNodeValue(root!));
        expect(noPrototypes(fast.value)).toBe(true);
        for (const p of [...(want ?? new Map()).keys(), '/absent', '/a/absent/0']) expect(fast.source.locate(p)).toEqual(ref.locate(p));
        if (want) expect(fast.findings).toEqual([]);
        else expect(fast.findings.map((f) => f.rule)).toContain('duplicate-key');
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) },
    );
  });

  it('leave escaped keys to jsonc-parser: Node 24\'s JSON.parse can misread them after a key "\\\\"', () => {
    const bs = '\\';
    expect(jsonAnchors(`{"${bs}u00e9": 1}`)).toBeUndefined();
    expect(jsonAnchors(`{"a": "${bs}u00e9"}`)?.size).toBe(2); // an escape in a value is read right
    // The sequence that made Node 24.21's JSON.parse answer {"\\": 1}; parseJson must not be fooled.
    JSON.parse(`{"${bs}${bs}": 1}`);
    const r = parseJson('f.json', `{"${bs}u00e9": 1}`);
    expect(Object.keys(r.value as object)).toEqual(['é']);
    expect(r.source.locate('/é')).toMatchObject({ line: 1, column: 2 });
  });

  it('anchor a member at its key, an element at itself, the document at its value', () => {
    const text = ' {"t": [1, {"a/b": true}],\n "~": {}}';
    expect([...jsonAnchors(text)!]).toEqual([
      ['', 1], ['/t', 2], ['/t/0', 8], ['/t/1', 11], ['/t/1/a~1b', 12], ['/~0', 28],
    ]);
    expect(jsonAnchors('{"a": 1, "b": {"a": 2}, "a": 3}')).toBeUndefined();
    expect(jsonAnchors('{"a": 1, "b": 3}')?.size).toBe(3);
  });

  it('leave text nested deeper than the limit to jsonc-parser\'s path, which reports it', () => {
    const nest = (d: number): string => '{"a":'.repeat(d - 1) + '[]' + '}'.repeat(d - 1);
    expect(jsonAnchors(nest(MAX_JSON_DEPTH), MAX_JSON_DEPTH)?.size).toBe(MAX_JSON_DEPTH);
    expect(jsonAnchors(nest(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBeUndefined();
    expect(parseJson('f.json', nest(MAX_JSON_DEPTH)).findings).toEqual([]);
    expect(parseJson('f.json', nest(MAX_JSON_DEPTH + 1)).findings.map((f) => `${f.rule} ${f.message}`)).toEqual([`json-syntax JSON nesting deeper than ${MAX_JSON_DEPTH} levels`]);
    expect(parseJson('f.json', '['.repeat(20000) + ']'.repeat(20000)).findings.map((f) => f.rule)).toEqual(['json-syntax']);
  });
});
