/**
 * Tells binary files from text by their first bytes, so the line counter only
 * sees text.
 *
 * @module
 */

/** How many leading bytes are examined. */
const SAMPLE = 8192;

/**
 * Whether `bytes` look like a binary file rather than text. Only the first
 * 8 KiB are examined:
 *
 * - a UTF-16 byte-order mark (`FF FE` or `FE FF`) means text: decode it with
 *   `new TextDecoder("utf-16le")` or `"utf-16be"` before counting lines;
 * - a UTF-32 byte-order mark, or any NUL byte, means binary (as git decides);
 * - so do control bytes other than tab, line feed, carriage return, form
 *   feed, vertical tab, backspace and escape making up more than 10% of the
 *   sample, or those plus bytes that are not valid UTF-8 more than 30%.
 *
 * UTF-8 text in any script (CJK, emoji) and mostly-ASCII Latin-1 text are text;
 * an empty file is text.
 *
 * @param bytes The file's content, or at least its first 8 KiB.
 * @returns True when the content is binary.
 *
 * @example Check text and binary content
 * ```ts
 * import assert from "node:assert/strict";
 * import { isBinary } from "./is_binary.ts";
 * assert.equal(isBinary(new TextEncoder().encode("const 名前 = '🦕';\n")), false);
 * const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
 * assert.equal(isBinary(png), true);
 * ```
 */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  if (n >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return true;
  }
  if (
    n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return false;
  }
  let control = 0;
  let invalid = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20) {
      if (b === 0) return true;
      if (b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 8 && b !== 27) control++;
    } else if (b === 0x7f) {
      control++;
    } else if (b >= 0x80) {
      const need = b >= 0xc2 && b <= 0xdf
        ? 1
        : b >= 0xe0 && b <= 0xef
        ? 2
        : b >= 0xf0 && b <= 0xf4
        ? 3
        : 0;
      if (need === 0) {
        invalid++;
        continue;
      }
      // A sequence cut off by the end of the sample is not held against the file.
      if (i + need >= n && bytes.length > n) break;
      let k = 1;
      while (k <= need && i + k < n && (bytes[i + k]! & 0xc0) === 0x80) k++;
      if (k <= need) invalid++;
      else i += need;
    }
  }
  return control > n * 0.1 || control + invalid > n * 0.3;
}
