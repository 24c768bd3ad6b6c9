/**
 * Parse reuse: statements that differ only in identifiers (table and column names, aliases) and
 * literals share one node-sql-parser parse, verified equal to a direct parse before it is trusted.
 *
 * A statement's *shape* is its token sequence (src/corpus/scan.ts) with every slot replaced by its
 * class: a word that is a plain identifier (`[A-Za-z][A-Za-z0-9_]*`, not in {@link KEPT_WORDS}, not a
 * grammar keyword followed by a digit, not followed by `(`; each part of a dotted name), a backtick identifier of that form, an integer of 1–15
 * digits without a leading zero, a quoted string without backslashes or doubled quotes; a token glued
 * to a word, number, string or bind variable (`1abc`, `a'x'`) is never a slot. Slots with the same
 * text share a class (node-sql-parser relates equal names: an alias and its uses; its nested table and
 * column lists resolve aliases); a slot whose text equals a name kept verbatim (in any letter case) is
 * kept verbatim too; two slots equal but for letter case mean no reuse for that statement. So every
 * equality between names is part of the shape. Everything else (keywords, operators, functions' names,
 * bind variables, comments, other literals) is part of the shape verbatim; whitespace counts only as
 * "some" or "a line break".
 *
 * The first statement of a shape is parsed directly and its shape remembered. At the second, the
 * shape's *template* is made: the parse of the statement's text with each class replaced by a sentinel
 * (`__vg<class>_` for names and strings, 8·10¹⁴ + class for integers). An instance is the template
 * deep-cloned with each sentinel replaced by its text (in every string of the tree and of the table
 * list, and in number values), then `fixParsed` with the statement's own rewrites. A shape is trusted
 * only after {@link VERIFY_FIRST} instances (from the second statement on) each gave a result
 * deep-equal to a direct parse; one mismatch, or a direct parse that fails where the template parsed,
 * marks the shape untrusted for as long as it is kept (direct parses from then on). At most
 * {@link MAX_SHAPES} shapes holding at most {@link MAX_SHAPE_CHARS} characters are kept, least recently
 * used first out; statements longer than {@link MAX_REUSE_LENGTH} are always parsed directly.
 */
import { isDeepStrictEqual } from 'node:util';
import { T, scanTokens } from '../corpus/scan.js';
import { type AST, type ParseOutcome, parseMysql } from './parser.js';
import { type Rewritten, fixParsed } from './rewrites.js';
import { GRAMMAR_KEYWORDS, KEPT_WORDS } from './parse-reuse-words.js';

/**
 * Instances of a shape compared with a direct parse before the shape is trusted. Each has other names
 * and values in its slots, so a parse that depends on a slot's text (a rule the shape reading misses)
 * has three chances to show before any instance is trusted; more would delay the gain (a shape pays
 * off from its 6th statement: the 1st is only remembered, the 2nd makes the template, the 2nd–4th are
 * parsed and compared). The property test (test/sql/parse-reuse.property.test.ts) is the proof that
 * the shape rules are sound; this is the defence in depth.
 */
export const VERIFY_FIRST = 3;

/**
 * Shapes kept at most, least recently used out: a key (≈ the statement's length) each, and for shapes
 * seen more than once a template tree (≈ 30 bytes per character of SQL): ≈ 20 MB for statements of
 * 150 characters.
 */
export const MAX_SHAPES = 4096;

/**
 * Characters of SQL the kept shapes hold at most (their keys, and the texts of their templates, whose
 * trees take ≈ 30 bytes a character): ≈ 60 MB at the very most, least recently used out.
 */
export const MAX_SHAPE_CHARS = 2_000_000;

/** Statements longer than this are parsed directly (one template would hold a tree of ≈ 500 KB). */
export const MAX_REUSE_LENGTH = 16_384;

/** Slot classes per statement at most (the integer sentinels have 4 digits for the class). */
const MAX_CLASSES = 10000;
const NUM_BASE = 800000000000000;
const NUM_TEXT = '80000000000';
const NAME_SENTINEL = /__vg(\d+)_/g;
const NUM_SENTINEL = /80000000000(\d{4})/g;

