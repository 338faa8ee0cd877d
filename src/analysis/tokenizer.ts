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
  return (text) => module.countTokens(text, NO_SPECIAL);
}
