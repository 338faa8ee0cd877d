/**
 * Token counting with OpenAI's BPE encodings (`npm:gpt-tokenizer`), loaded
 * only when asked for: each encoding's tables are megabytes of JavaScript.
 *
 * @module
 */

/** The encodings offered: o200k (GPT-4o and later), cl100k (GPT-4, GPT-3.5), p50k, r50k. */
export type TokenEncoding = "o200k_base" | "cl100k_base" | "p50k_base" | "r50k_base";

/** Every offered encoding, default first. */
export const TOKEN_ENCODINGS: readonly TokenEncoding[] = [
  "o200k_base",
  "cl100k_base",
  "p50k_base",
  "r50k_base",
];

/** Counts the tokens of a text. */
export type TokenCounter = (text: string) => number;

interface EncodingModule {
  countTokens(text: string, options?: { disallowedSpecial?: Set<string> }): number;
}

// One literal import per encoding, so bundlers, JSR and `deno compile` see them.
const loaders: Record<TokenEncoding, () => Promise<EncodingModule>> = {
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
  p50k_base: () => import("gpt-tokenizer/encoding/p50k_base"),
  r50k_base: () => import("gpt-tokenizer/encoding/r50k_base"),
};

/** Special-token text (`<|endoftext|>`) in a file is counted as ordinary text, never refused. */
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

/**
 * Loads an encoding and returns a counter for it.
 *
 * @param encoding The encoding. @default {"o200k_base"}
 * @returns A function that counts tokens.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadTokenCounter } from "./tokenizer.ts";
 * const count = await loadTokenCounter("o200k_base");
 * assert.equal(count("hello world"), 2);
 * assert.equal(count("<|endoftext|>") > 1, true);
 * ```
 */
export async function loadTokenCounter(
  encoding: TokenEncoding = "o200k_base",
): Promise<TokenCounter> {
  const module = await loaders[encoding]();
  const countPiece = (text: string): number => module.countTokens(text, NO_SPECIAL);
  // GPT-2-style patterns (p50k, r50k) end a whitespace run with a lookahead that
  // sees the end of a piece differently, so only o200k and cl100k are cut.
  if (encoding === "p50k_base" || encoding === "r50k_base") return countPiece;
  const memo = new Map<string, number>();
  return (text) => {
    let total = 0;
    let start = 0;
    for (const end of pieceEnds(text)) {
      const piece = text.slice(start, end);
      let count = memo.get(piece);
      if (count === undefined) {
        count = countPiece(piece);
        // Bounded: a long run forgets and starts over rather than growing without end.
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(piece, count);
      }
      total += count;
      start = end;
    }
    return start < text.length ? total + countPiece(text.slice(start)) : total;
  };
}

const MEMO_LIMIT = 250_000;

/**
 * Where a text can be cut without changing its o200k or cl100k token count:
 * right after a newline followed by a character that is neither whitespace
 * nor `/`.
 * No pre-tokenizer pattern of these encodings reaches across such a point
 * (words and numbers never hold a newline; whitespace runs only continue into
 * whitespace; punctuation runs only absorb following newlines and, in o200k,
 * slashes). Counting the pieces separately and remembering each piece's count
 * (code repeats lines a lot) gives the same total about twice as fast.
 */
function* pieceEnds(text: string): Generator<number> {
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) {
    const next = text.charCodeAt(i + 1);
    // Whitespace (ASCII and the Unicode separators `\s` knows) and "/" keep the piece going.
    if (next <= 32 || next === 47 || next === 0x85 || next === 0xa0 || next === 0x1680) continue;
    if ((next >= 0x2000 && next <= 0x200a) || next === 0x2028 || next === 0x2029) continue;
    if (next === 0x202f || next === 0x205f || next === 0x3000 || next === 0xfeff) continue;
    yield i + 1;
  }
}