/** Counters since the last {@link resetParseReuse}: statements answered by reuse, verified, parsed directly. */
export interface ParseReuseStats {
  /** Statements whose tree came from a trusted shape (no parse). */
  reused: number;
  /** Statements parsed directly and compared with their shape's instance. */
  verified: number;
  /** Statements parsed directly otherwise (no shape, untrusted shape, reuse off). */
  direct: number;
  /** Template parses (one per shape made). */
  templates: number;
  /** Shapes with a template found untrusted (a mismatch, or a statement that does not parse). */
  untrusted: number;
}

interface Shape {
  /** The template's parse (before `fixParsed`); undefined: seen once, not made yet; null: untrusted. */
  template: { ast: unknown[]; tableList: string[] } | null | undefined;
  /** Instances found equal to their direct parse. */
  verified: number;
  /** Characters held: the key's, and the template text's once made. */
  chars: number;
}

/** A statement read as a shape: its key, the template text, and the text of each class. */
interface Read {
  key: string;
  template: string;
  names: string[];
  nums: string[];
}

let enabled = true;
const shapes = new Map<string, Shape>();
/** Sum of the kept shapes' `chars`. */
let held = 0;
const stats: ParseReuseStats = { reused: 0, verified: 0, direct: 0, templates: 0, untrusted: 0 };

/** Turns parse reuse on or off (on by default; `--no-parse-reuse`). Kept shapes stay (see {@link resetParseReuse}). */
export function setParseReuse(on: boolean): void {
  enabled = on;
}

/** Forgets every shape and zeroes the counters. */
export function resetParseReuse(): void {
  shapes.clear();
  held = 0;
  for (const k of Object.keys(stats) as Array<keyof ParseReuseStats>) stats[k] = 0;
}

/** A copy of the counters. */
export function parseReuseStats(): ParseReuseStats {
  return { ...stats };
}

/** Number of shapes kept now (≤ {@link MAX_SHAPES}). */
export function keptShapes(): number {
  return shapes.size;
}

/**
 * Parses rewritten SQL (`rewriteSql`'s output) and applies `fixParsed` to every statement: the same
 * result as `parse(rw.sql)` + `fixParsed`, from a verified shape's template when there is one.
 * `parse` is node-sql-parser ({@link parseMysql}); tests pass another to drive the trust rules. Never
 * throws (when `parse` does not).
 */
export function parseRewritten(rw: Rewritten, parse: (sql: string) => ParseOutcome = parseMysql): ParseOutcome {
  const read = enabled && rw.sql.length <= MAX_REUSE_LENGTH ? readShape(rw.sql) : null;
  if (!read) {
    stats.direct++;
    return direct(rw, parse);
  }
  const shape = shapes.get(read.key);
  if (!shape) {
    // First sighting: only remembered (a statement whose shape never comes back costs no template).
    shapes.set(read.key, { template: undefined, verified: 0, chars: read.key.length });
    held += read.key.length;
    evict();
    stats.direct++;
    return direct(rw, parse);
  }
  shapes.delete(read.key);
  shapes.set(read.key, shape);
  if (shape.template && shape.verified >= VERIFY_FIRST) {
    stats.reused++;
    return instance(shape.template, read, rw);
  }
  const d = direct(rw, parse);
  if (shape.template === null || 'error' in d) {
    // A shape whose template parses but one of whose statements does not depends on a slot's text.
    stats.direct++;
    if ('error' in d) untrust(shape);
    return d;
  }
  if (shape.template === undefined) {
    shape.template = makeTemplate(read.template, parse);
    stats.templates++;
    shape.chars += read.template.length;
    held += read.template.length;
    evict();
    if (!shape.template) {
      stats.untrusted++;
      stats.direct++;
      return d;
    }
  }
  stats.verified++;
  const inst = instance(shape.template, read, rw);
  if (isDeepStrictEqual(inst, d)) shape.verified++;
  else untrust(shape);
  return d;
}

/** Forgets the least recently used shapes while more than {@link MAX_SHAPES} or {@link MAX_SHAPE_CHARS} are kept. */
function evict(): void {
  while (shapes.size > MAX_SHAPES || held > MAX_SHAPE_CHARS) {
    const [key, shape] = shapes.entries().next().value!;
    shapes.delete(key);
    held -= shape.chars;
  }
}

/** Marks a shape untrusted (counted when it had a template: a shape that never parsed is not). */
function untrust(shape: Shape): void {
  if (shape.template) stats.untrusted++;
  shape.template = null;
}

