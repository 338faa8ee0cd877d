/**
 * Private: compiles a {@linkcode LanguageDefinition} into the token tables the
 * line counter scans with. Each table is indexed by the first character of a
 * token (all tokens are ASCII), and its candidates are sorted longest first, so
 * the scanner tries only the few tokens that can start at the current character.
 *
 * @module
 */
import { type Embedding, type LanguageDefinition, LANGUAGES } from "./languages.ts";

/** Token kinds; numbers so the scanner can switch on them cheaply. */
export enum Kind {
  /** Always code (Perl `$#`). */
  Code,
  /** A comment to the end of the line. */
  Line,
  /** A line comment only as the first text of a line. */
  LineStart,
  /** A fixed block-comment opening. */
  Block,
  /** A block comment `open` + Lua long bracket. */
  BlockLong,
  /** A fixed string opening. */
  String,
  /** Rust/Swift `#"…"#`. */
  HashRaw,
  /** C++ `R"x(…)x"`. */
  DelimitedRaw,
  /** Lua `[==[…]==]` string. */
  StringLong,
  /** A one-character literal `'a'`, else code. */
  Char,
  /** `/`: maybe a regex literal. */
  Regex,
  /** `{`: counted inside template substitutions. */
  BraceOpen,
  /** `}`: may end a template substitution. */
  BraceClose,
  /** `(`, `[`, `{` for the docstring rule. */
  BracketOpen,
  /** `)`, `]`, `}` for the docstring rule. */
  BracketClose,
  /** `<script`: starts an embedded section. */
  EmbedOpen,
  /** `</script`: ends the embedded section. */
  EmbedClose,
}

/** One compiled token. Every token has every field, so the scanner's accesses stay monomorphic. */
export interface Token {
  /** Character codes (lower case when `ignoreCase`). */
  readonly codes: readonly number[];
  /** What the token starts. */
  readonly kind: Kind;
  /** Compare letters ignoring case. */
  readonly ignoreCase: boolean;
  /** The token ends with a word character, so the next character must not be one. */
  readonly wordEnd: boolean;
  /** The token's text. */
  readonly open: string;
  /** Closing delimiter of a fixed block comment or string ("" = end of line). */
  readonly close: string;
  /** Escape character code, or -1. */
  readonly escape: number;
  /** String may span lines. */
  readonly multiline: boolean;
  /** String has `${…}` substitutions. */
  readonly template: boolean;
  /** String is a docstring when it is a statement on its own. */
  readonly docString: boolean;
  /** Whitespace-only lines inside the string are blank. */
  readonly blankLinesAreBlank: boolean;
  /** Block comment nests. */
  readonly nests: boolean;
  /** Block comment delimiters only at column 0. */
  readonly atLineStart: boolean;
  /** Characters after `close` that make it an escape instead. */
  readonly closeNotFollowedBy: string;
  /** Embedded section entered (EmbedOpen) or left (EmbedClose). */
  readonly embed: Embedding | undefined;
}

/** A compiled language: candidate tokens by first character. */
export interface Syntax {
  /** Language name. */
  readonly name: string;
  /** Candidates for each ASCII first character, longest first; undefined when none. */
  readonly first: readonly (readonly Token[] | undefined)[];
  /** Line comments need a word start before them. */
  readonly commentsAtWordStart: boolean;
  /** Quotes open strings only at a word start. */
  readonly stringsAtWordStart: boolean;
}

const BY_NAME = new Map(LANGUAGES.map((language) => [language.name, language]));
const CACHE = new Map<string, Syntax>();

/**
 * The compiled syntax of a language, built once and cached.
 *
 * @param name A name from `LANGUAGES`.
 * @returns The syntax, or undefined when the name is unknown.
 */
export function syntaxOf(name: string): Syntax | undefined {
  let syntax = CACHE.get(name);
  if (syntax === undefined) {
    const language = BY_NAME.get(name);
    if (language === undefined) return undefined;
    syntax = compile(language, undefined);
    CACHE.set(name, syntax);
  }
  return syntax;
}

/**
 * The syntax of an embedded section: the child language plus the token that
 * closes the section (`</script`).
 *
 * @param embed The section.
 * @param language The child language name (from `lang=` or the default).
 * @returns The syntax, or undefined when the language is unknown.
 */
