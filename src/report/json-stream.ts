/**
 * `JSON.stringify(value, null, 2)` written in chunks: the text of a large report is never held as one
 * string. Containers down to `depth` are written member by member; anything deeper is one
 * JSON.stringify call, re-indented. Same output byte for byte as JSON.stringify for JSON data (plain
 * objects, arrays, strings, finite numbers, booleans, null; `undefined` members left out of objects
 * and written as null in arrays). An array too large to hold can be written from elsewhere (a file):
 * {@link JsonSplice}.
 */

/** Chunks are buffered up to this many characters before `write` is called. */
const CHUNK = 1 << 16;

/**
 * Elements of an array written by someone else: the array object (usually empty) stands in the value
 * passed to {@link streamJson}, and `write` hands over the text of its `count` elements exactly as
 * streamJson would have written them at nesting `level` (each made by {@link jsonArrayItem}).
 */
export interface JsonSplice {
  /** Nesting level of the array (0 = the value itself); checked when the array is met. */
  level: number;
  /** Elements written (0: the array is written `[]`). */
  count: number;
  /** Passes the elements' text on, in pieces, through `put`. */
  write(put: (text: string) => void): void;
}

/**
 * The text {@link streamJson} writes for element `index` of an array at nesting `level` whose
 * elements are stringified whole (below the streaming depth): separator, newline, indentation and
 * the element's JSON. `value` must be JSON data (not undefined).
 */
export function jsonArrayItem(value: unknown, index: number, level: number): string {
  return `${index ? ',' : ''}\n${'  '.repeat(level)}  ${indented(value, level + 1)}`;
}

/** JSON.stringify(v, null, 2) re-indented for nesting `level`. */
function indented(v: unknown, level: number): string {
  const text = JSON.stringify(v, null, 2) ?? 'null';
  return level && text.includes('\n') ? text.replace(/\n/g, '\n' + '  '.repeat(level)) : text;
}

/**
 * Writes `value` as JSON indented by 2 spaces through `write`, in chunks of about 64 K characters.
 * `depth`: how many levels of containers are streamed member by member (default 3: a report's
 * `routing.queries` elements are stringified one at a time). `splices`: arrays inside `value` (by
 * identity) whose elements come from a {@link JsonSplice} instead; throws when one is met at another
 * level than its splice was written for (a programming error: the text would be mis-indented).
 */
export function streamJson(value: unknown, write: (chunk: string) => void, depth = 3, splices?: ReadonlyMap<object, JsonSplice>): void {
  let buf = '';
  const put = (s: string): void => {
    buf += s;
    if (buf.length >= CHUNK) {
      write(buf);
      buf = '';
    }
  };
  const emit = (v: unknown, level: number): void => {
    const pad = '  '.repeat(level);
    const splice = v !== null && typeof v === 'object' ? splices?.get(v) : undefined;
    if (splice) {
      if (splice.level !== level) throw new Error(`streamJson: a splice written for level ${splice.level} met at level ${level}`);
      if (splice.count === 0) return put('[]');
      put('[');
      splice.write(put);
      put(`\n${pad}]`);
      return;
    }
    if (level >= depth || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      put(indented(v, level));
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[');
      v.forEach((x, i) => {
        put(`${i ? ',' : ''}\n${pad}  `);
        emit(x === undefined || typeof x === 'function' || typeof x === 'symbol' ? null : x, level + 1);
      });
      put(`\n${pad}]`);
      return;
    }
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function' && typeof x !== 'symbol');
    if (entries.length === 0) return put('{}');
    put('{');
    entries.forEach(([k, x], i) => {
      put(`${i ? ',' : ''}\n${pad}  ${JSON.stringify(k)}: `);
      emit(x, level + 1);
    });
    put(`\n${pad}}`);
  };
  emit(value, 0);
  if (buf) write(buf);
}
