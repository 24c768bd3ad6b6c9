/**
 * Go standard-library error texts that Vitess passes through unchanged (strconv, encoding/json,
 * encoding/hex), so our `vitess_error` fields match what vtgate prints.
 */
import { ParseErrorCode, SyntaxKind, createScanner, visit } from 'jsonc-parser';

/** strconv.Atoi: returns the int or Go's error text. */
export function goAtoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
  return n;
}

/** strconv.ParseUint(s, 10, 64): returns the bigint or Go's error text. */
export function goParseUint(s: string): bigint | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n > 0xffffffffffffffffn) return `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`;
  return n;
}

/** Go's %q for plain ASCII strings (enough for error texts). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** hex.DecodeString: returns bytes or Go's error text (`encoding/hex: ...`). */
export function goHexDecode(s: string): Uint8Array | string {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (!/[0-9a-fA-F]/.test(c)) {
      const cp = s.codePointAt(i)!;
      return `encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${goQuoteRune(String.fromCodePoint(cp))}`;
    }
  }
  if (s.length % 2 === 1) return 'encoding/hex: odd length hex string';
  return Uint8Array.from(Buffer.from(s, 'hex'));
}

function goQuoteRune(c: string): string {
  return c === "'" ? "'\\''" : `'${c}'`;
}

/**
 * json.Unmarshal syntax errors in Go's words (encoding/json scanner): `invalid character 'x'
 * looking for beginning of value`, `unexpected end of JSON input`, .... Returns null for valid JSON.
 */
export function goJsonSyntaxError(text: string): string | null {
  let result: string | null = null;
  const inArray: boolean[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void inArray.push(false),
      onObjectEnd: () => void inArray.pop(),
      onArrayBegin: () => void inArray.push(true),
      onArrayEnd: () => void inArray.pop(),
      onError: (error, offset, length) => {
        if (result !== null) return;
        if (offset >= text.length || length === 0 && offset >= text.trimEnd().length) {
          result = 'unexpected end of JSON input';
          return;
        }
        const ch = text[offset]!;
        const what = (() => {
          switch (error) {
            case ParseErrorCode.PropertyNameExpected:
              return 'looking for beginning of object key string';
            case ParseErrorCode.ColonExpected:
              return 'after object key';
            case ParseErrorCode.CommaExpected:
            case ParseErrorCode.CloseBraceExpected:
            case ParseErrorCode.CloseBracketExpected:
              return inArray[inArray.length - 1] ? 'after array element' : 'after object key:value pair';
            case ParseErrorCode.EndOfFileExpected:
              return 'after top-level value';
            default:
              return 'looking for beginning of value';
          }
        })();
        result = `invalid character ${goQuoteRune(ch)} ${what}`;
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  if (result === null && text.trim() === '') result = 'unexpected end of JSON input';
  return result;
}

export { SyntaxKind, createScanner };
