/**
 * Reads JSON like protojson would accept it, but keeps going: syntax errors, duplicate keys,
 * binary or empty input and absurd nesting all become findings with file:line:column.
 *
 * Vitess parses VSchema JSON with protojson (go/json2/unmarshal.go): no comments, no trailing
 * commas, duplicate map keys and repeated fields are errors.
 */
import {
  type Node,
  type ParseError,
  ParseErrorCode,
  SyntaxKind,
  createScanner,
  getNodeValue,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import type { Finding } from '../core/finding.js';
import { jsonAnchors } from './json-anchors.js';
import { JsonSource, escapePointer } from './source.js';

/** Largest input we parse, in bytes (UTF-16 code units of the decoded text). */
export const MAX_JSON_CHARS = 16 * 1024 * 1024;
/** Deepest nesting we accept; a real VSchema is at most 7 levels deep. */
export const MAX_JSON_DEPTH = 64;

/** Result of parsing one file: the value is undefined when the file cannot be used at all. */
export interface ParsedJson {
  source: JsonSource;
  value: unknown;
  findings: Finding[];
}

/**
 * Parses of file texts shared between calls, by text: a diff reads most files twice (base and head)
 * with the same contents. Keyed by the whole text; create one per report, not globally.
 */
export type ParseCache = Map<string, ParsedJson>;

/**
 * {@link parseJson} through `cache`: a text parsed before (under any path) gives the same tree,
 * line and node indexes and findings, now under `file`, and a value of its own (built again from the tree, so
 * callers never share objects).
 */
export function parseJsonCached(file: string, text: string, cache: ParseCache | undefined): ParsedJson {
  if (!cache) return parseJson(file, text);
  const hit = cache.get(text);
  if (!hit) {
    const parsed = parseJson(file, text);
    // The cache keeps its own findings (callers may change theirs) and only whether there was a value.
    cache.set(text, { source: parsed.source, value: parsed.value === undefined ? undefined : null, findings: parsed.findings.map((f) => ({ ...f })) });
    return parsed;
  }
  return {
    source: new JsonSource(file, hit.source.text, hit.source.root, hit.source),
    value: hit.value === undefined ? undefined : hit.source.root ? getNodeValue(hit.source.root) : withoutPrototypes(JSON.parse(hit.source.text)),
    findings: hit.findings.map((f) => ({ ...f, file })),
  };
}

/**
 * Parses `text` (the contents of `file`). Never throws. Findings use rule ids `json-syntax`
 * (unusable input: syntax, binary, empty, too large, too deep) and `duplicate-key`.
 */
export function parseJson(file: string, text: string): ParsedJson {
  const findings: Finding[] = [];
  const fail = (message: string, line = 1, column = 1, vitessError: string | null = null): ParsedJson => {
    findings.push(jsonFinding(file, 'json-syntax', message, line, column, vitessError, ''));
    return { source: new JsonSource(file, text, undefined), value: undefined, findings };
  };
  if (text.length > MAX_JSON_CHARS) {
    return fail(`file is ${(text.length / 1048576).toFixed(1)} MB; the limit for a VSchema file is ${MAX_JSON_CHARS / 1048576} MB`);
  }
  if (text.includes('\u0000')) return fail('file is binary (contains NUL bytes), not JSON');
  if (text.trim() === '') return fail('file is empty; expected a JSON object', 1, 1, 'unexpected end of JSON input');
  // Text JSON.parse accepts, not too deep, with no key twice: the value from JSON.parse and the
  // positions from the text (./json-anchors.ts), ≈ 5× faster than jsonc-parser's tree, with the same
  // result. (A byte order mark fails JSON.parse: such a file takes the path below.)
  const fast = fastParse(text);
  if (fast) return { source: new JsonSource(file, text, undefined, undefined, fast.anchors), value: fast.value, findings };
  const tooDeep = depthExceeded(text);
  if (tooDeep !== undefined) {
    const src = new JsonSource(file, text, undefined);
    const p = src.position(tooDeep);
    return fail(`JSON nesting deeper than ${MAX_JSON_DEPTH} levels`, p.line, p.column);
  }

  // A UTF-8 byte order mark: Go's JSON decoder (and so Vitess) rejects the file. Say so once, then read
  // the rest (the mark is replaced by a space, so every position stays the same) to check it too.
  const bom = text.startsWith('\uFEFF');
  if (bom) {
    findings.push(jsonFinding(file, 'json-syntax', 'the file starts with a UTF-8 byte order mark (BOM), which Vitess rejects; save it as UTF-8 without BOM', 1, 1, "invalid character 'ï' looking for beginning of value", ''));
    text = ' ' + text.slice(1);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const source = new JsonSource(file, text, root);
  if (errors.length > 0) {
    for (const e of errors.slice(0, 1)) {
      const p = source.position(e.offset);
      findings.push(
        jsonFinding(file, 'json-syntax', `invalid JSON: ${describeParseError(e.error)}`, p.line, p.column, null, ''),
      );
    }
    return { source, value: undefined, findings };
  }
  findDuplicateKeys(source, root, findings);
  return { source, value: root ? getNodeValue(root) : undefined, findings };
}

/**
 * The value and anchors of `text` when `JSON.parse` accepts it, it nests at most MAX_JSON_DEPTH
 * deep and no object has a key twice, else undefined (jsonc-parser's path then reports what is
 * wrong, with positions). Never throws.
 */
function fastParse(text: string): { value: unknown; anchors: Map<string, number> } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // also a RangeError for nesting too deep for V8
  }
  const anchors = jsonAnchors(text, MAX_JSON_DEPTH);
  return anchors && { value: withoutPrototypes(value), anchors };
}

