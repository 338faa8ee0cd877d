import assert from "node:assert/strict";
import { Secret } from "../../src/core/mod.ts";

Deno.test("Secret never shows its value when printed, inspected or serialised", () => {
  const secret = new Secret("sk-very-secret");
  assert.equal(String(secret), "[redacted]");
  assert.equal(`${secret}`, "[redacted]");
  assert.equal(JSON.stringify({ secret }), '{"secret":"[redacted]"}');
  assert.equal(Deno.inspect(secret), "Secret([redacted])");
  assert.equal(Deno.inspect({ nested: { secret } }).includes("sk-very-secret"), false);
  assert.equal(secret.reveal(), "sk-very-secret");
});
