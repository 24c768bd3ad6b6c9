/**
 * JSON trees that keep every key as written (also `__proto__`, `constructor`), mutations over them,
 * and a serializer, for the fuzzer. Pure.
 */
import { type Node, parseTree } from 'jsonc-parser';

/** A JSON value with object entries kept in order as [key, value] pairs. */
export type Tree = null | boolean | number | string | { arr: Tree[] } | { obj: Array<[string, Tree]> };

/** Keys that break code using plain objects as maps, or prototype lookups. */
export const NASTY_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '', ' ', 'tables', 'type', 'sharded', 'vindexes', 'column_vindexes', 'params', 'owner', 'rules', 'keyspaces', '1', 'a/b', '~0'];

/** Values that go where another type belongs. */
export const NASTY_VALUES: Tree[] = [
  null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'hash', 'lookup_unique', 'reference', 'sequence', '__proto__', 'ks.t', '-80', '0x',
  { obj: [] }, { arr: [] }, { obj: [['__proto__', { obj: [['type', 'hash']] }]] }, { obj: [['toString', 1]] }, { arr: [{ obj: [] }] }, { obj: [['a', 1]] },
];

/** Reads JSON text into a Tree (null for unparsable text). */
export function toTree(text: string): Tree | undefined {
  const root = parseTree(text);
  return root ? fromNode(root) : undefined;
}

function fromNode(n: Node): Tree {
  if (n.type === 'object') return { obj: (n.children ?? []).map((p) => [String(p.children![0]!.value), p.children![1] ? fromNode(p.children![1]) : null]) };
  if (n.type === 'array') return { arr: (n.children ?? []).map(fromNode) };
  return n.value as Tree;
}

/** Serializes a Tree (keys as written, duplicates kept). */
export function serialize(t: Tree): string {
  if (t === null || typeof t !== 'object') return JSON.stringify(t) ?? 'null';
  if ('arr' in t) return '[' + t.arr.map(serialize).join(',') + ']';
  return '{' + t.obj.map(([k, v]) => JSON.stringify(k) + ':' + serialize(v)).join(',') + '}';
}

/** All containers of a tree (objects and arrays), depth-first. */
function containers(t: Tree, out: Array<{ obj: Array<[string, Tree]> } | { arr: Tree[] }> = []): typeof out {
  if (t && typeof t === 'object') {
    out.push(t);
    if ('arr' in t) for (const c of t.arr) containers(c, out);
    else for (const [, v] of t.obj) containers(v, out);
  }
  return out;
}

/** One mutation: which container (index mod count), what to do, with which key and value. */
export interface Mutation {
  at: number;
  op: 'set' | 'add' | 'delete' | 'rename' | 'dup' | 'wrap';
  key: number;
  value: number;
  pick: number;
}

/** Applies mutations in order to a deep copy of `t`. */
export function mutate(t: Tree, muts: readonly Mutation[]): Tree {
  const copy = structuredClone(t) as Tree;
  for (const m of muts) {
    const cs = containers(copy);
    if (!cs.length) break;
    const c = cs[m.at % cs.length]!;
    const key = NASTY_KEYS[m.key % NASTY_KEYS.length]!;
    const value = structuredClone(NASTY_VALUES[m.value % NASTY_VALUES.length]!);
    if ('arr' in c) {
      const i = c.arr.length ? m.pick % c.arr.length : 0;
      if (m.op === 'delete' && c.arr.length) c.arr.splice(i, 1);
      else if (m.op === 'dup' && c.arr.length) c.arr.push(structuredClone(c.arr[i]!));
      else if (m.op === 'wrap' && c.arr.length) c.arr[i] = { arr: [c.arr[i]!] };
      else if (c.arr.length && m.op === 'set') c.arr[i] = value;
      else c.arr.push(value);
      continue;
    }
    const i = c.obj.length ? m.pick % c.obj.length : 0;
    switch (m.op) {
      case 'set':
        if (c.obj.length) c.obj[i]![1] = value;
        else c.obj.push([key, value]);
        break;
      case 'add':
        c.obj.push([key, value]);
        break;
      case 'delete':
        c.obj.splice(i, 1);
        break;
      case 'rename':
        if (c.obj.length) c.obj[i]![0] = key;
        break;
      case 'dup':
        if (c.obj.length) c.obj.push(structuredClone(c.obj[i]!));
        break;
      case 'wrap':
        if (c.obj.length) c.obj[i]![1] = { obj: [[key, c.obj[i]![1]]] };
        break;
    }
  }
  return copy;
}