export function embeddedSyntaxOf(embed: Embedding, language: string): Syntax | undefined {
  const key = `${language}\u0000${embed.tag}`;
  let syntax = CACHE.get(key);
  if (syntax === undefined) {
    const child = BY_NAME.get(language);
    if (child === undefined) return undefined;
    syntax = compile(child, embed);
    CACHE.set(key, syntax);
  }
  return syntax;
}

function compile(language: LanguageDefinition, closing: Embedding | undefined): Syntax {
  const tokens: Token[] = [];
  const ignoreCase = language.ignoreCase ?? false;
  const add = (text: string, kind: Kind, extra: Partial<Token> = {}) => {
    const folded = extra.ignoreCase ?? ignoreCase;
    tokens.push({
      codes: [...(folded ? text.toLowerCase() : text)].map((char) => char.charCodeAt(0)),
      open: text,
      kind,
      ignoreCase: folded,
      wordEnd: /\w$/.test(text),
      close: "",
      escape: -1,
      multiline: false,
      template: false,
      docString: false,
      blankLinesAreBlank: false,
      nests: false,
      atLineStart: false,
      closeNotFollowedBy: "",
      embed: undefined,
      ...extra,
    });
  };
  for (const text of language.codeTokens ?? []) add(text, Kind.Code, { ignoreCase: false });
  for (const text of language.lineStartComments ?? []) add(text, Kind.LineStart);
  for (const text of language.lineComments ?? []) add(text, Kind.Line);
  for (const block of language.blockComments ?? []) {
    if (block.longBracket) add(`${block.open}[`, Kind.BlockLong, { ignoreCase: false });
    else {
      add(block.open, Kind.Block, {
        close: block.close,
        nests: block.nests ?? false,
        atLineStart: block.atLineStart ?? false,
      });
    }
  }
  for (const string of language.strings ?? []) {
    const extra: Partial<Token> = {
      ignoreCase: false,
      close: string.close,
      escape: string.escape === undefined ? -1 : string.escape.charCodeAt(0),
      multiline: string.multiline ?? false,
      template: string.template ?? false,
      docString: string.docString ?? false,
      blankLinesAreBlank: string.blankLinesAreBlank ?? false,
      closeNotFollowedBy: string.closeNotFollowedBy ?? "",
    };
    switch (string.kind) {
      case "hash-raw":
        add(string.open, Kind.HashRaw, extra);
        break;
      case "delimited-raw":
        add(string.open, Kind.DelimitedRaw, extra);
        break;
      case "long-bracket":
        add(`${string.open}[`, Kind.StringLong, extra);
        break;
      case "char":
        add(string.open, Kind.Char, extra);
        break;
      default:
        add(string.open, Kind.String, extra);
        for (const prefix of string.prefixes ?? []) {
          for (const variant of caseVariants(prefix)) {
            add(variant + string.open, Kind.String, extra);
          }
        }
    }
  }
  if (language.regexLiterals) add("/", Kind.Regex);
  if (language.strings?.some((string) => string.template)) {
    add("{", Kind.BraceOpen);
    add("}", Kind.BraceClose);
  }
  if (language.strings?.some((string) => string.docString)) {
    for (const char of "([{") add(char, Kind.BracketOpen);
    for (const char of ")]}") add(char, Kind.BracketClose);
  }
  for (const embed of language.embedded ?? []) {
    add(`<${embed.tag}`, Kind.EmbedOpen, { ignoreCase: true, embed });
  }
  if (closing !== undefined) {
    add(`</${closing.tag}`, Kind.EmbedClose, { ignoreCase: true, embed: closing });
  }

  // Longest first; for equal lengths, keep the declaration order above
  // (code tokens, then line-start comments, comments, strings, the rest).
  const order = new Map(tokens.map((token, index) => [token, index]));
  tokens.sort((a, b) => b.codes.length - a.codes.length || order.get(a)! - order.get(b)!);
  const first: (Token[] | undefined)[] = new Array(128).fill(undefined);
  for (const token of tokens) {
    const code = token.codes[0]!;
    const codes = token.ignoreCase ? new Set([code, upper(code)]) : [code];
    for (const start of codes) (first[start] ??= []).push(token);
  }
  return {
    name: language.name,
    first,
    commentsAtWordStart: language.commentsAtWordStart ?? false,
    stringsAtWordStart: language.stringsAtWordStart ?? false,
  };
}

function upper(code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code;
}

function caseVariants(prefix: string): string[] {
  let variants = [""];
  for (const char of prefix) {
    variants = variants.flatMap((head) => [head + char.toLowerCase(), head + char.toUpperCase()]);
  }
  return variants;
}
