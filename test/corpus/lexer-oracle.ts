/**
 * The moo lexer the fingerprinter and the planner's first-keyword test used before src/corpus/scan.ts
 * (literals, identifiers, binds, operators, comments): kept as the test oracle of that scanner.
 */
import moo from 'moo';

/** Token types the fingerprinter distinguishes. */
export type TokenType = 'ws' | 'comment' | 'vtcomment' | 'string' | 'hex' | 'bit' | 'number' | 'bind' | 'quoted' | 'word' | 'op';

/** Lexer states are not used: one flat rule set. `error` catches anything else (one char at a time). */
const rules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  vtcomment: { match: /\/\*vt\+[\s\S]*?\*\//, lineBreaks: true },
  comment: [{ match: /\/\*[\s\S]*?\*\//, lineBreaks: true }, { match: /--[ \t][^\n]*/ }, { match: /--$/ }, { match: /#[^\n]*/ }],
  string: [
    { match: /[nN]?'(?:\\[\s\S]|''|[^'\\])*'/, lineBreaks: true },
    { match: /"(?:\\[\s\S]|""|[^"\\])*"/, lineBreaks: true },
  ],
  hex: [/[xX]'[0-9a-fA-F]*'/, /0x[0-9a-fA-F]+/],
  bit: [/[bB]'[01]*'/, /0b[01]+/],
  number: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/,
  bind: [/::?[A-Za-z_][\w.]*/, /\?/],
  quoted: { match: /`(?:``|[^`])*`/, lineBreaks: true },
  word: /[A-Za-z_$@][\w$@.]*/,
  op: [/<=>|>=|<=|<>|!=|:=|\|\||&&|->>|->|<<|>>/, /[^\s]/],
};

const lexer = moo.compile(rules);

/** One token. */
export interface Token {
  type: TokenType;
  text: string;
}

/** Tokenizes `sql`. Never throws: unknown characters become `op` tokens. */
export function tokenize(sql: string): Token[] {
  lexer.reset(sql);
  const out: Token[] = [];
  for (const t of lexer) out.push({ type: t.type as TokenType, text: t.text });
  return out;
}

/** The first token that is not whitespace or a comment (lexes no further), or undefined. */
export function firstToken(sql: string): Token | undefined {
  lexer.reset(sql);
  for (const t of lexer) {
    if (t.type !== 'ws' && t.type !== 'comment') return { type: t.type as TokenType, text: t.text };
  }
  return undefined;
}
