/**
 * `JSON.stringify(value, null, 2)` written in chunks: the text of a large report is never held as one
 * string. Containers down to `depth` are written member by member; anything deeper is one
 * JSON.stringify call, re-indented. Same output byte for byte as JSON.stringify for JSON data (plain
 * objects, arrays, strings, finite numbers, booleans, null; `undefined` members left out of objects
 * and written as null in arrays).
 */

/** Chunks are buffered up to this many characters before `write` is called. */
const CHUNK = 1 << 16;

/**
 * Writes `value` as JSON indented by 2 spaces through `write`, in chunks of about 64 K characters.
 * `depth`: how many levels of containers are streamed member by member (default 3: a report's
 * `routing.queries` elements are stringified one at a time).
 */
export function streamJson(value: unknown, write: (chunk: string) => void, depth = 3): void {
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
    if (level >= depth || v === null || typeof v !== 'object' || typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      const text = JSON.stringify(v, null, 2) ?? 'null';
      put(level && text.includes('\n') ? text.replace(/\n/g, '\n' + pad) : text);
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
