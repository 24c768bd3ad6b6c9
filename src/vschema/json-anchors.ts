/**
 * Where each value of a JSON text is, by JSON pointer, read straight from the text: the fast path of
 * src/vschema/parse-json.ts for text `JSON.parse` has accepted (the value comes from `JSON.parse`,
 * the positions from here, and jsonc-parser's tree is never built).
 *
 * The anchor of a pointer is the offset {@link JsonSource.locate} reports for it: for an object
 * member its key (the opening quote), for an array element the element, for the document its value.
 * These are exactly the offsets jsonc-parser's tree gives (property-tested against it in
 * test/vschema/json-anchors.test.ts).
 *
 * A key written with an escape (`"\u00e9"`, `"\\"`) is not taken: `JSON.parse` of Node 24.21 can
 * return a wrong key for one. Reproduced on this machine: after `{"\\": 1}` (the key a lone
 * backslash, in a text built at run time), `{"\u00e9": 1}` parses as `{"\\": 1}`, and so does every
 * escaped one-character key after it (`\u0041`, `\ud800`, ...) until an object of another shape is
 * parsed; Node 20 is right. No wrong key was seen in text whose keys have no backslash (the property
 * test, run on Node 24 too), and VSchema keys (keyspace, table, vindex, column and param names)
 * practically never have one: a file with one goes through jsonc-parser.
 */
import { escapePointer } from './source.js';

/**
 * The anchors of every value of `text`, by JSON pointer, or undefined when an object has a key
 * twice, a key is written with an escape, or containers nest deeper than `maxDepth` (the caller then
 * takes jsonc-parser's path, which reports a duplicate or the depth with its position).
 *
 * `text` must be valid JSON (`JSON.parse(text)` did not throw): nothing else is checked here, and
 * other text gives meaningless anchors. Never throws. Iterative: no nesting depth overflows the stack.
 */
export function jsonAnchors(text: string, maxDepth = Infinity): Map<string, number> | undefined {
  const anchors = new Map<string, number>();
  const n = text.length;
  /** Pointers of the open containers, and for arrays the next element's index (-1 for objects). */
  const ptrs: string[] = [];
  const next: number[] = [];
  let top = -1;
  let i = skipSpace(text, 0);
  anchors.set('', i);
  // At each step `i` is at a token; after a `{` or an object's `,` the next string is a key.
  let keyNext = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      const end = stringEnd(text, i);
      if (keyNext) {
        const key = text.slice(i + 1, end - 1);
        if (key.includes('\\')) return undefined; // an escaped key: see the module comment
        const p = ptrs[top] + '/' + escapePointer(key);
        if (anchors.has(p)) return undefined;
        anchors.set(p, i);
        ptrs[top + 1] = p; // the member's value, if it is a container, opens under this pointer
        keyNext = false;
      }
      i = end;
    } else if (c === 123 || c === 91) {
      // The container's own pointer: the member's (set at its key) or the element's, or the document.
      const p = top < 0 ? '' : next[top]! < 0 ? ptrs[top + 1]! : ptrs[top] + '/' + (next[top]! - 1);
      if (++top >= maxDepth) return undefined;
      ptrs[top] = p;
      i = skipSpace(text, i + 1);
      if (c === 123) {
        next[top] = -1;
        keyNext = true;
      } else {
        next[top] = 0;
        if (text.charCodeAt(i) !== 93) anchors.set(p + '/' + next[top]++, i);
      }
    } else if (c === 44) {
      i = skipSpace(text, i + 1);
      if (next[top]! < 0) keyNext = true;
      else anchors.set(ptrs[top] + '/' + next[top]++, i);
    } else if (c === 125 || c === 93) {
      top--;
      keyNext = false; // `{}`: no key came
      i++;
    } else i++;
  }
  return anchors;
}

/** The offset just past the string whose opening quote is at `i` (escapes skipped). */
function stringEnd(text: string, i: number): number {
  for (i++; ; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) i++;
    if (Number.isNaN(c)) return text.length;
  }
}

/** The first offset at or after `i` that is not JSON whitespace. */
function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}
