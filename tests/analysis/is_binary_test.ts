import assert from "node:assert/strict";
import { isBinary } from "../../src/analysis/is_binary.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("isBinary() treats ASCII source as text", () => {
  assert.equal(isBinary(encode("const a = 1;\n\tconsole.log(a);\r\n")), false);
});

Deno.test("isBinary() treats UTF-8 text with CJK and emoji as text", () => {
  assert.equal(
    isBinary(encode("// 日本語 🦕🚀\nconst 名前 = 'テスト';\n".repeat(50))),
    false,
  );
});

Deno.test("isBinary() treats an empty file as text", () => {
  assert.equal(isBinary(new Uint8Array()), false);
});

Deno.test("isBinary() treats a NUL byte in the first 8 KiB as binary", () => {
  const bytes = encode("a".repeat(5000));
  bytes[4000] = 0;
  assert.equal(isBinary(bytes), true);
});

Deno.test("isBinary() looks only at the first 8 KiB", () => {
  const bytes = encode("a".repeat(10_000));
  bytes[9000] = 0;
  assert.equal(isBinary(bytes), false);
});

Deno.test("isBinary() treats many control bytes as binary", () => {
  const bytes = new Uint8Array(1000).map((_, i) => (i % 4 === 0 ? 0x01 : 0x41));
  assert.equal(isBinary(bytes), true);
});

Deno.test("isBinary() accepts tabs, form feeds and ANSI escapes in text", () => {
  assert.equal(isBinary(encode("\x1b[31mred\x1b[0m\f\v\tline\n".repeat(100))), false);
});

Deno.test("isBinary() treats mostly invalid UTF-8 as binary", () => {
  const bytes = new Uint8Array(1000).map((_, i) => (i % 2 === 0 ? 0xff : 0x41));
  assert.equal(isBinary(bytes), true);
});

Deno.test("isBinary() treats mostly-ASCII Latin-1 text as text", () => {
  const bytes = encode("caf_ na_ve r_sum_\n".repeat(20)).map((b) => (b === 0x5f ? 0xe9 : b));
  assert.equal(isBinary(bytes), false);
});

Deno.test("isBinary() does not count a UTF-8 sequence cut at 8 KiB against the file", () => {
  const text = encode("a".repeat(8191) + "é" + "b".repeat(100));
  assert.equal(isBinary(text), false);
});

Deno.test("isBinary() treats UTF-16 with a byte-order mark as text and UTF-32 as binary", () => {
  const utf16le = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]);
  const utf16be = new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x0a]);
  const utf32le = new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00]);
  assert.equal(isBinary(utf16le), false);
  assert.equal(isBinary(utf16be), false);
  assert.equal(isBinary(utf32le), true);
  assert.equal(new TextDecoder("utf-16le").decode(utf16le), "a\n");
});

Deno.test("isBinary() recognises common binary formats", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
  const gzip = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
  assert.equal(isBinary(png), true);
  assert.equal(isBinary(gzip), true);
});
