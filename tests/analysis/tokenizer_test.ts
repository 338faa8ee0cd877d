import assert from "node:assert/strict";
import fc from "fast-check";
import * as cl100k from "gpt-tokenizer/encoding/cl100k_base";
import * as o200k from "gpt-tokenizer/encoding/o200k_base";
import * as p50k from "gpt-tokenizer/encoding/p50k_base";
import * as r50k from "gpt-tokenizer/encoding/r50k_base";
import { loadTokenCounter, TOKEN_ENCODINGS } from "../../src/analysis/tokenizer.ts";

const REFERENCE = { o200k_base: o200k, cl100k_base: cl100k, p50k_base: p50k, r50k_base: r50k };

// The counter cuts texts into pieces and remembers each piece's count; the
// total must be exactly what the encoding gives for the whole text.
const codeish = fc.string({
  unit: fc.constantFrom(
    "\n",
    "\n",
    " ",
    "  ",
    "\t",
    "/",
    "//",
    "*",
    "}",
    "{",
    ";",
    "'s",
    "a",
    "Z",
    "é",
    "中",
    "1",
    "22",
    "333",
    "\r\n",
    "\u00a0",
    "\u2028",
    "<|endoftext|>",
    "foo",
    "Bar",
    "=>",
    "#",
    '"',
    "`",
    "$",
  ),
  maxLength: 80,
});

for (const encoding of TOKEN_ENCODINGS) {
  Deno.test(`loadTokenCounter(${encoding}): piecewise counts equal whole-text counts`, async () => {
    const count = await loadTokenCounter(encoding);
    const reference = (text: string) =>
      REFERENCE[encoding].countTokens(text, { disallowedSpecial: new Set<string>() });
    fc.assert(fc.property(codeish, (text) => count(text) === reference(text)), { numRuns: 3000 });
    const source = await Deno.readTextFile(
      new URL("../../src/analysis/pack_context.ts", import.meta.url),
    );
    assert.equal(count(source), reference(source));
    assert.equal(count(source), reference(source), "memoised second count");
  });
}