/**
 * `v` with every object replaced by a copy without a prototype, as jsonc-parser's values are (a
 * user's key such as `constructor` is then never read from Object.prototype). Arrays are changed
 * in place. Recursive: callers check the depth first (MAX_JSON_DEPTH).
 */
function withoutPrototypes(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = withoutPrototypes(v[i]);
    return v;
  }
  const o = Object.create(null) as Record<string, unknown>;
  for (const k in v) o[k] = withoutPrototypes((v as Record<string, unknown>)[k]);
  return o;
}

function describeParseError(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken:
      return 'comments are not allowed in JSON (Vitess rejects them)';
    case ParseErrorCode.PropertyNameExpected:
      return 'property name expected (a trailing comma?)';
    case ParseErrorCode.ValueExpected:
      return 'value expected (a trailing comma?)';
    default:
      return printParseErrorCode(code).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  }
}

/**
 * Returns the offset where nesting first exceeds MAX_JSON_DEPTH, scanning tokens iteratively. Plain
 * JSON is first measured by a character loop (brackets outside strings); only text it cannot read
 * for sure (a comment, a control character or an unusual escape in a string, an unterminated
 * string) or that is too deep goes to jsonc-parser's scanner, which decides and gives the offset.
 */
export function depthExceeded(text: string): number | undefined {
  return plainJsonDepthOk(text) ? undefined : scannerDepthExceeded(text);
}

/** True when `text` is read for sure by a character loop and never nests deeper than MAX_JSON_DEPTH. */
function plainJsonDepthOk(text: string): boolean {
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > MAX_JSON_DEPTH) return false;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 47) return false; // a comment (or a stray slash)
    else if (c === 34) {
      // A string: ends at the next unescaped quote, as jsonc-parser's scanner reads it.
      for (i++; ; i++) {
        if (i >= n) return false;
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d < 32) return false;
        if (d === 92) {
          const e = text.charCodeAt(i + 1);
          if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) i++;
          else return false;
        }
      }
    }
  }
  return true;
}

/** The scanner-only measure (the reference the character loop is property-tested against). */
export function scannerDepthExceeded(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let k = scanner.scan(); k !== SyntaxKind.EOF; k = scanner.scan()) {
    if (k === SyntaxKind.OpenBraceToken || k === SyntaxKind.OpenBracketToken) {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (k === SyntaxKind.CloseBraceToken || k === SyntaxKind.CloseBracketToken) {
      depth--;
    }
  }
  return undefined;
}

function findDuplicateKeys(source: JsonSource, root: Node | undefined, out: Finding[]): void {
  if (!root) return;
  const stack: Array<[Node, string]> = [[root, '']];
  while (stack.length) {
    const [node, ptr] = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const [key, val] = prop.children ?? [];
        if (!key) continue;
        const name = String(key.value);
        const childPtr = ptr + '/' + escapePointer(name);
        if (seen.has(name)) {
          const p = source.position(key.offset);
          out.push(
            jsonFinding(
              source.file,
              'duplicate-key',
              `duplicate key "${name}": Vitess rejects the file; a plain JSON parser would silently keep the last one`,
              p.line,
              p.column,
              `proto: duplicate map key "${name}"`,
              childPtr,
              'remove or rename one of the two entries',
            ),
          );
        }
        seen.add(name);
        if (val) stack.push([val, childPtr]);
      }
    } else if (node.type === 'array') {
      node.children?.forEach((c, i) => stack.push([c, ptr + '/' + i]));
    }
  }
}

/** Builds a file-level finding (no keyspace). */
export function jsonFinding(
  file: string,
  rule: string,
  message: string,
  line: number,
  column: number,
  vitessError: string | null,
  pointer: string,
  hint: string | null = null,
): Finding {
  return { rule, severity: 'error', message, vitess_error: vitessError, file, line, column, keyspace: null, hint, pointer };
}
