/**
 * A parsed JSON source file: the text, a line index, and the jsonc-parser tree, so any JSON
 * pointer can be turned into file:line:column.
 */
import type { Node } from 'jsonc-parser';
import { runIndex } from '../core/run-index.js';

/** A position in a file, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** Where a model element came from. */
export interface Loc {
  file: string;
  /** JSON pointer inside the file, e.g. `/keyspaces/user/tables/t1`. */
  pointer: string;
  line: number;
  column: number;
}

/** Maps character offsets to 1-based line/column with a line-start index built once per file. */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    this.starts = starts;
  }
  /** Offset (UTF-16 code units) → 1-based position. */
  position(offset: number): Position {
    const i = runIndex(this.starts, offset);
    return { line: i + 1, column: offset - this.starts[i]! + 1 };
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function escapePointer(segment: string | number): string {
  const s = String(segment);
  // Most segments (names, indexes) have nothing to escape: no regex run for them.
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

/**
 * A JSON document with positions. Its anchors (the offset {@link JsonSource.locate} reports for each
 * JSON pointer) come from jsonc-parser's tree, indexed on first use, or are given by the caller
 * (src/vschema/json-anchors.ts reads them from text `JSON.parse` accepted, with no tree at all).
 */
export class JsonSource {
  readonly index: LineIndex;
  /**
   * The anchors by JSON pointer (built from `root` on first use), shared by sources of the same
   * text; also the identity of that parse (src/vschema/build-model.ts `sameSource`).
   */
  readonly parse: { anchors?: Map<string, number> };
  /**
   * `root`: jsonc-parser's tree, when built; `same`: a source of the same text and parse (another file
   * with these contents): its line index and anchors are shared instead of built again; `anchors`:
   * the anchors when there is no tree. Neither `root` nor `anchors`: the text could not be parsed.
   */
  constructor(
    readonly file: string,
    readonly text: string,
    readonly root: Node | undefined,
    same?: JsonSource,
    anchors?: Map<string, number>,
  ) {
    this.index = same?.index ?? new LineIndex(text);
    this.parse = same?.parse ?? (anchors ? { anchors } : {});
  }

  /** True when the text was parsed (a tree or anchors): its values have positions. */
  get parsed(): boolean {
    return this.root !== undefined || this.parse.anchors !== undefined;
  }

  /** The anchor offset of the value at `pointer`, or undefined when there is none. */
  private anchor(pointer: string): number | undefined {
    this.parse.anchors ??= treeAnchors(this.root);
    return this.parse.anchors.get(pointer);
  }

  /** 1-based position of a character offset. */
  position(offset: number): Position {
    return this.index.position(offset);
  }

  /**
   * Location of the node at `pointer`: for an object member, its key; for an array element,
   * the element. Falls back to the nearest existing ancestor (or 1:1) when the path is absent.
   */
  locate(pointer: string): Loc {
    let p = pointer;
    let at = this.anchor(p);
    while (at === undefined && p !== '') {
      p = p.slice(0, p.lastIndexOf('/'));
      at = this.anchor(p);
    }
    if (at === undefined) return { file: this.file, pointer, line: 1, column: 1 };
    const pos = this.index.position(at);
    return { file: this.file, pointer, line: pos.line, column: pos.column };
  }
}

/**
 * The anchors of jsonc-parser's tree: a member's key offset, an element's own offset. Walks the tree
 * iteratively (no recursion: deep input must not overflow the stack).
 */
function treeAnchors(root: Node | undefined): Map<string, number> {
  const map = new Map<string, number>();
  if (!root) return map;
  const stack: Array<[Node, string, number]> = [[root, '', root.offset]];
  while (stack.length) {
    const [node, ptr, at] = stack.pop()!;
    map.set(ptr, at); // for duplicate keys the last one wins, as in the parsed value
    if (node.type === 'object') {
      for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) {
        const prop = node.children![i]!;
        const key = prop.children?.[0];
        const val = prop.children?.[1];
        if (key && val) stack.push([val, ptr + '/' + escapePointer(String(key.value)), key.offset]);
      }
    } else if (node.type === 'array') {
      node.children?.forEach((c, i) => stack.push([c, ptr + '/' + i, c.offset]));
    }
  }
  return map;
}

/**
 * A JSON value as text, for messages and for proto string fields given another JSON type. Never
 * throws: parsed objects have no prototype (jsonc-parser), so `String(obj)` would ("Cannot convert
 * object to primitive value"); objects and arrays are written as JSON instead.
 */
export function jsonText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v) ?? '';
  return String(v);
}

/**
 * Sets `o[k] = v` as an own data property, also for keys such as `__proto__` (a plain assignment would
 * change the prototype and lose the entry). Use it wherever user-chosen names become object keys.
 */
export function setOwn<T>(o: Record<string, T>, k: string, v: T): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
