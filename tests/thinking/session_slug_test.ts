import assert from "node:assert/strict";
import { sessionSlug } from "../../src/thinking/mod.ts";

const AT = new Date("2026-05-01T23:59:59.999Z");

Deno.test("sessionSlug() keeps safe ids as they are", () => {
  assert.equal(sessionSlug("stdio", AT), "2026-05-01T235959Z-stdio");
  assert.equal(sessionSlug("cli-4242", AT), "2026-05-01T235959Z-cli-4242");
  assert.equal(
    sessionSlug("9f1c2b7e-1d2c-4c5b-8a3e-2f6d7c8b9a0e", AT),
    "2026-05-01T235959Z-9f1c2b7e-1d2c-4c5b-8a3e-2f6d7c8b9a0e",
  );
});

Deno.test("sessionSlug() makes any id a safe file name and keeps distinct ids apart", () => {
  const nasty = ["../../etc", "a/b", "a:b", ".hidden", "..", "", "\0", "é", "x".repeat(200)];
  const slugs = nasty.map((id) => sessionSlug(id, AT));
  for (const slug of slugs) {
    assert.match(slug, /^2026-05-01T235959Z-[A-Za-z0-9][A-Za-z0-9._-]*$/);
    assert.ok(!slug.includes(".."), slug);
    assert.ok(slug.length <= 80, slug);
  }
  assert.equal(new Set(slugs).size, nasty.length);
});