function direct(rw: Rewritten, parse: (sql: string) => ParseOutcome): ParseOutcome {
  const parsed = parse(rw.sql);
  if (!('error' in parsed)) for (const a of parsed.ast) fixParsed(a, rw);
  return parsed;
}

/** The template's parse, or null when it fails or holds anything but plain objects, arrays and primitives. */
function makeTemplate(sql: string, parse: (sql: string) => ParseOutcome): Shape['template'] {
  const parsed = parse(sql);
  if ('error' in parsed || !isPlain(parsed.ast)) return null;
  return { ast: parsed.ast, tableList: parsed.tableList };
}

function isPlain(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v !== 'function' && typeof v !== 'symbol' && typeof v !== 'bigint';
  if (Array.isArray(v)) return v.every(isPlain);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every(isPlain);
}

/** The template with the statement's texts in place of the sentinels, then `fixParsed`. */
function instance(t: NonNullable<Shape['template']>, read: Read, rw: Rewritten): ParseOutcome {
  const sub = new Substituter(read.names, read.nums);
  const ast = t.ast.map((a) => sub.clone(a)) as AST[];
  for (const a of ast) fixParsed(a, rw);
  return { ast, tableList: t.tableList.map((s) => sub.str(s)) };
}

class Substituter {
  constructor(
    private readonly names: string[],
    private readonly nums: string[],
  ) {}

  str(s: string): string {
    if (s.includes('__vg')) s = s.replace(NAME_SENTINEL, (_, c: string) => this.names[Number(c)]!);
    if (s.includes(NUM_TEXT)) s = s.replace(NUM_SENTINEL, (_, c: string) => this.nums[Number(c)]!);
    return s;
  }

  num(n: number): number {
    const a = Math.abs(n);
    if (a < NUM_BASE || a >= NUM_BASE + MAX_CLASSES || !Number.isInteger(a)) return n;
    const v = Number(this.nums[a - NUM_BASE]);
    return n < 0 ? -v : v;
  }

  clone(v: unknown): unknown {
    if (typeof v === 'string') return this.str(v);
    if (typeof v === 'number') return this.num(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = this.clone(v[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const k in v) out[this.str(k)] = this.clone((v as Record<string, unknown>)[k]);
    return out;
  }
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isIdentChar = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57) || c === 95;

/**
 * A plain identifier that node-sql-parser reads by its generic rules only: not a kept word, and no
 * grammar keyword followed by a digit (`as0`, `user1`): node-sql-parser ends a keyword at any
 * character that cannot start an identifier, digits included (its `KW_AS = "AS"i !ident_start`), so
 * it reads `as0` as `AS 0`.
 */
function isSlotName(s: string): boolean {
  if (s.length === 0 || !isLetter(s.charCodeAt(0))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isIdentChar(c)) return false;
    if (c >= 48 && c <= 57 && GRAMMAR_KEYWORDS.has(s.slice(0, i).toLowerCase())) return false;
  }
  return !KEPT_WORDS.has(s.toLowerCase());
}

/** An integer literal of 1–15 digits without a leading zero. */
function isSlotInt(s: string): boolean {
  if (s.length > 15 || s.charCodeAt(0) === 48) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Key characters for the slot kinds (the text is refused when it holds any of them). */
const K_NAME = '\u0001';
const K_QUOTED = '\u0002';
const K_SQ = '\u0003';
const K_DQ = '\u0004';
const K_INT = '\u0005';
const UNSAFE = /[\u0001-\u0005]|__vg|80000000000/;

/** Reads `sql` as a shape, or null when the statement cannot take part (see the module comment). */
export function readShape(sql: string): Read | null {
  if (UNSAFE.test(sql)) return null;
  const scan = scanTokens(sql);
  const { types, starts, ends, count } = scan;
  // Pass 1: the statement as pieces, verbatim text or a slot (kind and text); the names and string
  // contents kept verbatim, in lower case.
  const texts: string[] = [];
  const kinds: string[] = [];
  const kept = new Set<string>();
  const piece = (kind: string, text: string): void => {
    kinds.push(kind);
    texts.push(text);
  };
  for (let i = 0; i < count; i++) {
    const type = types[i]!;
    const text = sql.slice(starts[i], ends[i]);
    if (type === T.ws) piece('', text.includes('\n') ? '\n' : ' ');
    else if (glued(types, count, i)) {
      piece('', text);
      if (type === T.word) for (const part of text.split('.')) kept.add(part.toLowerCase());
      else if (type === T.quoted || type === T.string) kept.add(text.slice(1, -1).toLowerCase());
    } else if (type === T.word) {
      const whole = nextIsParen(sql, scan, i) || !/^[A-Za-z0-9_.]*$/.test(text);
      const parts = text.split('.');
      for (let p = 0; p < parts.length; p++) {
        if (p > 0) piece('', '.');
        const part = parts[p]!;
        if (!whole && isSlotName(part)) piece(K_NAME, part);
        else {
          piece('', part);
          kept.add(part.toLowerCase());
        }
      }
    } else if (type === T.quoted) {
      const inner = text.slice(1, -1);
      if (isSlotName(inner)) piece(K_QUOTED, inner);
      else {
        piece('', text);
        kept.add(inner.toLowerCase());
      }
    } else if (type === T.string) {
      if (simpleString(text)) piece(text.charCodeAt(0) === 39 ? K_SQ : K_DQ, text.slice(1, -1));
      else {
        piece('', text);
        kept.add(text.slice(1, -1).toLowerCase());
      }
    } else if (type === T.number && isSlotInt(text)) piece(K_INT, text);
    else piece('', text);
  }
  // Pass 2: key and template. A slot whose text equals a verbatim name (any letter case) stays
  // verbatim, so every relation between names (equal, or equal but for case) is part of the key.
  const classes = new Map<string, number>();
  const lower = new Map<string, string>();
  const names: string[] = [];
  const nums: string[] = [];
  const numClasses = new Map<string, number>();
  let key = '';
  let template = '';
  for (let i = 0; i < texts.length; i++) {
    const kind = kinds[i]!;
    const text = texts[i]!;
    if (kind === K_INT) {
      const c = classOf(numClasses, nums, text);
      key += K_INT + c + K_INT;
      template += String(NUM_BASE + c);
      continue;
    }
    const quote = kind === K_QUOTED ? '`' : kind === K_SQ ? "'" : kind === K_DQ ? '"' : '';
    const l = kind ? text.toLowerCase() : '';
    if (!kind || kept.has(l)) {
      key += quote + text + quote;
      template += quote + text + quote;
      continue;
    }
    const seen = lower.get(l);
    if (seen === undefined) lower.set(l, text);
    else if (seen !== text) return null;
    const c = classOf(classes, names, text);
    key += kind + c + kind;
    template += `${quote}__vg${c}_${quote}`;
  }
  if (names.length > MAX_CLASSES || nums.length > MAX_CLASSES) return null;
  return { key, template, names, nums };
}

/** The class of `text` among `texts` (its index, added at the end when new; `classes` indexes `texts`). */
function classOf(classes: Map<string, number>, texts: string[], text: string): number {
  let c = classes.get(text);
  if (c === undefined) {
    c = texts.length;
    classes.set(text, c);
    texts.push(text);
  }
  return c;
}

/** Token types that read differently when glued to a slot (`1abc`, `a'x'`): a slot needs other neighbours. */
const GLUE = new Set<number>([T.word, T.number, T.quoted, T.string, T.hex, T.bit, T.bind]);

/** Token `i` touches a token of a {@link GLUE} type with no whitespace, operator or comment between. */
function glued(types: Uint8Array, count: number, i: number): boolean {
  return (i > 0 && GLUE.has(types[i - 1]!)) || (i + 1 < count && GLUE.has(types[i + 1]!));
}

/** The next token that is not whitespace or a comment is `(`. */
function nextIsParen(sql: string, scan: ReturnType<typeof scanTokens>, i: number): boolean {
  for (let j = i + 1; j < scan.count; j++) {
    const t = scan.types[j]!;
    if (t === T.ws || t === T.comment) continue;
    return t === T.op && sql.charCodeAt(scan.starts[j]!) === 40;
  }
  return false;
}

/** `'…'` or `"…"` with no backslash and no quote of its kind inside. */
function simpleString(text: string): boolean {
  const q = text.charCodeAt(0);
  if (q !== 39 && q !== 34) return false;
  for (let i = 1; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 || c === q) return false;
  }
  return true;
}
